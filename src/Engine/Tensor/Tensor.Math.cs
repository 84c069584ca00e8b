using NNTools.Kernels;

namespace NNTools;

/// <summary>Broadcasting binary arithmetic, each op with its backward beside it.</summary>
public sealed partial class Tensor
{
    /// <summary>The gradient for <paramref name="input"/>: summed over broadcast dims and converted to its dtype; null when it needs none.</summary>
    internal static Tensor? GradFor(Tensor input, Func<Tensor> grad)
    {
        if (!input.RequiresGrad) return null;
        var g = grad();
        return g.SumTo(input.Sizes).CastRaw(input.DType);
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
    /// </summary>
    public Tensor Add(Tensor other, double alpha)
    {
        var rt = TypePromotion.ResultType(this, other);
        return rt.IsFloating() ? MulAdd(this, other, WrappedScalar(alpha), rt, "AddBackward0") : Add(other * alpha);
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
            g => [GradFor(this, () => g * other), GradFor(other, () => g * this)], this, other);
    }

    /// <summary>True division: integer inputs give a float32 result, as torch.div.</summary>
    public Tensor Div(Tensor other)
    {
        var rt = TypePromotion.ResultType(this, other);
        if (!rt.IsFloating()) rt = DTypes.DefaultFloat;
        var result = BinaryKernel<DivFn>(this, other, rt);
        return Record(result, "DivBackward0", [this, other],
            g => [GradFor(this, () => g / other), GradFor(other, () => -g * this / (other * other))], this, other);
    }

    /// <summary>Python-style modulo (the sign of the divisor), as torch.remainder and Python's %.</summary>
    public Tensor Remainder(Tensor other)
    {
        var rt = TypePromotion.ResultType(this, other);
        var result = Arith<RemainderFn>(this, other, rt);
        return Record(result, "RemainderBackward0", [this, other],
            g => [GradFor(this, () => g), GradFor(other, () => -g * this.Div(other).Floor())], this, other);
    }

    /// <summary>Elementwise power with a tensor exponent (broadcast).</summary>
    public Tensor Pow(Tensor exponent)
    {
        var rt = TypePromotion.ResultType(this, exponent);
        var result = Arith<PowFn>(this, exponent, rt);
        return Record(result, "PowBackward1", [this, exponent],
            g =>
            [
                GradFor(this, () => PowBaseGrad(g, this, exponent)),
                GradFor(exponent, () => Where(this.Eq(0.0).LogicalAnd(exponent.Ge(0.0)), ZerosLike(result), g * result * this.Log())),
            ],
            this, exponent, result);
    }

    /// <summary>Elementwise power with a number exponent; an integer tensor stays integer for an integral exponent.</summary>
    public Tensor Pow(double exponent)
    {
        Tensor e = exponent == Math.Floor(exponent) && Math.Abs(exponent) < long.MaxValue ? WrappedScalar((long)exponent) : WrappedScalar(exponent);
        if (exponent == 2 && DType.IsFloating())
        {
            return Record(UnaryKernel<SquareFn>(this), "PowBackward0", [this], g => [g * this * 2.0], this);
        }
        var rt = TypePromotion.ResultType(this, e);
        var result = Arith<PowFn>(this, e, rt);
        return Record(result, "PowBackward0", [this],
            g => [exponent == 0 ? ZerosLike(this) : g * this.Pow(exponent - 1) * exponent], this);
    }

    private static Tensor PowBaseGrad(Tensor g, Tensor x, Tensor e)
    {
        // d/dx x^e = e x^(e-1), taken as 0 where e == 0 (so 0^0 has no NaN gradient), as PyTorch does.
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

    /// <summary>number ** tensor, as torch.pow(number, tensor).</summary>
    public static Tensor Pow(double self, Tensor exponent) => WrappedScalar(self).Pow(exponent);

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
