using NNTools.Kernels;

namespace NNTools;

/// <summary>Broadcasting binary arithmetic, each op with its backward beside it.</summary>
public sealed partial class Tensor
{
    /// <summary>The gradient for <paramref name="input"/>: summed over broadcast dims and converted to its dtype; null when it needs none.</summary>
    internal static Tensor? GradFor(Tensor input, Func<Tensor> grad)
    {
        if (!input.RequiresGrad) return null;
        var g = grad().SumTo(input.Sizes);
        return DifferentiableBackward ? g.To(input.DType) : g.CastRaw(input.DType);
    }

    private static Tensor Arith<TF>(Tensor a, Tensor b, DType resultType) where TF : IBinaryFn
    {
        if (resultType != DType.Bool) return BinaryKernel<TF>(a, b, resultType);
        return BinaryKernel<TF>(a, b, DType.Int64).CastRaw(DType.Bool);
    }

    public Tensor Add(Tensor other)
    {
        var result = Arith<AddFn>(this, other, TypePromotion.ResultType(this, other));
        return Record(result, "AddBackward0", [this, other], g => [GradFor(this, () => g), GradFor(other, () => g)]);
    }

    /// <summary>
    /// this + alpha * other, as torch.add(input, other, alpha=alpha). A floating result is rounded
    /// once (a fused multiply-add), as PyTorch's CPU kernel does, so optimizer updates match its bits.
    /// A floating alpha (a Python float) is refused for integer and bool inputs, as torch refuses it.
    /// </summary>
    public Tensor Add(Tensor other, double alpha)
    {
        var rt = TypePromotion.ResultType(this, other);
        if (!rt.IsFloating())
        {
            throw Raise(new DTypeMismatchException("FloatAlpha",
                $"For integral input tensors, argument alpha must not be a floating point number (got {alpha} for {rt.TorchName()} inputs); pass an integer"));
        }
        return MulAdd(this, other, WrappedScalar(alpha), rt, "AddBackward0");
    }

    /// <summary>this + alpha * other with an integer alpha (a Python int): the result keeps the inputs' promoted dtype, even bool.</summary>
    public Tensor Add(Tensor other, long alpha)
    {
        var rt = TypePromotion.ResultType(this, other);
        if (rt.IsFloating()) return Add(other, (double)alpha);
        // other * alpha in the result's dtype, as torch multiplies: a uint8 other would otherwise wrap before widening.
        if (rt != DType.Bool) return Add(other.CastRaw(rt) * alpha);
        // torch's bool add reads alpha as a bool too: a || (b && alpha != 0).
        return Long().Add(other.Long() * (alpha != 0 ? 1L : 0L)).CastRaw(DType.Bool);
    }

    public Tensor Sub(Tensor other)
    {
        var rt = TypePromotion.ResultType(this, other);
        if (DType == DType.Bool || other.DType == DType.Bool)
        {
            throw Raise(new DTypeMismatchException("BoolSubtraction",
                "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use LogicalNot() instead."));
        }
        var result = Arith<SubFn>(this, other, rt);
        return Record(result, "SubBackward0", [this, other], g => [GradFor(this, () => g), GradFor(other, () => -g)]);
    }

    public Tensor Mul(Tensor other)
    {
        var result = Arith<MulFn>(this, other, TypePromotion.ResultType(this, other));
        return Record(result, "MulBackward0", [this, other],
            g => [GradFor(this, () => g * other), GradFor(other, () => g * this)], SavedIf(other.RequiresGrad, this), SavedIf(RequiresGrad, other));
    }

    /// <summary>True division: integer inputs give a float32 result, as torch.div.</summary>
    public Tensor Div(Tensor other)
    {
        var rt = TypePromotion.ResultType(this, other);
        if (!rt.IsFloating()) rt = DTypes.DefaultFloat;
        var result = BinaryKernel<DivFn>(this, other, rt);
        return Record(result, "DivBackward0", [this, other],
            g => [GradFor(this, () => g / other), GradFor(other, () => -g * this / (other * other))], SavedIf(other.RequiresGrad, this), other);
    }

    /// <summary>Python-style modulo (the sign of the divisor), as torch.remainder and Python's %.</summary>
    public Tensor Remainder(Tensor other)
    {
        var rt = RefuseBoolResult(TypePromotion.ResultType(this, other), "remainder");
        var result = Arith<RemainderFn>(this, other, rt);
        return Record(result, "RemainderBackward0", [this, other],
            g => [GradFor(this, () => g), GradFor(other, () => -g * this.Div(other).Floor())], this, other);
    }

