using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// Invoke-Backward: tensor.backward(). Gradients flow into the leaves' Grad and add up across
/// calls until cleared (Clear-Gradient); a second pass through the same graph needs -RetainGraph
/// on the first. -CreateGraph records the pass itself, so the gradients can be differentiated again.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Backward")]
[OutputType(typeof(Tensor))]
public sealed class InvokeBackwardCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Tensor Tensor { get; set; } = null!;

    [Parameter(Position = 1)]
    [ValidateNotNull]
    public Tensor? Gradient { get; set; }

    [Parameter]
    public SwitchParameter RetainGraph { get; set; }

    [Parameter]
    public SwitchParameter CreateGraph { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            // Without -RetainGraph, torch's default: the graph is kept when the pass creates one.
            Tensor.Backward(Gradient, RetainGraph.IsPresent ? RetainGraph.ToBool() : null, CreateGraph);
            if (PassThru) WriteObject(Tensor);
        }, Tensor);
    }
}
