using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// The rest of torch's elementwise math: logarithms and exponentials near 0, trigonometric and
/// hyperbolic functions, the error function family, truncation, floor division, infinity tests and
/// linear interpolation. Integer and bool inputs compute in float32, as torch's do; each backward is
/// the formula of torch's derivatives.yaml.
/// </summary>
public sealed partial class Tensor
{
    private const double Ln2 = 0.6931471805599453;
    private const double Ln10 = 2.302585092994046;

    /// <summary>log(1 + x), accurate for small |x|. d/dx = 1 / (1 + x).</summary>
    public Tensor Log1p() => Record(FloatUnaryKernel<Log1pFn>(this), "Log1PBackward0", [this], g => [g / (this + 1L)], this);

    /// <summary>e^x - 1, accurate for small |x|. d/dx = result + 1.</summary>
    public Tensor Expm1()
    {
        var result = FloatUnaryKernel<Expm1Fn>(this);
        return Record(result, "Expm1Backward0", [this], g => [g * (result + 1L)], result);
    }

    /// <summary>log₂(x). d/dx = 1 / (x ln 2).</summary>
    public Tensor Log2() => Record(FloatUnaryKernel<Log2Fn>(this), "Log2Backward0", [this], g => [g / (this * Ln2)], this);

    /// <summary>log₁₀(x). d/dx = 1 / (x ln 10).</summary>
    public Tensor Log10() => Record(FloatUnaryKernel<Log10Fn>(this), "Log10Backward0", [this], g => [g / (this * Ln10)], this);

    /// <summary>tan(x). d/dx = 1 + tan²(x).</summary>
    public Tensor Tan()
    {
        var result = FloatUnaryKernel<TanFn>(this);
        return Record(result, "TanBackward0", [this], g => [g * (1L + result.Pow(2L))], result);
    }

    /// <summary>arcsin(x), NaN outside [-1, 1]. d/dx = 1 / √(1 - x²).</summary>
    public Tensor Asin() => Record(FloatUnaryKernel<AsinFn>(this), "AsinBackward0", [this], g => [g * (-this * this + 1L).Rsqrt()], this);

    /// <summary>arccos(x), NaN outside [-1, 1]. d/dx = -1 / √(1 - x²).</summary>
    public Tensor Acos() => Record(FloatUnaryKernel<AcosFn>(this), "AcosBackward0", [this], g => [g * -(-this * this + 1L).Rsqrt()], this);

    /// <summary>arctan(x). d/dx = 1 / (1 + x²).</summary>
    public Tensor Atan() => Record(FloatUnaryKernel<AtanFn>(this), "AtanBackward0", [this], g => [g / (this * this + 1L)], this);

    /// <summary>sinh(x). d/dx = cosh(x).</summary>
    public Tensor Sinh() => Record(FloatUnaryKernel<SinhFn>(this), "SinhBackward0", [this], g => [g * Cosh()], this);

    /// <summary>cosh(x). d/dx = sinh(x).</summary>
    public Tensor Cosh() => Record(FloatUnaryKernel<CoshFn>(this), "CoshBackward0", [this], g => [g * Sinh()], this);

    /// <summary>Rounds towards zero; an integer tensor is returned as a copy, a bool one refused, as torch.trunc.</summary>
    public Tensor Trunc() => DType.IsFloating() ? Record(FloatUnaryKernel<TruncFn>(this), "TruncBackward0", [this], g => [ZerosLike(g)]) : NotBool("trunc").Clone();

    /// <summary>torch.fix: another name for <see cref="Trunc"/>.</summary>
    public Tensor Fix() => Trunc();

    /// <summary>The error function 2/√π ∫₀ˣ e^(-t²) dt. d/dx = 2/√π e^(-x²).</summary>
    public Tensor Erf() => Record(FloatUnaryKernel<ErfFn>(this), "ErfBackward0", [this], g => [2.0 / Math.Sqrt(Math.PI) * (-this.Pow(2L)).Exp() * g], this);

    /// <summary>1 - erf(x), accurate where erf(x) is near 1. d/dx = -2/√π e^(-x²).</summary>
    public Tensor Erfc() => Record(FloatUnaryKernel<ErfcFn>(this), "ErfcBackward0", [this], g => [-2.0 / Math.Sqrt(Math.PI) * (-this.Pow(2L)).Exp() * g], this);

