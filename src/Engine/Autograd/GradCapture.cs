namespace NNTools.Autograd;

/// <summary>
/// What Autograd.Grad needs from a backward sweep: the inputs' gradients, taken as they arrive, and
/// which tensors the sweep must pass gradients through at all (those from which an input is reached).
/// </summary>
internal sealed class Capture
{
    private readonly HashSet<Tensor> _inputs;
    // Tensors whose node has an input that is, or leads to, one of the inputs: only they run backward.
    private readonly HashSet<Tensor> _through = new(ReferenceEqualityComparer.Instance);

    /// <summary>Each input's gradient, once the sweep reached it.</summary>
    public Dictionary<Tensor, Tensor> Grads { get; } = new(ReferenceEqualityComparer.Instance);

    /// <param name="inputs">The tensors whose gradients are wanted.</param>
    /// <param name="order">The sweep's post-order: every tensor after the inputs of its node.</param>
    public Capture(Tensor[] inputs, List<Tensor> order)
    {
        _inputs = new HashSet<Tensor>(inputs, ReferenceEqualityComparer.Instance);
        foreach (var t in order)
        {
            if (t.Node is not { } node) continue;
            // A node a previous pass freed has lost its inputs: go through it, so that it raises BackwardTwice.
            if (node.IsFreed)
            {
                _through.Add(t);
                continue;
            }
            foreach (var x in node.Inputs)
            {
                if (x.RequiresGradRaw && (_inputs.Contains(x) || _through.Contains(x)))
                {
                    _through.Add(t);
                    break;
                }
            }
        }
    }

    /// <summary>Keeps <paramref name="g"/> when <paramref name="t"/> is an input; true when the sweep must go on through t.</summary>
    public bool Take(Tensor t, Tensor g)
    {
        if (_inputs.Contains(t))
        {
            Grads[t] = g;
        }
        return _through.Contains(t);
    }
}
