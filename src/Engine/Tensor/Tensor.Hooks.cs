using NNTools.Autograd;

namespace NNTools;

public sealed partial class Tensor
{
    // Registration order is run order; null until a first hook, so the backward pass pays one null test.
    private List<HookHandle>? _hooks;

    /// <summary>
    /// Registers <paramref name="hook"/> to run each time a gradient with respect to this tensor is
    /// computed, as torch's register_hook: it receives that gradient, and a non-null return replaces it
    /// (same shape and dtype) for everything downstream. On a leaf it runs before the gradient is added
    /// to <see cref="Grad"/>; on a non-leaf before the gradient flows on (and before a retained grad is
    /// kept). Several hooks run in registration order, each seeing the previous one's result. The
    /// hook runs on the thread that called Backward or Autograd.Grad. Remove it with the returned handle.
    /// </summary>
    public HookHandle RegisterHook(Func<Tensor, Tensor?> hook)
    {
        ThrowIfNull(hook);
        if (!RequiresGrad)
        {
            throw Raise(new AutogradException("HookNoGrad", "cannot register a hook on a tensor that doesn't require gradient"));
        }
        var handle = new HookHandle(this, hook);
        (_hooks ??= []).Add(handle);
        return handle;
    }

    internal bool HasHooks => _hooks is { Count: > 0 };

    internal void RemoveHook(HookHandle handle) => _hooks?.Remove(handle);

    /// <summary>Passes <paramref name="g"/> through this tensor's hooks in order; the result is the gradient to use.</summary>
    internal Tensor RunHooks(Tensor g)
    {
        // A copy of the list: a hook may remove itself or register another while it runs.
        foreach (var handle in _hooks!.ToArray())
        {
            if (handle.Hook(g) is not { } replaced) continue;
            if (!Shapes.SameShape(replaced.Sizes, g.Sizes))
            {
                throw Raise(new AutogradException("HookChangedShape",
                    $"a hook has changed the size of the gradient: it received shape {Shapes.Format(g.Sizes)} and returned shape {Shapes.Format(replaced.Sizes)}"));
            }
            if (replaced.DType != g.DType)
            {
                throw Raise(new AutogradException("HookChangedDType",
                    $"a hook has changed the type of the gradient (was {g.DType.TorchName()} got {replaced.DType.TorchName()})"));
            }
            g = replaced;
        }
        return g;
    }
}
