namespace NNTools.Autograd;

/// <summary>
/// The single backward algorithm: order the graph topologically without recursion (deep graphs
/// must not overflow the stack), sweep it in reverse, accumulate each gradient with +=, and
/// assert that every gradient has the shape of the tensor it belongs to.
/// </summary>
internal static class BackwardEngine
{
    [ThreadStatic] private static bool t_running;
    [ThreadStatic] private static bool t_leafShortcuts;

    /// <summary>True on a thread while it runs a backward pass (backward functions run only then).</summary>
    public static bool Running => t_running;

    /// <summary>
    /// True while a plain first-order Backward runs on this thread: the one kind of pass in which a
    /// backward function may write a leaf's .Grad itself (see Tensor.GradForDirectAccumulation).
    /// Autograd.Grad must not touch .Grad, and a pass that builds a graph needs recorded ops.
    /// </summary>
    public static bool LeafShortcuts => t_leafShortcuts;

    public static void Run(Tensor root, Tensor? gradient, bool retainGraph, bool createGraph = false)
    {
        if (!root.RequiresGrad)
        {
            throw Raise(NoGradFnError(0));
        }
        // No kernel runs on this thread at the start of a backward pass: a safe point to reuse buffers.
        BufferPool.Reclaim();
        gradient = RootGradient(root, gradient);
        var order = TopologicalOrder([root]);
        // Pending gradients live on the tensors themselves (cleared by TopologicalOrder), not in a
        // dictionary: a tiny model's step is a few dozen nodes, and hashing them cost more than the math.
        root.PendingGrad = gradient.To(root.DType);
        Execute(order, retainGraph, createGraph, capture: null);
    }

    /// <summary>
    /// torch.autograd.grad: the gradients of <paramref name="outputs"/> (weighted by
    /// <paramref name="gradOutputs"/>) with respect to <paramref name="inputs"/>, returned rather than
    /// accumulated into any .Grad. Only the part of the graph that leads to an input is run.
    /// </summary>
    public static Tensor?[] Grad(Tensor[] outputs, Tensor?[]? gradOutputs, Tensor[] inputs, bool retainGraph, bool createGraph, bool allowUnused)
    {
        if (outputs.Length == 0) throw Raise(new AutogradException("GradEmptyOutputs", "grad requires at least one output"));
        if (inputs.Length == 0) throw Raise(new AutogradException("GradEmptyInputs", "grad requires non-empty inputs"));
        if (gradOutputs is not null && gradOutputs.Length != outputs.Length)
        {
            throw Raise(new TensorArgumentException("GradOutputsCount",
                $"grad requires one grad_output per output: got {gradOutputs.Length} grad_outputs for {outputs.Length} outputs"));
        }
        for (int i = 0; i < outputs.Length; i++)
        {
            if (!outputs[i].RequiresGrad) throw Raise(NoGradFnError(i));
        }
        foreach (var x in inputs)
        {
            if (!x.RequiresGrad) throw Raise(new AutogradException("GradInputNoGrad", "One of the differentiated Tensors does not require grad"));
        }
        var seeds = new Tensor[outputs.Length];
        for (int i = 0; i < outputs.Length; i++) seeds[i] = RootGradient(outputs[i], gradOutputs?[i], i).To(outputs[i].DType);

        var order = TopologicalOrder(outputs);
        for (int i = 0; i < outputs.Length; i++)
        {
            var o = outputs[i];
            o.PendingGrad = o.PendingGrad is { } prev ? prev + seeds[i] : seeds[i];
        }
        var capture = new Capture(inputs, order);
        Execute(order, retainGraph, createGraph, capture);

        var result = new Tensor?[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            if (capture.Grads.TryGetValue(inputs[k], out var g)) result[k] = g.DType == inputs[k].DType ? g : g.To(inputs[k].DType);
            else if (!allowUnused)
            {
                throw Raise(new AutogradException("GradUnusedInput",
                    $"One of the differentiated Tensors (input {k}, shape {Shapes.Format(inputs[k].Sizes)}) appears to not have been used in the graph. Set allowUnused = true if this is the desired behavior."));
            }
        }
        return result;
    }

    /// <summary>The gradient an output starts from: the one given (checked against its shape) or ones for a scalar.</summary>
    private static Tensor RootGradient(Tensor root, Tensor? gradient, int index = -1)
    {
        if (gradient is null)
        {
            if (root.Numel() != 1) throw Raise(ImplicitGradError(root));
            return Tensor.OnesLike(root);
        }
        if (!Shapes.SameShape(gradient.Sizes, root.Sizes)) throw Raise(GradientShapeError(gradient, root, index));
        return gradient;
    }

    /// <summary>
    /// Sweeps <paramref name="order"/> with grad mode on only when a graph of the backward is built
    /// (create_graph): backward functions then run recorded tensor ops, so their results can be
    /// differentiated again. Otherwise they run under no-grad and may take the fused shortcuts.
    /// </summary>
    private static void Execute(List<Tensor> order, bool retainGraph, bool createGraph, Capture? capture)
    {
        using var _ = GradMode.SetGradEnabled(createGraph);
        bool outer = t_running, outerShortcuts = t_leafShortcuts;
        t_running = true;
        t_leafShortcuts = !createGraph && capture is null;
        try
        {
            Sweep(order, retainGraph, capture);
        }
        finally
        {
            t_running = outer;
            t_leafShortcuts = outerShortcuts;
        }
    }

    /// <summary>Runs each node's backward in reverse topological order, passing the gradients down to the inputs.</summary>
    private static void Sweep(List<Tensor> order, bool retainGraph, Capture? capture)
    {
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            var g = t.PendingGrad;
            if (g is null) continue;
            t.PendingGrad = null;
            // Autograd.Grad takes an input's gradient as it arrives, before the tensor's hooks (as torch
            // 1.13 captures it), and goes on past it only when another input lies further up.
            if (capture is not null && !capture.Take(t, g)) continue;
            if (t.HasHooks)
            {
                g = t.RunHooks(g);
            }
            if (capture is null && (t.Node is null || t.RetainsGrad))
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
                input.PendingGrad = input.PendingGrad is { } prev ? prev + ig : ig;
            }
            if (!retainGraph) node.Free();
        }
    }

    /// <summary>Post-order of the tensors reachable from <paramref name="roots"/>: every tensor after the inputs it was computed from.</summary>
    private static List<Tensor> TopologicalOrder(Tensor[] roots)
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
        foreach (var root in roots)
        {
            if (!Visit(root, mark)) continue;
            int depth = 1;
            stack[0] = root;
            next[0] = 0;
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
    private static ShapeMismatchException GradientShapeError(Tensor gradient, Tensor root, int index) => new("GradientShapeMismatch",
        index < 0
            ? $"Mismatch in shape: grad_output has a shape of {Shapes.Format(gradient.Sizes)} and output has a shape of {Shapes.Format(root.Sizes)}"
            : $"Mismatch in shape: grad_output[{index}] has a shape of {Shapes.Format(gradient.Sizes)} and output[{index}] has a shape of {Shapes.Format(root.Sizes)}");
    private static AutogradException NoGradFnError(int index) => new("NoGradFn",
        $"element {index} of tensors does not require grad and does not have a grad_fn");
    private static InvalidOperationException WrongGradientShapeError(GradNode node, Tensor ig, int k, Tensor input) => new(
        $"internal: {node.Name} produced a gradient of shape {Shapes.Format(ig.Sizes)} for input {k} of shape {Shapes.Format(input.Sizes)}");
}
