using System.Runtime.CompilerServices;

namespace NNTools;

/// <summary>
/// PyTorch's result_type: tensors with dimensions outrank 0-d tensors, which outrank plain numbers;
/// a lower-priority operand only matters when its category (bool &lt; integer &lt; float) is higher.
/// A plain float number counts as the default float dtype (float32).
/// </summary>
internal static class TypePromotion
{
    /// <remarks>Every binary operation starts here, so the null check for its operands is here too.</remarks>
    public static DType ResultType(Tensor a, Tensor b, [CallerMemberName] string op = "")
    {
        ThrowIfNull(a, "input", op);
        ThrowIfNull(b, "other", op);
        DType? dim = null, zero = null, wrapped = null;
        Update(a, ref dim, ref zero, ref wrapped);
        Update(b, ref dim, ref zero, ref wrapped);
        return Combine(dim, Combine(zero, wrapped)) ?? DTypes.DefaultFloat;
    }

    private static void Update(Tensor t, ref DType? dim, ref DType? zero, ref DType? wrapped)
    {
        if (t.IsWrappedNumber)
        {
            var d = t.DType.IsFloating() ? DTypes.DefaultFloat : t.DType;
            wrapped = wrapped is DType w ? DTypes.Promote(w, d) : d;
        }
        else if (t.Ndim == 0)
        {
            zero = zero is DType z ? DTypes.Promote(z, t.DType) : t.DType;
        }
        else
        {
            dim = dim is DType x ? DTypes.Promote(x, t.DType) : t.DType;
        }
    }

    private static DType? Combine(DType? higher, DType? lower)
    {
        if (higher is not DType h) return lower;
        if (lower is not DType l) return h;
        if (h.IsFloating()) return h;
        if (h == DType.Bool || l.Category() > h.Category()) return DTypes.Promote(h, l);
        return h;
    }
}
