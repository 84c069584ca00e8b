using System.Numerics;
using NNTools.Autograd;

namespace NNTools;

public sealed partial class Tensor
{
    private bool _requiresGrad;
    private Tensor? _grad;

    /// <summary>The gradient summed so far for this tensor during the running backward pass (see BackwardEngine).</summary>
    internal Tensor? PendingGrad;

    /// <summary>The number of the last backward pass whose graph walk reached this tensor.</summary>
    internal int VisitMark;

    /// <summary>How many input slots of the running backward pass's graph take this tensor (set by its graph walk).</summary>
    internal int GradConsumers;

    private GradNode? _gradFn;

    /// <summary>
    /// The operation that produced this tensor, or null for a leaf. After an in-place op it is that op's
    /// node (or CopySlices on the base of a view written in place), as PyTorch rebases grad_fn.
    /// </summary>
    public GradNode? GradFn
    {
        get
        {
            RefreshView();
            return _gradFn;
        }
    }

    /// <summary>The grad_fn as it stands, for the backward pass (which must not regenerate a view's node while it walks).</summary>
    internal GradNode? Node => _gradFn;

    /// <summary>The requires-grad flag as it stands, without regenerating a view's node.</summary>
    internal bool RequiresGradRaw => _requiresGrad;

    /// <summary>True for tensors not produced by a recorded operation (user-created data, parameters).</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>True for a non-leaf whose gradient is kept in <see cref="Grad"/> (see <see cref="RetainGrad"/>).</summary>
    public bool RetainsGrad { get; private set; }

    /// <summary>
    /// Whether operations on this tensor are recorded for differentiation. Only floating dtypes
    /// can require grad, and only a leaf's flag can be changed.
    /// </summary>
    public bool RequiresGrad
    {
        get
        {
            RefreshView();
            return _requiresGrad;
        }
        set
        {
            using var setter = InSetter();
            SetRequiresGrad(value);
        }
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, as torch's requires_grad_().</summary>
    public Tensor RequiresGrad_(bool requiresGrad = true)
    {
        SetRequiresGrad(requiresGrad);
        return this;
    }

    private void SetRequiresGrad(bool value)
    {
        if (value == _requiresGrad) return;
        if (!IsLeaf)
        {
            throw Raise(new AutogradException("RequiresGradNonLeaf",
                "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use Detach()."));
        }
        if (value && Storage.Inference && !GradMode.IsInferenceModeEnabled)
        {
            throw Raise(new AutogradException("InferenceTensorRequiresGrad",
                "Setting requires_grad=True on inference tensor outside InferenceMode is not allowed. Clone() it first to get a normal tensor."));
        }
        if (value && !DType.IsFloating())
        {
            throw Raise(new AutogradException("RequiresGradDType",
                $"only tensors of floating point dtype can require gradients; this tensor is {DType.TorchName()}"));
        }
        _requiresGrad = value;
        // A view made a leaf of its own (requires_grad_ on a view of data that does not require grad) is
        // its own history from now on: a later write to its base must not give it the base's.
        if (value) _viewBase = null;
    }

    /// <summary>
    /// The gradient accumulated by backward passes, or null. Accumulates across passes until
    /// cleared (set to null, or <see cref="ZeroGrad"/>).
    /// </summary>
    public Tensor? Grad
    {
        get => _grad;
        set
        {
            using var setter = InSetter();
            if (value is not null && !Shapes.SameShape(value.Sizes, Sizes))
            {
                throw Raise(new ShapeMismatchException("GradShapeMismatch",
                    $"assigned grad has shape {Shapes.Format(value.Sizes)} but the tensor has shape {Shapes.Format(Sizes)}"));
            }
            _grad = value;
        }
    }

    /// <summary>Clears the gradient: to null (the default, as PyTorch's set_to_none) or to zeros in place.</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        if (setToNone || _grad is null)
        {
            _grad = null;
            return;
        }
        _grad.Zero_();
    }

