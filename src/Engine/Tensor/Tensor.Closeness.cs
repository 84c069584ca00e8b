using NNTools.Autograd;

namespace NNTools;

/// <summary>Closeness and equality tests between tensors, as torch.isclose, allclose and equal.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Elementwise |a - b| &lt;= atol + rtol |b| (note the asymmetry: b is <paramref name="other"/>), with a finite error, or
    /// a == b (so equal infinities are close); NaN is close to NaN only with <paramref name="equalNan"/>.
    /// Shapes broadcast; both dtypes must agree, as in PyTorch. Integers compare in float64.
    /// </summary>
    public Tensor IsClose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
    {
        if (DType != other.DType)
        {
            throw Raise(new DTypeMismatchException("IsCloseDType", $"{ScalarTypeName(DType)} did not match {ScalarTypeName(other.DType)}"));
        }
        using var _ = GradMode.NoGrad();
        var compute = DType.IsFloating() ? DType : DType.Float64;
        var a = CastRaw(compute);
        var b = other.CastRaw(compute);
        var error = (a - b).Abs();
        // A finite error is required: inf - (-inf) would otherwise be within an infinite allowance.
        var close = a.Eq(b).LogicalOr(error.IsFinite().LogicalAnd(error.Le(b.Abs() * rtol + atol)));
        return equalNan ? close.LogicalOr(a.IsNan().LogicalAnd(b.IsNan())) : close;
    }

    /// <summary>True when every element is close to <paramref name="other"/>'s (broadcasting), see <see cref="IsClose"/>.</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) =>
        IsClose(other, rtol, atol, equalNan).All().ToBoolean();

    /// <summary>True when both tensors have the same shape and equal values (after type promotion; NaN is never equal), as torch.equal.</summary>
    public bool Equal(Tensor other)
    {
        if (!Shapes.SameShape(Sizes, other.Sizes)) return false;
        using var _ = GradMode.NoGrad();
        return Eq(other).All().ToBoolean();
    }
}
