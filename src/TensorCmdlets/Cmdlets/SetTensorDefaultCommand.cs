using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// Set-TensorDefault: torch.set_default_dtype. Sets the dtype that float factories, floating data
/// and Python-style floats in arithmetic take, for this runspace only (as each runspace has its own
/// default generator).
/// </summary>
[Cmdlet(VerbsCommon.Set, "TensorDefault")]
[OutputType(typeof(TensorDefaults))]
public sealed class SetTensorDefaultCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [DTypeTransformation]
    public DType DType { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        TryOrStop(() => Tensor.SetDefaultDType(DType));
        if (PassThru) WriteObject(Tensor.GetDefaults());
    }
}
