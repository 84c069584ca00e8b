using System.Management.Automation;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// Measure-Loss: a loss between predictions and targets (nn.MSELoss()(pred, y) and friends), as a
/// tensor that still records its graph, so it can be piped to Invoke-Backward.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "Loss")]
[OutputType(typeof(Tensor))]
public sealed class MeasureLossCommand : NNToolsCmdlet, IDynamicParameters
{
    private Loss _loss = null!;

    /// <summary>The loss's name; -Loss as in Start-Training and Test-Model (-Type still binds).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Type")]
    [ValidateSet(typeof(LossNames), IgnoreCase = true)]
    public string Loss { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [Alias("Input")]
    [ValidateNotNull]
    public Tensor Prediction { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 2)]
    [ValidateNotNull]
    public Tensor Target { get; set; } = null!;

    [Parameter]
    public Reduction Reduction { get; set; } = Reduction.Mean;

    private RuntimeDefinedParameterDictionary? _arguments;

    private LossKind _kind = null!;

    private Tensor? _third;

    /// <summary>
    /// The loss type's own options (LossCatalog: -Weight, -IgnoreIndex, -LabelSmoothing, ...), taken by
    /// name, and for a loss of three tensors its third one (-Variance, -Input2), required.
    /// </summary>
    public object? GetDynamicParameters()
    {
        var kind = LossCatalog.TryFind(Loss);
        _arguments = kind is null ? null
            : DynamicArguments.Parameters(kind.ThirdTensor is { } third ? [.. kind.Arguments, third] : kind.Arguments, firstPosition: null);
        return _arguments;
    }

    protected override void BeginProcessing() => TryOrStop(() =>
    {
        _kind = LossCatalog.Find(Loss);
        var values = DynamicArguments.Values(_arguments);
        if (_kind.ThirdTensor is { } third && values.Remove(third.Name, out var tensor)) _third = (Tensor?)tensor;
        _loss = _kind.Build(Reduction, values);
    });

    protected override void ProcessRecord() => Try(() => WriteObject(_kind.Compute(_loss, Prediction, Target, _third)), Prediction);
}
