using NNTools.Autograd;
using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// In-place writes on tensors autograd tracks, recorded as PyTorch records them: the write becomes a
/// new node and the tensor's grad_fn is rebased onto it; a write through a view rebases the view's
/// base onto a CopySlices node, and every view of that base regenerates its grad_fn as an as_strided
/// view of the new base when next used.
/// </summary>
/// <remarks>
/// Nodes keep the grad_fn each input had when they were recorded (<see cref="GradNode.ResolveInputs"/>),
/// so a consumer of the value before the write still differentiates through the earlier history.
/// Values a node saved and a later write overwrote are caught by the storage version check.
/// </remarks>
public sealed partial class Tensor
{
    /// <summary>For a view (made by a view op, or a view of one): the tensor that owns its elements, else null.</summary>
    private Tensor? _viewBase;

    /// <summary>For a view: the base's <see cref="_history"/> when this view's grad_fn was set.</summary>
    private int _viewHistory;

    /// <summary>How many times this tensor's grad_fn was rebased; views compare it to see theirs is stale.</summary>
    private int _history;

    /// <summary>A view made with grad mode off, which PyTorch refuses to write in place once grad mode is on.</summary>
    private bool _viewMadeInNoGrad;

    /// <summary>
    /// A value an op saves for its backward only when that backward needs it, as PyTorch saves self for
    /// mul only when other requires grad: a later in-place write to a value nobody saved is no error.
    /// </summary>
    internal static Tensor? SavedIf(bool needed, Tensor t) => needed ? t : null;

    /// <summary>Makes this new tensor a view of <paramref name="source"/>'s base.</summary>
    private void MarkViewOf(Tensor source)
    {
        var root = source._viewBase ?? source;
        _viewBase = root;
        _viewHistory = root._history;
        _viewMadeInNoGrad = !GradMode.IsEnabled;
    }

    /// <summary>Gives this tensor <paramref name="node"/> as its grad_fn.</summary>
    private void SetNode(GradNode node)
    {
        _gradFn = node;
        node.Output = this;
        _requiresGrad = true;
    }

    /// <summary>
    /// Replaces this tensor's grad_fn by <paramref name="node"/> (none: a detached tensor). The old node
    /// passes to an internal alias of the same elements, which nodes recorded earlier then lead to.
    /// </summary>
    internal void RebaseHistory(GradNode? node)
    {
        if (_gradFn is { } old)
        {
            var keeper = new Tensor(Storage, Sizes, StrideArray, Offset) { _gradFn = old, _requiresGrad = true };
            old.Output = keeper;
        }
        _gradFn = null;
        _requiresGrad = false;
        if (node is not null) SetNode(node);
        _history++;
    }

    /// <summary>
    /// A view whose base was written in place since its grad_fn was set takes a fresh one (the
    /// as_strided view of the base as it now is), as PyTorch regenerates it. Never while a backward
    /// pass runs: the pass has already ordered the graph.
    /// </summary>
    private void RefreshView()
    {
        var root = _viewBase;
        if (root is null || _viewHistory == root._history || BackwardEngine.Running) return;
        _viewHistory = root._history;
        if (_viewMadeInNoGrad || !root._requiresGrad) return;
        RebaseHistory(AsStridedNode(root, this));
    }

    /// <summary>
    /// Refuses what PyTorch refuses before an in-place write with grad mode on: a leaf that requires grad
    /// or a view of one, and a view made in no-grad mode of a base that requires grad; and a destination
    /// whose elements share memory (an expanded tensor). Every public in-place op calls it first.
    /// </summary>
    internal void CheckInPlace()
    {
        if (HasInternalOverlap()) throw Raise(InternalOverlapError());
        if (Storage.Inference && !GradMode.IsInferenceModeEnabled) throw Raise(InferenceInPlaceError());
        if (!GradMode.IsEnabled) return;
        if (_requiresGrad && _gradFn is null) throw Raise(InPlaceOnLeafError(view: false));
        var root = _viewBase ?? this;
        if (!root._requiresGrad) return;
        if (root._gradFn is null) throw Raise(InPlaceOnLeafError(_viewBase is not null));
        if (_viewMadeInNoGrad)
        {
            throw Raise(new AutogradException("InPlaceOnNoGradView",
                "A view was created in no_grad mode and is being modified inplace with grad mode enabled. Create the view with grad mode on, or wrap the write in a no-grad scope too."));
        }
    }

    /// <summary>
    /// Whether an in-place write of <paramref name="operand"/> (if any) into this tensor must be recorded:
    /// grad mode is on and this tensor's base, or the operand, requires grad.
    /// </summary>
    internal bool RecordsInPlace(Tensor? operand = null) =>
        GradMode.IsEnabled && ((_viewBase ?? this)._requiresGrad || (operand is not null && operand.TracksGrad()));

    /// <summary>
    /// Writes compute(the current value) into this tensor and records it: <paramref name="compute"/> gets a
    /// clone of the current value (so a value the op saves is not the one being overwritten) and returns
    /// the new value through recorded ops.
    /// </summary>
    internal Tensor InPlaceRecorded(Func<Tensor, Tensor> compute)
    {
        var result = compute(Clone());
        if (result.DType != DType)
        {
            if (!DType.IsFloating() && result.DType.IsFloating()) throw Raise(InPlaceDTypeError(result.DType, DType));
            result = result.To(DType);
        }
        if (!Shapes.SameShape(result.Sizes, Sizes)) throw Raise(InPlaceShapeError(Sizes, result.Sizes));
        var node = result._gradFn ?? throw new InvalidOperationException("internal: an in-place op recorded no node");
        CopyRaw(result);
        if (_viewBase is not { } root)
        {
            RebaseHistory(node);
            return this;
        }
        root.RebaseHistory(CopySlicesNode(root, this, result));
        RefreshView();
        return this;
    }

