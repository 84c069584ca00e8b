using System.Management.Automation;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// Measure-Loss: a loss between predictions and targets (nn.MSELoss()(pred, y) and friends), as a
/// tensor that still records its graph, so it can be piped to Invoke-Backward.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "Loss")]
[OutputType(typeof(Tensor))]
public sealed class MeasureLossCommand : NNToolsCmdlet
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

    protected override void BeginProcessing() => _loss = Catalog.CreateLoss(Loss, Reduction);

    protected override void ProcessRecord() => Try(() => WriteObject(_loss.Compute(Prediction, Target)), Prediction);
}