    /// <summary>Elementwise power with a tensor exponent (broadcast).</summary>
    public Tensor Pow(Tensor exponent)
    {
        var rt = RefuseBoolResult(TypePromotion.ResultType(this, exponent), "pow");
        var result = Arith<PowFn>(this, exponent, rt);
        return Record(result, "PowBackward1", [this, exponent],
            g =>
            [
                GradFor(this, () => PowBaseGrad(g, this, exponent)),
                // log of the base in the result's dtype: the log of a Python int base would otherwise be a float32 one.
                GradFor(exponent, () => Where(this.Eq(0.0).LogicalAnd(exponent.Ge(0.0)), ZerosLike(result), g * result * this.To(result.DType).Log())),
            ],
            this, exponent, result);
    }

    /// <summary>
    /// Elementwise power with a floating exponent (a Python float): an integer tensor gives a float
    /// result even for a whole exponent, as int_tensor ** 2.0 does in torch.
    /// </summary>
    public Tensor Pow(double exponent) => PowScalar(WrappedScalar(exponent), exponent);

    /// <summary>Elementwise power with an integer exponent (a Python int): an integer tensor stays integer.</summary>
    public Tensor Pow(long exponent) => PowScalar(WrappedScalar(exponent), exponent);

    private Tensor PowScalar(Tensor e, double exponent)
    {
        if (exponent == 2 && DType.IsFloating())
        {
            return Record(UnaryKernel<SquareFn>(this), "PowBackward0", [this], g => [g * this * 2.0], this);
        }
        var rt = TypePromotion.ResultType(this, e);
        if (!rt.IsFloating() && exponent < 0)
        {
            // Checked here, not only per element, so an empty integer tensor is refused as torch refuses it.
            throw Raise(new NumericalException("NegativeIntegerPower", $"Integers to negative integer powers are not allowed (got exponent {exponent})"));
        }
        var result = Arith<PowFn>(this, e, rt);
        return Record(result, "PowBackward0", [this],
            g => [exponent == 0 ? ZerosLike(this) : g * this.Pow(exponent - 1) * exponent], this);
    }

    /// <summary>The result dtype, refused when bool: torch has no bool kernel for pow and remainder.</summary>
    private static DType RefuseBoolResult(DType rt, string op) => rt != DType.Bool ? rt
        : throw Raise(new DTypeMismatchException("UnsupportedDType", $"{op} is not implemented for bool tensors"));

    private static Tensor PowBaseGrad(Tensor g, Tensor x, Tensor e)
    {
        // d/dx x^e = e x^(e-1), taken as 0 where e == 0 (so 0^0 has no NaN gradient), as PyTorch does.
        // An integer (or bool) exponent in the gradient's dtype: e - 1.0 would otherwise be float32 and round a float64 gradient.
        if (!e.DType.IsFloating()) e = e.To(g.DType);
        var d = g * e * x.Pow(e - 1.0);
        return Where(e.Eq(0.0), ZerosLike(d), d);
    }

    /// <summary>Elementwise maximum, NaN-propagating; equal inputs share the gradient.</summary>
    public Tensor Maximum(Tensor other)
    {
        var result = Arith<MaximumFn>(this, other, TypePromotion.ResultType(this, other));
        return Record(result, "MaximumBackward0", [this, other],
            g =>
            [
                GradFor(this, () => SplitTies(g, this, other)),
                GradFor(other, () => SplitTies(g, other, this)),
            ], this, other);
    }

    public Tensor Minimum(Tensor other)
    {
        var result = Arith<MinimumFn>(this, other, TypePromotion.ResultType(this, other));
        return Record(result, "MinimumBackward0", [this, other],
            g =>
            [
                GradFor(this, () => SplitTies(g, other, this)),
                GradFor(other, () => SplitTies(g, this, other)),
            ], this, other);
    }

    /// <summary>g where <paramref name="winner"/> &gt; <paramref name="loser"/>, g/2 where equal, 0 elsewhere.</summary>
    private static Tensor SplitTies(Tensor g, Tensor winner, Tensor loser)
    {
        var half = Where(winner.Eq(loser), g / 2.0, g);
        return Where(winner.Lt(loser), ZerosLike(half), half);
    }