    /// <summary>
    /// The node of a base after a write through its view: the gradient of the base flows to the old base
    /// outside the view's elements and to the written value inside them (PyTorch's CopySlices).
    /// </summary>
    private static GradNode CopySlicesNode(Tensor root, Tensor view, Tensor value)
    {
        var baseGeometry = Geometry.Of(root);
        var viewGeometry = Geometry.Of(view);
        return new GradNode("CopySlices", [root, value], g =>
        {
            var gb = baseGeometry.Fresh(g.DType);
            gb.CopyRaw(g);
            var region = viewGeometry.In(gb.Storage);
            var gv = region.ContiguousCopy();
            region.CopyRaw(Full([], 0, g.DType));
            return [gb, gv];
        }, null);
    }

    /// <summary>
    /// The node of a view regenerated over its base: the gradient of the view added into the base's
    /// elements it covers (a view that repeats elements adds each of its gradients), PyTorch's AsStridedBackward0.
    /// </summary>
    private static GradNode AsStridedNode(Tensor root, Tensor view)
    {
        var baseGeometry = Geometry.Of(root);
        var viewGeometry = Geometry.Of(view);
        return new GradNode("AsStridedBackward0", [root], g =>
        {
            var gb = baseGeometry.Fresh(g.DType);
            var region = viewGeometry.In(gb.Storage);
            InPlaceKernels.AddInto(region, g);
            return [gb];
        }, null);
    }

    /// <summary>Sizes, strides and offset of a tensor in its storage, and the length of that storage.</summary>
    private readonly record struct Geometry(int[] Sizes, int[] Strides, int Offset, int StorageLength)
    {
        public static Geometry Of(Tensor t) => new(t.Sizes, t.StrideArray, t.Offset, t.Storage.Length);

        /// <summary>A zeroed tensor laid out as this one in a storage of its own.</summary>
        public Tensor Fresh(DType dtype) => In(Storage.Allocate(dtype, StorageLength));

        public Tensor In(Storage storage) => new(storage, Sizes, Strides, Offset);
    }

    /// <summary>
    /// Refuses an operand that shares some but not all of this tensor's memory, or the same memory in
    /// another layout (w.add_(w.T)): PyTorch cannot say which value such an element should read. Only
    /// for layouts it can judge (non-overlapping and dense), as PyTorch's get_overlap_status.
    /// </summary>
    internal void CheckNoPartialOverlap(Tensor operand)
    {
        if (!operand.SharesStorageWith(this) || ReferenceEquals(operand, this)) return;
        int n = Numel(), m = operand.Numel();
        if (n == 0 || m == 0 || !IsNonOverlappingAndDense() || !operand.IsNonOverlappingAndDense()) return;
        int aEnd = Offset + n, bEnd = operand.Offset + m;
        bool partial = Offset == operand.Offset && aEnd == bEnd
            ? !StrideArray.AsSpan().SequenceEqual(operand.StrideArray)
            : Offset < bEnd && operand.Offset < aEnd;
        if (partial) throw Raise(PartialOverlapError(operand));
    }

    /// <summary>True when the elements fill a block of memory with no gaps and no element twice, in any dim order.</summary>
    private bool IsNonOverlappingAndDense()
    {
        var dims = new List<int>(Ndim);
        for (int d = 0; d < Ndim; d++) if (Sizes[d] != 1) dims.Add(d);
        dims.Sort((a, b) => StrideArray[a].CompareTo(StrideArray[b]));
        long expected = 1;
        foreach (int d in dims)
        {
            if (StrideArray[d] != expected) return false;
            expected *= Sizes[d];
        }
        return true;
    }

    /// <summary>True when two elements of this tensor are one memory location (a stride 0 over a dim of two or more).</summary>
    private bool HasInternalOverlap()
    {
        for (int d = 0; d < Ndim; d++) if (StrideArray[d] == 0 && Sizes[d] > 1) return true;
        return false;
    }

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown.
    private static AutogradException InferenceInPlaceError() => new("InferenceTensorInPlace",
        "Inplace update to inference tensor outside InferenceMode is not allowed. You can make a clone to get a normal tensor before doing inplace update.");
    private static AutogradException InPlaceOnLeafError(bool view) => new("InPlaceOnLeaf",
        $"a {(view ? "view of a leaf Variable" : "leaf Variable")} that requires grad is being used in an in-place operation. Wrap the update in a no-grad scope (Invoke-NoGrad, or GradMode.NoGrad())");
    private TensorArgumentException PartialOverlapError(Tensor operand) => new("InPlaceOverlap",
        $"unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please Clone() the tensor before performing the operation (input: shape {Shapes.Format(operand.Sizes)}, strides {Shapes.Format(operand.StrideArray)}, offset {operand.Offset}; written-to: shape {Shapes.Format(Sizes)}, strides {Shapes.Format(StrideArray)}, offset {Offset}).");
    private TensorArgumentException InternalOverlapError() => new("InPlaceOverlap",
        $"unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please Clone() the tensor before performing the operation (written-to: shape {Shapes.Format(Sizes)}, strides {Shapes.Format(StrideArray)}).");
}
