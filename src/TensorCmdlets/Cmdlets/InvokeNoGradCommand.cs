using System.Management.Automation;
using NNTools.Autograd;

namespace NNTools.Commands;

/// <summary>
/// Invoke-NoGrad: runs a script block as in <c>with torch.no_grad():</c>. Operations inside record
/// no graph; the block is dot-sourced, so variables it sets stay in the caller's scope. The scope
/// ends when the block does, also when it throws or the pipeline is stopped. -InferenceMode runs it
/// as <c>with torch.inference_mode():</c> instead: tensors made inside are inference tensors.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "NoGrad")]
[OutputType(typeof(object))]
public sealed class InvokeNoGradCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    [Parameter]
    public SwitchParameter InferenceMode { get; set; }

    [Parameter(ValueFromRemainingArguments = true)]
    public object[] ArgumentList { get; set; } = [];

    protected override void EndProcessing()
    {
        // GradMode is per thread and the block runs here, on the pipeline thread.
        using (InferenceMode ? GradMode.InferenceMode() : GradMode.NoGrad())
        {
            foreach (var result in InvokeCommand.InvokeScript(false, ScriptBlock, null, ArgumentList))
                WriteObject(result);
        }
    }
}
