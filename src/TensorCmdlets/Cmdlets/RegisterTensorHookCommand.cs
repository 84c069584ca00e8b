using System.Management.Automation;
using System.Management.Automation.Runspaces;
using NNTools.Autograd;

namespace NNTools.Commands;

/// <summary>
/// Register-TensorHook: tensor.register_hook(fn) with a script block. The block receives the
/// gradient with respect to the tensor ($args[0] or its first param); a tensor it outputs replaces
/// the gradient, no output keeps it. Writes the handle, whose Remove() unregisters the hook.
/// </summary>
/// <remarks>
/// Backward runs hooks on the thread that called it. A script block can run only in its own
/// runspace, which is current on that runspace's pipeline thread: there (Invoke-Backward, a
/// Backward() call, Start-Training) the hook runs; a backward pass called from another runspace's
/// thread (ForEach-Object -Parallel) is refused with the error id HookRunspace instead of running
/// the block where its variables do not exist.
/// </remarks>
[Cmdlet(VerbsLifecycle.Register, "TensorHook")]
[OutputType(typeof(HookHandle))]
public sealed class RegisterTensorHookCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Tensor Tensor { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    protected override void ProcessRecord()
    {
        var hook = Bridge(ScriptBlock, Runspace.DefaultRunspace);
        Try(() => WriteObject(Tensor.RegisterHook(hook)), Tensor);
    }

    private static Func<Tensor, Tensor?> Bridge(ScriptBlock block, Runspace owner) => grad =>
    {
        if (!ReferenceEquals(Runspace.DefaultRunspace, owner))
        {
            throw new AutogradException("HookRunspace",
                $"a Register-TensorHook script block runs only on its own runspace's thread; this backward pass ran on thread {Environment.CurrentManagedThreadId} of another runspace. Register the hook in the runspace that runs the backward pass.");
        }
        var output = block.Invoke(grad);
        if (output.Count == 0 || (output.Count == 1 && output[0] is null)) return null;
        if (output.Count == 1 && output[0].BaseObject is Tensor replaced) return replaced;
        throw new TensorArgumentException("HookResult",
            $"a Register-TensorHook script block must output one tensor (the new gradient) or nothing; it output {output.Count} object(s)" +
            (output.Count == 1 ? $" of type {output[0].BaseObject.GetType().Name}" : ""));
    };
}
