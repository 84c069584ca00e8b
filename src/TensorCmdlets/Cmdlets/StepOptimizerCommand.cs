using System.Management.Automation;
using NNTools.Optim;

namespace NNTools.Commands;

/// <summary>Step-Optimizer: one optimizer step from the gradients backward left (optimizer.step()).</summary>
[Cmdlet(VerbsCommon.Step, "Optimizer")]
[OutputType(typeof(Optimizer))]
public sealed class StepOptimizerCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Optimizer Optimizer { get; set; } = null!;

    /// <summary>Clear the gradients after the step (optimizer.zero_grad()), so the next backward starts from none.</summary>
    [Parameter]
    public SwitchParameter ClearGradient { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            Optimizer.Step();
            if (ClearGradient) Optimizer.ZeroGrad();
            if (PassThru) WriteObject(Optimizer);
        }, Optimizer);
    }
}