    /// <summary>The inverse of erf on (-1, 1): ±inf at ±1, NaN outside. d/dx = √π/2 e^(erfinv(x)²).</summary>
    public Tensor Erfinv()
    {
        var result = FloatUnaryKernel<ErfinvFn>(this);
        return Record(result, "ErfinvBackward0", [this], g => [0.5 * Math.Sqrt(Math.PI) * result.Pow(2L).Exp() * g], result);
    }

    /// <summary>
    /// The angle of the point (other, this) in (-π, π], as torch.atan2(input, other): broadcast, integer
    /// inputs give float32. d/dself = other / (self² + other²), d/dother = -self / (self² + other²).
    /// </summary>
    public Tensor Atan2(Tensor other)
    {
        ThrowIfNull(other);
        var rt = TypePromotion.ResultType(this, other);
        if (!rt.IsFloating()) rt = DTypes.DefaultFloat;
        var result = BinaryKernel<Atan2Fn>(this, other, rt);
        return Record(result, "Atan2Backward0", [this, other], g =>
        {
            var reciprocal = (this * this + other * other).Reciprocal();
            return [GradFor(this, () => g * other * reciprocal), GradFor(other, () => g * -this * reciprocal)];
        }, this, other);
    }

    /// <summary>
    /// Division rounded towards -inf, as torch.floor_divide (torch 1.13 floors; earlier versions
    /// truncated) and Python's //. Integer inputs stay integer and refuse a zero divisor; bool is
    /// refused. torch defines no derivative: a backward pass through it is refused.
    /// </summary>
    public Tensor FloorDivide(Tensor other)
    {
        ThrowIfNull(other);
        var rt = TypePromotion.ResultType(this, other);
        if (rt == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "\"div_floor_cpu\" not implemented for 'Bool'"));
        var result = BinaryKernel<FloorDivideFn>(this, other, rt);
        return Record(result, "FloorDivideBackward0", [this, other], _ =>
            throw Raise(new AutogradException("DerivativeNotImplemented", "the derivative for 'floor_divide' is not implemented")));
    }

    /// <summary>Floor division by a Python float: an integer tensor gives a float32 result.</summary>
    public Tensor FloorDivide(double other) => FloorDivide(WrappedScalar(other));

    /// <summary>Floor division by a Python int: an integer tensor stays integer.</summary>
    public Tensor FloorDivide(long other) => FloorDivide(WrappedScalar(other));

    /// <summary>True where the value is +inf or -inf; false everywhere for integer and bool tensors.</summary>
    public Tensor IsInf() => DType.IsFloating() ? IsPosInf().LogicalOr(IsNegInf()) : ZerosLike(this, DType.Bool);

    /// <summary>True where the value is +inf.</summary>
    public Tensor IsPosInf() => DType.IsFloating() ? Eq(double.PositiveInfinity) : ZerosLike(this, DType.Bool);

    /// <summary>True where the value is -inf.</summary>
    public Tensor IsNegInf() => DType.IsFloating() ? Eq(double.NegativeInfinity) : ZerosLike(this, DType.Bool);

    /// <summary>torch.clip: another name for <see cref="Clamp(double?, double?)"/>.</summary>
    public Tensor Clip(double? min = null, double? max = null) => Clamp(min, max);

    /// <summary>torch.clip with integer bounds: another name for <see cref="Clamp(long, long)"/>.</summary>
    public Tensor Clip(long min, long max) => Clamp(min, max);

    /// <summary>
    /// this + weight (end - this), broadcast, as torch.lerp with a Python-float weight. Evaluated as
    /// torch 1.13 does: as end - (end - this)(1 - weight) when weight ≥ 0.5 (not |weight|, as later
    /// versions test), which decides where an infinite end gives NaN.
    /// d/dthis = 1 - weight, d/dend = weight.
    /// </summary>
    public Tensor Lerp(Tensor end, double weight)
    {
        CheckLerp(end, null);
        Tensor result;
        using (Autograd.GradMode.NoGrad()) result = LerpValue(this, end, WrappedScalar(weight));
        return Record(result, "LerpBackward0", [this, end], g => [GradFor(this, () => g * (1 - weight)), GradFor(end, () => g * weight)]);
    }

    /// <summary>
    /// this + weight (end - this) with a weight tensor, all three broadcast and of one floating dtype,
    /// as torch.lerp. d/dweight = end - this.
    /// </summary>
    public Tensor Lerp(Tensor end, Tensor weight)
    {
        CheckLerp(end, weight);
        Tensor result;
        using (Autograd.GradMode.NoGrad()) result = LerpValue(this, end, weight);
        return Record(result, "LerpBackward1", [this, end, weight], g =>
        [
            GradFor(this, () => g * (1L - weight)),
            GradFor(end, () => g * weight),
            GradFor(weight, () => g * (end - this)),
        ], end, weight);
    }

    private static Tensor LerpValue(Tensor start, Tensor end, Tensor weight)
    {
        var diff = end - start;
        return Where(weight.Lt(0.5), start + weight * diff, end - diff * (1L - weight));
    }

    private void CheckLerp(Tensor end, Tensor? weight)
    {
        ThrowIfNull(end);
        if (end.DType != DType) throw Raise(LerpDTypeError("end", end.DType));
        if (weight is not null && weight.DType != DType) throw Raise(LerpDTypeError("weight", weight.DType));
        if (!DType.IsFloating())
        {
            throw Raise(new DTypeMismatchException("UnsupportedDType", $"\"lerp_kernel_{(weight is null ? "scalar" : "tensor")}\" not implemented for '{ScalarTypeName(DType)}'"));
        }
        Shapes.Broadcast(Shapes.Broadcast(Sizes, end.Sizes), weight?.Sizes ?? []);
    }

    private DTypeMismatchException LerpDTypeError(string name, DType got) =>
        new("LerpDType", $"expected dtype {ScalarTypeName(DType).ToLowerInvariant()} for `{name}` but got dtype {ScalarTypeName(got).ToLowerInvariant()}");

    /// <summary>In-place <see cref="Log1p"/>, as torch's log1p_(); an integer tensor refuses the float result.</summary>
    public Tensor Log1p_() => Apply_(c => c.Log1p());

    /// <summary>In-place <see cref="Expm1"/>, as torch's expm1_(); an integer tensor refuses the float result.</summary>
    public Tensor Expm1_() => Apply_(c => c.Expm1());

    /// <summary>In-place <see cref="Log2"/>, as torch's log2_(); an integer tensor refuses the float result.</summary>
    public Tensor Log2_() => Apply_(c => c.Log2());

    /// <summary>In-place <see cref="Log10"/>, as torch's log10_(); an integer tensor refuses the float result.</summary>
    public Tensor Log10_() => Apply_(c => c.Log10());

    /// <summary>In-place <see cref="Tan"/>, as torch's tan_(); an integer tensor refuses the float result.</summary>
    public Tensor Tan_() => Apply_(c => c.Tan());

    /// <summary>In-place <see cref="Asin"/>, as torch's asin_(); an integer tensor refuses the float result.</summary>
    public Tensor Asin_() => Apply_(c => c.Asin());

    /// <summary>In-place <see cref="Acos"/>, as torch's acos_(); an integer tensor refuses the float result.</summary>
    public Tensor Acos_() => Apply_(c => c.Acos());

    /// <summary>In-place <see cref="Atan"/>, as torch's atan_(); an integer tensor refuses the float result.</summary>
    public Tensor Atan_() => Apply_(c => c.Atan());

    /// <summary>In-place <see cref="Sinh"/>, as torch's sinh_(); an integer tensor refuses the float result.</summary>
    public Tensor Sinh_() => Apply_(c => c.Sinh());

    /// <summary>In-place <see cref="Cosh"/>, as torch's cosh_(); an integer tensor refuses the float result.</summary>
    public Tensor Cosh_() => Apply_(c => c.Cosh());

    /// <summary>In-place <see cref="Trunc"/>, as torch's trunc_(); an integer tensor is left as it is.</summary>
    public Tensor Trunc_() => Apply_(c => c.Trunc());

    /// <summary>In-place <see cref="Erf"/>, as torch's erf_(); an integer tensor refuses the float result.</summary>
    public Tensor Erf_() => Apply_(c => c.Erf());

    /// <summary>In-place <see cref="Erfc"/>, as torch's erfc_(); an integer tensor refuses the float result.</summary>
    public Tensor Erfc_() => Apply_(c => c.Erfc());

    /// <summary>In-place <see cref="Erfinv"/>, as torch's erfinv_(); an integer tensor refuses the float result.</summary>
    public Tensor Erfinv_() => Apply_(c => c.Erfinv());
}
