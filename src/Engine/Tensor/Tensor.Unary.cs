using NNTools.Kernels;

namespace NNTools;

/// <summary>Elementwise math, comparisons and selection, each op with its backward beside it.</summary>
public sealed partial class Tensor
{
    public Tensor Neg()
    {
        if (DType == DType.Bool)
        {
            throw Raise(new DTypeMismatchException("BoolNegation", "Negation, the `-` operator, on a bool tensor is not supported. Use LogicalNot() instead."));
        }
        return Record(UnaryKernel<NegFn>(this), "NegBackward0", [this], g => [-g]);
    }

    public Tensor Abs() => Record(UnaryKernel<AbsFn>(NotBool("abs")).CastRaw(DType), "AbsBackward0", [this], g => [g * Sign()], this);

    /// <summary>This tensor, or an error for a bool one: torch implements these ops for numbers only.</summary>
    private Tensor NotBool(string op) => DType != DType.Bool ? this
        : throw Raise(new DTypeMismatchException("UnsupportedDType", $"{op} is not implemented for bool tensors"));

    public Tensor Sign() => Record(UnaryKernel<SignFn>(this).CastRaw(DType), "SignBackward0", [this], g => [ZerosLike(g)]);

    public Tensor Square() => Pow(2);

    public Tensor Exp()
    {
        var result = FloatUnaryKernel<ExpFn>(this);
        return Record(result, "ExpBackward0", [this], g => [g * result], result);
    }

    public Tensor Log() => Record(FloatUnaryKernel<LogFn>(this), "LogBackward0", [this], g => [g / this], this);

    public Tensor Sqrt()
    {
        var result = FloatUnaryKernel<SqrtFn>(this);
        return Record(result, "SqrtBackward0", [this], g => [g / (result * 2.0)], result);
    }

    /// <summary>1 / sqrt(x), one node as PyTorch's RsqrtBackward0: d/dx = -x^-1.5 / 2 = -result^3 / 2.</summary>
    public Tensor Rsqrt()
    {
        Tensor result;
        using (Autograd.GradMode.NoGrad()) result = Sqrt().Reciprocal();
        return Record(result, "RsqrtBackward0", [this], g => [g * result * result * result * -0.5], result);
    }

    /// <summary>1 / x (always floating), one node as PyTorch's ReciprocalBackward0: d/dx = -1/x^2 = -result^2.</summary>
    public Tensor Reciprocal()
    {
        Tensor result;
        using (Autograd.GradMode.NoGrad()) result = 1.0 / (DType.IsFloating() ? this : Float());
        return Record(result, "ReciprocalBackward0", [this], g => [-g * result * result], result);
    }

    public Tensor Sin() => Record(FloatUnaryKernel<SinFn>(this), "SinBackward0", [this], g => [g * Cos()], this);

    public Tensor Cos() => Record(FloatUnaryKernel<CosFn>(this), "CosBackward0", [this], g => [-g * Sin()], this);

    public Tensor Tanh()
    {
        var result = DType == DType.Float32 ? TanhFloat32(this) : FloatUnaryKernel<TanhFn>(this);
        return Record(result, "TanhBackward0", [this], g => [ActivationGrad<ActivationKernels.TanhGrad>(g, result) ?? g * (1.0 - result * result)], result);
    }

    /// <summary>1 / (1 + e^-x), stable for large |x|.</summary>
    public Tensor Sigmoid()
    {
        var result = FloatUnaryKernel<SigmoidFn>(this);
        return Record(result, "SigmoidBackward0", [this], g => [ActivationGrad<ActivationKernels.SigmoidGrad>(g, result) ?? g * result * (1.0 - result)], result);
    }

