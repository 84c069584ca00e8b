using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// Invoke-Backward: tensor.backward(). Gradients flow into the leaves' Grad and add up across
/// calls until cleared (Clear-Gradient); a second pass through the same graph needs -RetainGraph
/// on the first.
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
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            Tensor.Backward(Gradient, RetainGraph);
            if (PassThru) WriteObject(Tensor);
        }, Tensor);
    }
}
