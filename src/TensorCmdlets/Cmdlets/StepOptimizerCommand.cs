using System.Management.Automation;
using NNTools.Optim;

namespace NNTools.Commands;

/// <summary>
/// Step-Optimizer: one optimizer step from the gradients backward left (optimizer.step()), or with
/// -Closure one step of an optimizer that re-evaluates the loss itself (optimizer.step(closure), LBFGS).
/// </summary>
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

    /// <summary>The loss closure: clears the gradients, computes the loss, calls Backward, returns the loss.</summary>
    [Parameter]
    [ValidateNotNull]
    public ScriptBlock? Closure { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            if (Closure is not null) Optimizer.Step(LossClosure.From(Closure, nameof(Closure)));
            else Optimizer.Step();
            if (ClearGradient) Optimizer.ZeroGrad();
            if (PassThru) WriteObject(Optimizer);
        }, Optimizer);
    }
}
