namespace NNTools.Autograd;

/// <summary>A registered tensor hook (torch's RemovableHandle): <see cref="Remove"/> unregisters it.</summary>
public sealed class HookHandle
{
    private Tensor? _owner;

    internal HookHandle(Tensor owner, Func<Tensor, Tensor?> hook)
    {
        _owner = owner;
        Hook = hook;
    }

    internal Func<Tensor, Tensor?> Hook { get; }

    /// <summary>Unregisters the hook; a second call does nothing.</summary>
    public void Remove()
    {
        _owner?.RemoveHook(this);
        _owner = null;
    }
}