    public Tensor Add(double other) => Add(WrappedScalar(other));
    public Tensor Add(long other) => Add(WrappedScalar(other));
    public Tensor Sub(double other) => Sub(WrappedScalar(other));
    public Tensor Sub(long other) => Sub(WrappedScalar(other));
    public Tensor Mul(double other) => Mul(WrappedScalar(other));
    public Tensor Mul(long other) => Mul(WrappedScalar(other));
    public Tensor Div(double other) => Div(WrappedScalar(other));
    public Tensor Div(long other) => Div(WrappedScalar(other));
    public Tensor Remainder(double other) => Remainder(WrappedScalar(other));
    public Tensor Remainder(long other) => Remainder(WrappedScalar(other));
    public Tensor Maximum(double other) => Maximum(WrappedScalar(other));
    public Tensor Minimum(double other) => Minimum(WrappedScalar(other));

    /// <summary>number ** tensor, as torch.pow(number, tensor); a float base makes an integer exponent's result float.</summary>
    public static Tensor Pow(double self, Tensor exponent) => WrappedScalar(self).Pow(exponent);

    /// <summary>integer ** tensor, as 2 ** int_tensor in torch: an integer exponent tensor gives an integer result.</summary>
    public static Tensor Pow(long self, Tensor exponent) => WrappedScalar(self).Pow(exponent);

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator +(Tensor a, double b) => a.Add(WrappedScalar(b));
    public static Tensor operator +(double a, Tensor b) => WrappedScalar(a).Add(b);
    public static Tensor operator +(Tensor a, long b) => a.Add(WrappedScalar(b));
    public static Tensor operator +(long a, Tensor b) => WrappedScalar(a).Add(b);
    public static Tensor operator +(Tensor a, int b) => a.Add(WrappedScalar(b));
    public static Tensor operator +(int a, Tensor b) => WrappedScalar(a).Add(b);

    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator -(Tensor a, double b) => a.Sub(WrappedScalar(b));
    public static Tensor operator -(double a, Tensor b) => WrappedScalar(a).Sub(b);
    public static Tensor operator -(Tensor a, long b) => a.Sub(WrappedScalar(b));
    public static Tensor operator -(long a, Tensor b) => WrappedScalar(a).Sub(b);
    public static Tensor operator -(Tensor a, int b) => a.Sub(WrappedScalar(b));
    public static Tensor operator -(int a, Tensor b) => WrappedScalar(a).Sub(b);

    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator *(Tensor a, double b) => a.Mul(WrappedScalar(b));
    public static Tensor operator *(double a, Tensor b) => WrappedScalar(a).Mul(b);
    public static Tensor operator *(Tensor a, long b) => a.Mul(WrappedScalar(b));
    public static Tensor operator *(long a, Tensor b) => WrappedScalar(a).Mul(b);
    public static Tensor operator *(Tensor a, int b) => a.Mul(WrappedScalar(b));
    public static Tensor operator *(int a, Tensor b) => WrappedScalar(a).Mul(b);

    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator /(Tensor a, double b) => a.Div(WrappedScalar(b));
    public static Tensor operator /(double a, Tensor b) => WrappedScalar(a).Div(b);
    public static Tensor operator /(Tensor a, long b) => a.Div(WrappedScalar(b));
    public static Tensor operator /(long a, Tensor b) => WrappedScalar(a).Div(b);
    public static Tensor operator /(Tensor a, int b) => a.Div(WrappedScalar(b));
    public static Tensor operator /(int a, Tensor b) => WrappedScalar(a).Div(b);

    public static Tensor operator %(Tensor a, Tensor b) => a.Remainder(b);
    public static Tensor operator %(Tensor a, double b) => a.Remainder(WrappedScalar(b));
    public static Tensor operator %(Tensor a, long b) => a.Remainder(WrappedScalar(b));
    public static Tensor operator %(Tensor a, int b) => a.Remainder(WrappedScalar(b));
    public static Tensor operator %(double a, Tensor b) => WrappedScalar(a).Remainder(b);
    public static Tensor operator %(long a, Tensor b) => WrappedScalar(a).Remainder(b);

    public static Tensor operator -(Tensor a) => a.Neg();
    public static Tensor operator +(Tensor a) => a;

    public static Tensor operator &(Tensor a, Tensor b) => a.LogicalAnd(b);
    public static Tensor operator |(Tensor a, Tensor b) => a.LogicalOr(b);
    public static Tensor operator ^(Tensor a, Tensor b) => a.LogicalXor(b);
    public static Tensor operator !(Tensor a) => a.LogicalNot();
}
