using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>Get-TensorDefault: torch.get_default_dtype, as the settings object of this runspace.</summary>
[Cmdlet(VerbsCommon.Get, "TensorDefault")]
[OutputType(typeof(TensorDefaults))]
public sealed class GetTensorDefaultCommand : NNToolsCmdlet
{
    protected override void EndProcessing() => WriteObject(Tensor.GetDefaults());
}