    /// <summary>Keeps this non-leaf tensor's gradient in <see cref="Grad"/> during backward.</summary>
    public void RetainGrad()
    {
        if (!RequiresGrad)
        {
            throw Raise(new AutogradException("RetainGradNoGrad", "can't retain_grad on Tensor that has requires_grad=False"));
        }
        if (!IsLeaf) RetainsGrad = true;
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires grad and adds
    /// it to their <see cref="Grad"/>. A non-scalar tensor needs an explicit <paramref name="gradient"/>
    /// of its own shape. The graph is freed afterwards unless <paramref name="retainGraph"/>, which
    /// defaults to <paramref name="createGraph"/>. With <paramref name="createGraph"/> the backward
    /// computation is itself recorded: the gradients put in Grad have a grad_fn and can be
    /// differentiated again (second derivatives, gradient penalties).
    /// </summary>
    public void Backward(Tensor? gradient = null, bool? retainGraph = null, bool createGraph = false) =>
        BackwardEngine.Run(this, gradient, retainGraph ?? createGraph, createGraph);

    /// <summary>A view of the same data that is cut off from the graph and does not require grad.</summary>
    public Tensor Detach() => new(Storage, Sizes, StrideArray, Offset);

    /// <summary>Detaches this tensor from the graph in place, as torch's detach_().</summary>
    public Tensor Detach_()
    {
        RebaseHistory(null);
        RetainsGrad = false;
        return this;
    }

    internal void AccumulateGrad(Tensor g)
    {
        if (!RequiresGrad) return;
        var gg = g.DType == DType ? g : g.To(DType);
        // The first gradient is kept for the life of the leaf: long-lived memory (the engine runs backward under no-grad).
        if (_grad is null) _grad = GradMode.IsEnabled ? gg.Contiguous().Clone() : gg.LongLivedCopy();
        else if (!AccumulateInPlace(_grad, gg)) _grad = _grad + gg;
    }

    /// <summary>
    /// grad += g in place, as PyTorch's AccumulateGrad does when no graph of the backward is built
    /// (the engine runs backward under no-grad): no new gradient tensor per step. Only for a
    /// contiguous floating grad of g's shape and dtype that g does not alias; false otherwise.
    /// </summary>
    private static bool AccumulateInPlace(Tensor grad, Tensor g)
    {
        if (GradMode.IsEnabled || !grad.DType.IsFloating() || g.DType != grad.DType || !grad.IsContiguous()
            || !Shapes.SameShape(grad.Sizes, g.Sizes) || grad.SharesStorageWith(g)) return false;
        Backends.Backend.AddInto(grad, g);
        grad.BumpVersion();
        return true;
    }

    /// <summary>
    /// The gradient this leaf will receive in the running backward pass, when a backward function
    /// may add its contribution straight into <see cref="Grad"/> (with a GEMM's accumulate) instead of
    /// producing a new tensor for the engine to add: this is a leaf that requires grad, has a contiguous
    /// floating gradient of its own shape and dtype already (set_to_none=False, or a second backward),
    /// and is taken by exactly one input slot of the graph, so no other contribution is summed with
    /// this one first. Null otherwise, and outside a backward pass.
    /// </summary>
    internal Tensor? GradForDirectAccumulation()
    {
        if (!IsSoleUseLeafInBackward) return null;
        var grad = _grad;
        if (grad is null || grad.DType != DType || !grad.IsContiguous() || !Shapes.SameShape(grad.Sizes, Sizes) || grad.SharesStorageWith(this)) return null;
        return grad;
    }

    /// <summary>
    /// Takes <paramref name="fresh"/>, a gradient a backward function has just created and holds the only
    /// reference to, as this leaf's <see cref="Grad"/> when the leaf has none yet and no other
    /// contribution will be summed with it: the engine would otherwise sum it with zeros. True when taken.
    /// </summary>
    internal bool AdoptFreshGrad(Tensor fresh)
    {
        if (!IsSoleUseLeafInBackward || _grad is not null
            || fresh.DType != DType || !fresh.IsContiguous() || !Shapes.SameShape(fresh.Sizes, Sizes)) return false;
        // A large one is moved to long-lived memory once (the first step), as AccumulateGrad's first copy is.
        _grad = fresh.Storage.IsLarge() && !fresh.Storage.LongLived ? fresh.LongLivedCopy() : fresh;
        return true;
    }

    /// <summary>True when <see cref="AdoptFreshGrad"/> would take a fresh gradient of this leaf's shape as it is.</summary>
    internal bool WillAdoptFreshGrad => IsSoleUseLeafInBackward && _grad is null;

    /// <summary>
    /// A leaf that requires grad, has no hooks (they must see the gradient first) and is taken by exactly
    /// one input slot of a plain first-order backward pass running on this thread.
    /// </summary>
    private bool IsSoleUseLeafInBackward => BackwardEngine.LeafShortcuts && GradFn is null && _requiresGrad && GradConsumers == 1 && _hooks is null;

    /// <summary>True when an op on these inputs must be recorded.</summary>
    internal static bool NeedsGrad(Tensor a) => GradMode.IsEnabled && a.TracksGrad();

    internal static bool NeedsGrad(Tensor a, Tensor b) => GradMode.IsEnabled && (a.TracksGrad() | b.TracksGrad());

    /// <summary>Whether this tensor requires grad, a view's node first regenerated when its base was written in place.</summary>
    private bool TracksGrad()
    {
        if (_viewBase is not null) RefreshView();
        return _requiresGrad;
    }

    /// <summary>Marks <paramref name="result"/> as produced by a differentiable op whose backward is <paramref name="backward"/>.</summary>
    internal static Tensor Record(Tensor result, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, params Tensor?[] saved)
    {
        if (!GradMode.IsEnabled) return result;
        bool any = false;
        foreach (var t in inputs) any |= t.TracksGrad();
        if (!any) return result;
        result.SetNode(new GradNode(name, inputs, backward, saved));
        return result;
    }
}
