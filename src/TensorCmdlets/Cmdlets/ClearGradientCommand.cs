using System.Management.Automation;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// Clear-Gradient: zero_grad() for tensors and models. Gradients are dropped (set to $null, as
/// PyTorch's default set_to_none) or, with -SetToZero, filled with zeros in place.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "Gradient")]
[OutputType(typeof(Tensor), typeof(Module))]
public sealed class ClearGradientCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object[] InputObject { get; set; } = [];

    [Parameter]
    public SwitchParameter SetToZero { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (object item in InputObject)
        {
            switch (PSObject.AsPSObject(item).BaseObject)
            {
                case Tensor tensor:
                    tensor.ZeroGrad(setToNone: !SetToZero);
                    break;
                case Module module:
                    try
                    {
                        module.ZeroGrad(setToNone: !SetToZero);
                    }
                    catch (TensorException e)
                    {
                        // A model that contains itself (ModuleCycle); the next input still runs.
                        WriteError(ToErrorRecord(e, item));
                        continue;
                    }
                    break;
                default:
                    WriteError(new ErrorRecord(
                        new ArgumentException($"Clear-Gradient takes tensors and models, not a {PSObject.AsPSObject(item).BaseObject.GetType().Name}"),
                        "NotTensorOrModule", ErrorCategory.InvalidArgument, item));
                    continue;
            }
            if (PassThru) WriteObject(item);
        }
    }
}
