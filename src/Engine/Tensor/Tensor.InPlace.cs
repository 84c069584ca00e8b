using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// In-place operations (PyTorch's trailing-underscore names). They write through views into the
/// shared storage and bump its version; on tensors autograd tracks they are recorded
/// (<see cref="InPlaceRecorded"/>), and refused on a leaf that requires grad, as in PyTorch.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>Writes <paramref name="src"/> (broadcast, converted to this dtype) into this tensor's elements; no checks.</summary>
    internal void CopyRaw(Tensor src)
    {
        var shape = Shapes.Broadcast(Sizes, src.Sizes);
        if (!Shapes.SameShape(shape, Sizes))
        {
            throw Raise(CopyShapeError(src.Sizes, Sizes));
        }
        var s = src.CastRaw(DType);
        if (s.SharesStorageWith(this)) s = s.ContiguousCopy();
        InPlaceKernels.Copy(s, BroadcastStrides(s, Sizes), this);
        BumpVersion();
    }

    /// <summary>Copies values from <paramref name="src"/> (broadcast to this shape) into this tensor, as torch's copy_().</summary>
    public Tensor Copy_(Tensor src)
    {
        ThrowIfNull(src);
        CheckInPlace();
        CheckNoPartialOverlap(src);
        if (RecordsInPlace(src)) return InPlaceRecorded(c => CopyRecorded(c, src));
        CopyRaw(src);
        return this;
    }

    /// <summary>src broadcast to the shape of <paramref name="old"/> in its dtype: all of the gradient goes to src (PyTorch's CopyBackwards).</summary>
    private static Tensor CopyRecorded(Tensor old, Tensor src)
    {
        var value = Empty(old.Sizes, old.DType);
        value.CopyRaw(src);
        return Record(value, "CopyBackwards", [old, src], g => [GradFor(old, () => Empty(g.Sizes, g.DType)), GradFor(src, () => g)]);
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public Tensor Fill_(double value) => Fill_(value, "FillBackward0");

    private Tensor Fill_(double value, string gradFnName)
    {
        CheckValueFits(value, DType);
        CheckInPlace();
        if (RecordsInPlace()) return InPlaceRecorded(c => Overwritten(c, Full(Sizes, value, DType), gradFnName));
        // A contiguous float tensor (a gradient zeroed every step) is filled as one span, not through the strided scatter.
        if (DType == DType.Float32 && IsContiguous()) FillContiguous((float)value);
        else if (DType == DType.Float64 && IsContiguous()) FillContiguous(value);
        else CopyRaw(Full([], value, DType));
        return this;
    }

    /// <summary>Fills a contiguous tensor whose dtype holds <typeparamref name="T"/>.</summary>
    private void FillContiguous<T>(T value)
    {
        InPlaceKernels.Fill(this, value);
        BumpVersion();
    }

    /// <summary>
    /// <paramref name="value"/>, a new value that does not depend on <paramref name="old"/>, recorded as
    /// replacing it: the old value gets a zero gradient (PyTorch's FillBackward0 and the random fills').
    /// </summary>
    private static Tensor Overwritten(Tensor old, Tensor value, string gradFnName) =>
        Record(value, gradFnName, [old], g => [Empty(g.Sizes, g.DType)]);

    /// <summary>Sets every element to zero.</summary>
    public Tensor Zero_() => Fill_(0, "ZeroBackward0");

    /// <summary>this += other (broadcast to this shape; the result keeps this dtype).</summary>
    public Tensor Add_(Tensor other) => Binary_<AddFn>(other, static (a, b) => a.Add(b));

    public Tensor Add_(double other) => Add_(WrappedScalar(other));
    public Tensor Add_(long other) => Add_(WrappedScalar(other));

    /// <summary>this += alpha * other, as torch's add_(other, alpha=...).</summary>
    public Tensor Add_(Tensor other, double alpha) => Apply_(c => c.Add(other, alpha), other);

    public Tensor Sub_(Tensor other) => Binary_<SubFn>(other, static (a, b) => a.Sub(b));

    public Tensor Sub_(double other) => Sub_(WrappedScalar(other));
    public Tensor Sub_(long other) => Sub_(WrappedScalar(other));

    public Tensor Mul_(Tensor other) => Binary_<MulFn>(other, static (a, b) => a.Mul(b));

    public Tensor Mul_(double other) => Mul_(WrappedScalar(other));
    public Tensor Mul_(long other) => Mul_(WrappedScalar(other));

    public Tensor Div_(Tensor other) => Binary_<DivFn>(other, static (a, b) => a.Div(b));

    public Tensor Div_(double other) => Div_(WrappedScalar(other));

    /// <summary>this = op(this, other): recorded when autograd tracks either, else computed in place where it can be.</summary>
    private Tensor Binary_<TF>(Tensor other, Func<Tensor, Tensor, Tensor> op) where TF : IBinaryFn
    {
        ThrowIfNull(other);
        CheckInPlace();
        CheckNoPartialOverlap(other);
        if (RecordsInPlace(other)) return InPlaceRecorded(c => op(c, other));
        return BinaryInPlace<TF>(other) ? this : Assign(op(this, other));
    }

    /// <summary>this = op(this) with up to two operands: checked, then recorded when autograd tracks any of them.</summary>
    private Tensor Apply_(Func<Tensor, Tensor> op, Tensor? a = null, Tensor? b = null)
    {
        CheckInPlace();
        if (a is not null) CheckNoPartialOverlap(a);
        if (b is not null) CheckNoPartialOverlap(b);
        if (RecordsInPlace(a) || (b is not null && RecordsInPlace(b))) return InPlaceRecorded(op);
        return Assign(op(this));
    }

    /// <summary>
    /// this = this op other computed straight into this tensor's elements, where that gives exactly what
    /// computing the result and copying it in does: a contiguous floating tensor that is its whole
    /// storage (the kernel writes the whole buffer), whose dtype the promotion keeps, an operand that
    /// broadcasts to this shape and is not another view of the same storage (the writes could change
    /// it before it is read). A manual
    /// update (w -= lr * w.grad) then allocates nothing and passes over the weights once. False
    /// (nothing done) otherwise.
    /// </summary>
    private bool BinaryInPlace<TF>(Tensor other) where TF : IBinaryFn
    {
        if (!DType.IsFloating() || Offset != 0 || Storage.Length != Numel() || !IsContiguous() || TypePromotion.ResultType(this, other) != DType) return false;
        if (other.Ndim > Ndim || !Shapes.SameShape(Shapes.Broadcast(Sizes, other.Sizes), Sizes)) return false;
        if (other.SharesStorageWith(this)
            && !(other.Offset == Offset && Shapes.SameShape(other.Sizes, Sizes) && other.IsContiguous())) return false;
        var b = other.CastRaw(DType);
        InPlaceKernels.Binary<TF>(this, b, BroadcastStrides(b, Sizes));
        BumpVersion();
        return true;
    }

    public Tensor Clamp_(double? min = null, double? max = null) => Apply_(c => c.Clamp(min, max));

    /// <summary>Copies an out-of-place result into this tensor, after the checks of torch's in-place ops (shape, dtype); no autograd record.</summary>
    private Tensor Assign(Tensor value)
    {
        if (!Shapes.SameShape(value.Sizes, Sizes))
        {
            throw Raise(InPlaceShapeError(Sizes, value.Sizes));
        }
        // torch's can_cast: no float into an integer tensor, nothing but bool into a bool tensor.
        if ((!DType.IsFloating() && value.DType.IsFloating()) || (DType == DType.Bool && value.DType != DType.Bool))
        {
            throw Raise(InPlaceDTypeError(value.DType, DType));
        }
        CopyRaw(value);
        return this;
    }

    /// <summary>Fills with U[from, to) from the generator (the default one when null), as torch's uniform_().</summary>
    public Tensor Uniform_(double from = 0, double to = 1, Generator? generator = null)
    {
        if (!(from <= to))
        {
            throw Raise(new TensorArgumentException("InvalidRange", $"uniform_ expects to return a [from, to) range, but found from={from} > to={to}"));
        }
        CheckInPlace();
        var g = generator ?? Generator.Default;
        var buffer = FillBuffer();
        if (!Backends.Backend.FillUniform(g, buffer, from, to))
        {
            throw Raise(new DTypeMismatchException("FloatingDTypeRequired", $"uniform_ is only implemented for floating dtypes, got {DType.TorchName()}"));
        }
        return FinishFill(buffer, "UniformBackward0");
    }

    /// <summary>
    /// Fills with N(mean, std²) from the generator, as torch's normal_(). Like PyTorch, only a
    /// contiguous tensor takes the batched path; other layouts draw one scalar sample per element.
    /// </summary>
    public Tensor Normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        CheckInPlace();
        if (std < 0) throw Raise(new TensorArgumentException("InvalidStd", $"normal expects std >= 0.0, but found std {std}"));
        var g = generator ?? Generator.Default;
        bool batched = IsContiguous();
        var buffer = FillBuffer();
        if (!Backends.Backend.FillNormal(g, buffer, mean, std, batched))
        {
            throw Raise(new DTypeMismatchException("FloatingDTypeRequired", $"normal_ is only implemented for floating dtypes, got {DType.TorchName()}"));
        }
        return FinishFill(buffer, "NormalBackward0");
    }

    /// <summary>Fills with 1 with probability <paramref name="p"/>, else 0, as torch's bernoulli_(p).</summary>
    public Tensor Bernoulli_(double p = 0.5, Generator? generator = null)
    {
        CheckInPlace();
        if (p < 0 || p > 1) throw Raise(new TensorArgumentException("InvalidProbability", $"bernoulli_ expects p to be in [0, 1], but got p={p}"));
        var g = generator ?? Generator.Default;
        var buffer = FillBuffer();
        if (!Backends.Backend.FillBernoulli(g, buffer, p))
        {
            throw Raise(new DTypeMismatchException("FloatingDTypeRequired", $"bernoulli_ with a probability is only implemented for floating dtypes here, got {DType.TorchName()}"));
        }
        return FinishFill(buffer, "BernoulliBackward0");
    }

    /// <summary>
    /// Where a random fill writes: this tensor when contiguous, else a contiguous buffer whose row-major
    /// order is the order PyTorch's TensorIterator visits this tensor's elements (memory order for a
    /// transposed tensor), so the n-th random value lands on the same element as in PyTorch.
    /// </summary>
    private Tensor FillBuffer() => IsContiguous() ? this : Empty(IterationView().Sizes, DType);

    private Tensor FinishFill(Tensor buffer, string gradFnName)
    {
        if (!ReferenceEquals(buffer, this)) IterationView().CopyRaw(buffer);
        else BumpVersion();
        if (!RecordsInPlace()) return this;
        // On a tensor autograd tracks the drawn values replace the old ones in the graph too.
        var drawn = ContiguousCopy();
        return InPlaceRecorded(c => Overwritten(c, drawn, gradFnName));
    }

    /// <summary>
    /// This tensor's elements as a raw view with its dims in TensorIterator's order for a single
    /// output (reorder_dimensions): outermost first, larger strides outer, equal strides ordered by
    /// size, the logical order kept where nothing decides.
    /// </summary>
    private Tensor IterationView()
    {
        int n = Ndim;
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = n - 1 - i;
        for (int i = 1; i < n; i++)
        {
            for (int dim1 = i, dim0 = i - 1; dim0 >= 0; dim0--)
            {
                int d0 = perm[dim0], d1 = perm[dim1];
                int s0 = StrideArray[d0], s1 = StrideArray[d1];
                bool swap = s0 != 0 && s1 != 0 && (s0 > s1 || (s0 == s1 && Sizes[d0] > Sizes[d1]));
                if (swap)
                {
                    (perm[dim0], perm[dim1]) = (d1, d0);
                    dim1 = dim0;
                }
                else if (s0 != 0 && s1 != 0 && s0 < s1)
                {
                    break;
                }
            }
        }
        var sizes = new int[n];
        var strides = new int[n];
        for (int i = 0; i < n; i++)
        {
            sizes[i] = Sizes[perm[n - 1 - i]];
            strides[i] = StrideArray[perm[n - 1 - i]];
        }
        return new Tensor(Storage, sizes, strides, Offset);
    }

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown,
    // which keeps the checked method small for the JIT (a first training step compiles dozens of them).
    private static ShapeMismatchException CopyShapeError(int[] src, int[] dst) => new("CopyShapeMismatch",
        $"source of shape {Shapes.Format(src)} cannot be broadcast to destination of shape {Shapes.Format(dst)}");
    private static ShapeMismatchException InPlaceShapeError(int[] output, int[] broadcast) => new("InPlaceShape",
        $"output with shape {Shapes.Format(output)} doesn't match the broadcast shape {Shapes.Format(broadcast)}");
    private static DTypeMismatchException InPlaceDTypeError(DType result, DType output) => new("InPlaceDType",
        $"result type {result.TorchName()} can't be cast to the desired output type {output.TorchName()}");
}
