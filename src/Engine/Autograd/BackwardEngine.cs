namespace NNTools.Autograd;

/// <summary>
/// The single backward algorithm: order the graph topologically without recursion (deep graphs
/// must not overflow the stack), sweep it in reverse, accumulate each gradient with +=, and
/// assert that every gradient has the shape of the tensor it belongs to.
/// </summary>
internal static class BackwardEngine
{
    [ThreadStatic] private static bool t_running;

    /// <summary>True on a thread while it runs a backward pass (backward functions run only then).</summary>
    public static bool Running => t_running;

    public static void Run(Tensor root, Tensor? gradient, bool retainGraph)
    {
        if (!root.RequiresGrad)
        {
            throw Raise(new AutogradException("NoGradFn",
                "element 0 of tensors does not require grad and does not have a grad_fn"));
        }
        if (gradient is null)
        {
            if (root.Numel() != 1)
            {
                throw Raise(ImplicitGradError(root));
            }
            gradient = Tensor.OnesLike(root);
        }
        else if (!Shapes.SameShape(gradient.Sizes, root.Sizes))
        {
            throw Raise(GradientShapeError(gradient, root));
        }

        var order = TopologicalOrder(root);
        // Pending gradients live on the tensors themselves (cleared by TopologicalOrder), not in a
        // dictionary: a tiny model's step is a few dozen nodes, and hashing them cost more than the math.
        root.PendingGrad = gradient.To(root.DType);

        using var _ = GradMode.NoGrad();
        bool outer = t_running;
        t_running = true;
        try
        {
            Sweep(order, retainGraph);
        }
        finally
        {
            t_running = outer;
        }
    }

    /// <summary>Runs each node's backward in reverse topological order, passing the gradients down to the inputs.</summary>
    private static void Sweep(List<Tensor> order, bool retainGraph)
    {
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            var g = t.PendingGrad;
            if (g is null) continue;
            t.PendingGrad = null;
            if (t.Node is null || t.RetainsGrad)
            {
                t.AccumulateGrad(g);
            }
            var node = t.Node;
            if (node is null) continue;
            var inputGrads = node.Apply(g);
            for (int k = 0; k < node.Inputs.Length; k++)
            {
                var input = node.Inputs[k];
                var ig = inputGrads[k];
                if (ig is null || !input.RequiresGradRaw) continue;
                if (!Shapes.SameShape(ig.Sizes, input.Sizes))
                {
                    throw WrongGradientShapeError(node, ig, k, input);
                }
                // A scratch buffer handed out a second time (the same gradient, or a view of it, for
                // two inputs) is shared from then on: no backward function may overwrite it.
                if (ig.Storage.ScratchHandOuts >= 0) ig.Storage.ScratchHandOuts++;
                input.PendingGrad = input.PendingGrad is { } prev ? prev + ig : ig;
            }
            if (!retainGraph) node.Free();
        }
    }

    /// <summary>Post-order of the tensors reachable from <paramref name="root"/>: every tensor after the inputs it was computed from, root last.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        // Sized for a small model's graph, so the step does not regrow the list (and a first step does
        // not compile its resize path).
        var order = new List<Tensor>(16);
        // A fresh mark per pass stands for "visited" (no hash set); it also clears any gradient a
        // pass that threw left pending.
        int mark = Interlocked.Increment(ref s_pass);
        // An explicit stack as two arrays (tensor, index of its next input), not Stack<(Tensor, int)>:
        // that generic instantiation over a value tuple was compiled anew in every run's first backward pass.
        var stack = new Tensor[16];
        var next = new int[16];
        int depth = 1;
        stack[0] = root;
        Visit(root, mark);
        while (depth > 0)
        {
            var t = stack[depth - 1];
            var node = t.Node;
            int k = next[depth - 1];
            // Once per node: inputs an in-place op rebased since lead back to the history this node consumed.
            if (k == 0) node?.ResolveInputs();
            var inputs = node?.Inputs;
            if (inputs is not null && k < inputs.Length)
            {
                next[depth - 1] = k + 1;
                var child = inputs[k];
                if (child.RequiresGradRaw)
                {
                    if (Visit(child, mark))
                    {
                        if (depth == stack.Length) Grow(ref stack, ref next);
                        stack[depth] = child;
                        next[depth] = 0;
                        depth++;
                    }
                    child.GradConsumers++;
                }
                continue;
            }
            depth--;
            order.Add(t);
        }
        return order;
    }

    private static void Grow(ref Tensor[] stack, ref int[] next)
    {
        Array.Resize(ref stack, stack.Length * 2);
        Array.Resize(ref next, next.Length * 2);
    }

    private static int s_pass;

    /// <summary>Marks <paramref name="t"/> as reached in pass <paramref name="mark"/>; false when it already was.</summary>
    private static bool Visit(Tensor t, int mark)
    {
        if (t.VisitMark == mark) return false;
        t.VisitMark = mark;
        t.PendingGrad = null;
        t.GradConsumers = 0;
        return true;
    }

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown,
    // which keeps the checked method small for the JIT (a first training step compiles dozens of them).
    private static AutogradException ImplicitGradError(Tensor root) => new("ImplicitGradNonScalar",
        $"grad can be implicitly created only for scalar outputs; the output has shape {Shapes.Format(root.Sizes)}: pass a gradient of that shape");
    private static ShapeMismatchException GradientShapeError(Tensor gradient, Tensor root) => new("GradientShapeMismatch",
        $"Mismatch in shape: grad_output has a shape of {Shapes.Format(gradient.Sizes)} and output has a shape of {Shapes.Format(root.Sizes)}");
    private static InvalidOperationException WrongGradientShapeError(GradNode node, Tensor ig, int k, Tensor input) => new(
        $"internal: {node.Name} produced a gradient of shape {Shapes.Format(ig.Sizes)} for input {k} of shape {Shapes.Format(input.Sizes)}");
}
