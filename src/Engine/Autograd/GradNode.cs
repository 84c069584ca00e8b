namespace NNTools.Autograd;

/// <summary>
/// One recorded operation: its inputs, and a closure that maps the gradient of its output to the
/// gradients of its inputs. The closure is written beside the forward in each op, capturing the
/// values the forward saved. Freed after a backward pass unless the graph is retained.
/// </summary>
public sealed class GradNode
{
    private Func<Tensor, Tensor?[]>? _backward;
    // Saved tensors and their storage versions at record time, as two plain arrays: an array of
    // (Tensor, int) tuples is one more generic value type for a first backward pass to load and compile.
    private Tensor[] _saved;
    private int[] _savedVersions;
    // Each input's grad_fn when this node was recorded (NotTracked for one that did not require grad):
    // an in-place op later gives the tensor a new grad_fn, but this node consumed its earlier value, so
    // its edge must still lead to the earlier history, as PyTorch's edges point to nodes, not tensors.
    private GradNode?[] _inputFns;

    internal GradNode(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, Tensor?[]? saved)
    {
        Name = name;
        Inputs = inputs;
        _backward = backward;
        _inputFns = new GradNode?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) _inputFns[i] = inputs[i].RequiresGradRaw ? inputs[i].Node : NotTracked;
        // A null stands for a value the op did not need to save (its gradient is not wanted).
        _saved = saved is null ? [] : Array.ConvertAll(Array.FindAll(saved, t => t is not null), t => t!);
        _savedVersions = new int[_saved.Length];
        for (int i = 0; i < _savedVersions.Length; i++)
        {
            if (_saved[i].Storage.Inference) throw Raise(InferenceSavedError(name, _saved[i]));
            _savedVersions[i] = _saved[i].Storage.Version;
        }
    }

    /// <summary>PyTorch-style name of the backward function, e.g. "MulBackward0".</summary>
    public string Name { get; }

    /// <summary>The operation's tensor inputs, in argument order.</summary>
    internal Tensor[] Inputs { get; private set; }

    internal bool IsFreed => _backward is null;

    /// <summary>
    /// The tensor whose grad_fn this node is: the op's result, or, once an in-place op has rebased that
    /// tensor onto a new node, an internal alias that keeps this history (<see cref="Tensor.RebaseHistory"/>).
    /// </summary>
    internal Tensor? Output;

    /// <summary>Stands in <see cref="_inputFns"/> for an input that did not require grad when the node was recorded.</summary>
    private static readonly GradNode NotTracked = new("NotTracked", [], _ => [], null);

    /// <summary>
    /// Points every input that an in-place op has since rebased back at the history this node consumed:
    /// the alias that now owns its old grad_fn, or a constant when it did not require grad then.
    /// Called by the backward pass before it walks the inputs.
    /// </summary>
    internal void ResolveInputs()
    {
        for (int k = 0; k < Inputs.Length; k++)
        {
            var t = Inputs[k];
            var fn = _inputFns[k];
            if (ReferenceEquals(t.Node, fn)) continue;
            if (ReferenceEquals(fn, NotTracked))
            {
                if (t.RequiresGradRaw) Inputs[k] = t.Detach();
            }
            else if (fn?.Output is { } keeper)
            {
                Inputs[k] = keeper;
            }
        }
    }

    internal Tensor?[] Apply(Tensor gradOutput)
    {
        var fn = _backward ?? throw Raise(new AutogradException("BackwardTwice",
            "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
            "Saved intermediate values of the graph are freed when you call Backward(). Specify RetainGraph = true if you need to backward through the graph a second time."));
        for (int i = 0; i < _saved.Length; i++)
        {
            if (_saved[i].Storage.Version != _savedVersions[i])
            {
                throw Raise(SavedTensorModifiedError(Name, _saved[i], _savedVersions[i]));
            }
        }
        return fn(gradOutput);
    }

    /// <summary>
    /// Drops the closure, the saved tensors and the inputs after a backward pass that did not retain the
    /// graph. A tensor the caller still holds (the loss, a model's output kept for a metric) keeps its
    /// node, and through the inputs every activation of the forward pass would stay reachable: a young
    /// collection between steps then copied them all into the next generation instead of reusing their
    /// memory (Start-Training, which keeps the output for the accuracy, ran W3 16% slower than a plain
    /// loop). PyTorch's nodes likewise release their saved variables and never hold their inputs' data.
    /// </summary>
    internal void Free()
    {
        _backward = null;
        _saved = [];
        _savedVersions = [];
        _inputFns = [];
        Inputs = [];
    }

    public override string ToString() => $"<{Name}>";

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown,
    // which keeps the checked method small for the JIT (a first training step compiles dozens of them).
    private static AutogradException SavedTensorModifiedError(string name, Tensor t, int v) => new("SavedTensorModified",
        $"one of the variables needed for gradient computation has been modified by an inplace operation: [{LegacyTypeName(t.DType)} {Shapes.Format(t.Sizes)}], which {name} saved, is at version {t.Storage.Version}; expected version {v} instead. Compute the value out of place (Clone() it first) or make the in-place change after Backward().");
    private static AutogradException InferenceSavedError(string name, Tensor t) => new("InferenceTensorSaved",
        $"Inference tensors cannot be saved for backward: {name} would save an inference tensor of shape {Shapes.Format(t.Sizes)}. To work around you can make a clone to get a normal tensor and use it in autograd.");
    private static string LegacyTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "torch.FloatTensor",
        DType.Float64 => "torch.DoubleTensor",
        DType.Int64 => "torch.LongTensor",
        _ => "torch.BoolTensor",
    };
}
