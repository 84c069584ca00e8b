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

    /// <summary>The loss type's own options (LossCatalog: -Weight, -IgnoreIndex, -LabelSmoothing, ...), taken by name.</summary>
    public object? GetDynamicParameters()
    {
        var kind = LossCatalog.TryFind(Loss);
        _arguments = kind is null ? null : DynamicArguments.Parameters(kind.Arguments, firstPosition: null);
        return _arguments;
    }

    protected override void BeginProcessing() =>
        TryOrStop(() => _loss = LossCatalog.Find(Loss).Build(Reduction, DynamicArguments.Values(_arguments)));

    protected override void ProcessRecord() => Try(() => WriteObject(_loss.Compute(Prediction, Target)), Prediction);
}