    /// <summary>max(0, x); the gradient at 0 is 0, as PyTorch's threshold_backward.</summary>
    public Tensor Relu()
    {
        if (DType == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "relu is not implemented for bool tensors"));
        var result = UnaryKernel<ReluFn>(this);
        return Record(result, "ReluBackward0", [this], g => [(result.DType.IsFloating() ? ActivationGrad<ActivationKernels.ReluGrad>(g, result) : null) ?? g * result.Gt(0L)], result);
    }

    public Tensor Floor() => DType.IsFloating() ? Record(FloatUnaryKernel<FloorFn>(this), "FloorBackward0", [this], g => [ZerosLike(g)]) : NotBool("floor").Clone();

    public Tensor Ceil() => DType.IsFloating() ? Record(FloatUnaryKernel<CeilFn>(this), "CeilBackward0", [this], g => [ZerosLike(g)]) : NotBool("ceil").Clone();

    /// <summary>Rounds half to even, as torch.round.</summary>
    public Tensor Round() => DType.IsFloating() ? Record(FloatUnaryKernel<RoundFn>(this), "RoundBackward0", [this], g => [ZerosLike(g)]) : NotBool("round").Clone();

    /// <summary>Rounds to <paramref name="decimals"/> decimal places (half to even), as torch.round(decimals=...).</summary>
    public Tensor Round(int decimals)
    {
        double scale = Math.Pow(10, decimals);
        return (this * scale).Round() / scale;
    }

    /// <summary>
    /// Limits values to [min, max]; either bound may be null. The gradient flows where the input is
    /// inside the bounds. Floating bounds (Python floats) promote an integer tensor to float, as
    /// torch.clamp(int_tensor, max=2.0) does; integer bounds keep its dtype.
    /// </summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        ClampCore(min, max, min is double lo ? WrappedScalar(lo) : null, max is double hi ? WrappedScalar(hi) : null);

    /// <summary>Clamp with integer bounds (Python ints): an integer tensor stays integer.</summary>
    /// <remarks>
    /// Not nullable, unlike the double overload: PowerShell could not choose between two nullable
    /// overloads for Clamp($null, $null). One integer bound is <see cref="ClampMin(long)"/> or <see cref="ClampMax(long)"/>.
    /// </remarks>
    public Tensor Clamp(long min, long max) => ClampCore(min, max, WrappedScalar(min), WrappedScalar(max));

    /// <summary>max(x, min) with an integer bound, as torch.clamp_min(x, int): an integer tensor stays integer.</summary>
    public Tensor ClampMin(long min) => ClampCore(min, null, WrappedScalar(min), null);

    /// <summary>max(x, min) with a floating bound, as torch.clamp_min(x, float).</summary>
    public Tensor ClampMin(double min) => Clamp(min, null);

    /// <summary>min(x, max) with an integer bound, as torch.clamp_max(x, int): an integer tensor stays integer.</summary>
    public Tensor ClampMax(long max) => ClampCore(null, max, null, WrappedScalar(max));

    /// <summary>min(x, max) with a floating bound, as torch.clamp_max(x, float).</summary>
    public Tensor ClampMax(double max) => Clamp(null, max);

    private Tensor ClampCore(double? min, double? max, Tensor? lowBound, Tensor? highBound)
    {
        if (min is null && max is null)
        {
            throw Raise(new TensorArgumentException("ClampNoBounds", "torch.clamp: At least one of 'min' or 'max' must not be None"));
        }
        var result = ContiguousCopy();
        using (Autograd.GradMode.NoGrad())
        {
            // Each bound promotes as a Python number does, so the result dtype is torch's result_type(input, min, max).
            if (lowBound is not null) result = result.Maximum(lowBound);
            if (highBound is not null) result = result.Minimum(highBound);
        }
        return Record(result, "ClampBackward1", [this], g =>
        {
            var inside = OnesLike(this, DType.Bool);
            if (min is double lo) inside = inside.LogicalAnd(Ge(lo));
            if (max is double hi) inside = inside.LogicalAnd(Le(hi));
            return [g * inside];
        }, this);
    }

    /// <summary>Elementwise comparison; the results are bool tensors.</summary>
    public Tensor Eq(Tensor other) => CompareKernel<EqFn>(this, other);
    public Tensor Ne(Tensor other) => CompareKernel<NeFn>(this, other);
    public Tensor Lt(Tensor other) => CompareKernel<LtFn>(this, other);
    public Tensor Le(Tensor other) => CompareKernel<LeFn>(this, other);
    public Tensor Gt(Tensor other) => CompareKernel<GtFn>(this, other);
    public Tensor Ge(Tensor other) => CompareKernel<GeFn>(this, other);
    public Tensor Eq(double other) => Eq(WrappedScalar(other));
    public Tensor Ne(double other) => Ne(WrappedScalar(other));
    public Tensor Lt(double other) => Lt(WrappedScalar(other));
    public Tensor Le(double other) => Le(WrappedScalar(other));
    public Tensor Gt(double other) => Gt(WrappedScalar(other));
    public Tensor Ge(double other) => Ge(WrappedScalar(other));
    public Tensor Eq(long other) => Eq(WrappedScalar(other));
    public Tensor Ne(long other) => Ne(WrappedScalar(other));
    public Tensor Lt(long other) => Lt(WrappedScalar(other));
    public Tensor Le(long other) => Le(WrappedScalar(other));
    public Tensor Gt(long other) => Gt(WrappedScalar(other));
    public Tensor Ge(long other) => Ge(WrappedScalar(other));

    public Tensor LogicalAnd(Tensor other) => Bool().Mul(other.Bool());
    public Tensor LogicalOr(Tensor other) => Bool().Add(other.Bool());
    public Tensor LogicalXor(Tensor other) => Bool().Ne(other.Bool());
    public Tensor LogicalNot() => Bool().Eq(0L);

    /// <summary>True where the value is neither infinite nor NaN.</summary>
    public Tensor IsFinite() => DType.IsFloating() ? Sub(this).Eq(0.0) : OnesLike(this, DType.Bool);

    /// <summary>True when no element is NaN or infinite (a fast scan, no tensor allocated for contiguous input).</summary>
    public bool AllFinite()
    {
        if (!DType.IsFloating()) return true;
        return Backends.Backend.AllFinite(IsContiguous() ? this : ContiguousCopy());
    }

    /// <summary>True where the value is NaN.</summary>
    public Tensor IsNan() => DType.IsFloating() ? Ne(this) : ZerosLike(this, DType.Bool);

    /// <summary>Elements of <paramref name="a"/> where <paramref name="condition"/> is true, of <paramref name="b"/> elsewhere, all three broadcast.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        ThrowIfNull(condition);
        if (condition.DType != DType.Bool)
        {
            throw Raise(new DTypeMismatchException("WhereConditionDType", $"where expected condition to be a boolean tensor, but got a tensor with dtype {condition.DType.TorchName()}"));
        }
        var rt = TypePromotion.ResultType(a, b);
        var shape = Shapes.Broadcast(Shapes.Broadcast(condition.Sizes, a.Sizes), b.Sizes);
        var c = condition.ExpandRaw(shape).ContiguousCopy();
        var va = a.CastRaw(rt).ExpandRaw(shape).ContiguousCopy();
        var vb = b.CastRaw(rt).ExpandRaw(shape).ContiguousCopy();
        var result = Empty(shape, rt);
        SelectKernels.Where(c, va, vb, result);
        // The gradient is selected, not multiplied by the mask: an infinite upstream gradient times 0 would be NaN.
        return Record(result, "WhereBackward0", [a, b], g =>
        [
            GradFor(a, () => Where(condition, g, ZerosLike(g))),
            GradFor(b, () => Where(condition, ZerosLike(g), g)),
        ], condition);
    }

    public static Tensor Where(Tensor condition, Tensor a, double b) => Where(condition, a, WrappedScalar(b));

    public static Tensor Where(Tensor condition, double a, Tensor b) => Where(condition, WrappedScalar(a), b);

    public static Tensor Where(Tensor condition, double a, double b) => Where(condition, WrappedScalar(a), WrappedScalar(b));

    /// <summary>float32 tanh through the vectorized kernel, whatever the layout (a strided input is read as a contiguous copy).</summary>
    private static Tensor TanhFloat32(Tensor a)
    {
        var result = EmptyUninitialized(a.Sizes, DType.Float32);
        ActivationKernels.TanhFloat32(a, result);
        return result;
    }
}
