using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// Row reductions over contiguous spans. Every reduction in the engine arranges its input as
/// contiguous rows (Tensor.RowsForReduction) and calls one of these per row; they are generic
/// over the element type so the JIT specialises them per dtype with no boxing.
/// </summary>
internal static class Reduce
{
    /// <summary>Sum with four interleaved accumulators, reducing rounding error growth and dependency chains.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>
    {
        T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
        int i = 0;
        for (; i + 4 <= x.Length; i += 4)
        {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < x.Length; i++) s0 += x[i];
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>Product of all elements; 1 for an empty row.</summary>
    public static T Prod<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>
    {
        T p = T.One;
        foreach (var v in x) p *= v;
        return p;
    }

    /// <summary>
    /// dst[i] = product of x[j] for j != i, from prefix and suffix products: the gradient of a
    /// product that stays exact when some x[j] are zero (dividing the product by x[i] would not).
    /// </summary>
    public static void ProdOthers<T>(ReadOnlySpan<T> x, Span<T> dst) where T : unmanaged, INumber<T>
    {
        T prefix = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            dst[i] = prefix;
            prefix *= x[i];
        }
        T suffix = T.One;
        for (int i = x.Length - 1; i >= 0; i--)
        {
            dst[i] *= suffix;
            suffix *= x[i];
        }
    }

    /// <summary>
    /// Index of the largest (or, with <paramref name="min"/>, smallest) element; the first one on
    /// ties, and the first NaN if any (NaN wins, as in PyTorch). The row must not be empty.
    /// </summary>
    public static int ArgExtreme<T>(ReadOnlySpan<T> x, bool min) where T : unmanaged, INumber<T>
    {
        int best = 0;
        if (T.IsNaN(x[0])) return 0;
        for (int i = 1; i < x.Length; i++)
        {
            var v = x[i];
            if (T.IsNaN(v)) return i;
            if (min ? v < x[best] : v > x[best]) best = i;
        }
        return best;
    }

    /// <summary>
    /// sqrt(sum((x - mean)^2) / dof), two-pass in double, with the deviations divided by the largest
    /// one before squaring: float64 values near 1e200 (or a float32 std near 1e20, whose variance
    /// is past float32) would overflow to inf if squared directly. NaN when dof is 0 (one element,
    /// unbiased), as torch.
    /// </summary>
    public static double RootMeanSquaredDeviation<T>(ReadOnlySpan<T> x, double dof) where T : unmanaged, INumber<T>
    {
        double sum = 0;
        foreach (var v in x) sum += double.CreateTruncating(v);
        double mean = sum / x.Length;
        double scale = 0;
        foreach (var v in x)
        {
            double d = Math.Abs(double.CreateTruncating(v) - mean);
            if (!(d <= scale)) scale = d;
        }
        double scaled = 0;
        if (scale > 0)
        {
            foreach (var v in x)
            {
                double d = (double.CreateTruncating(v) - mean) / scale;
                scaled += d * d;
            }
        }
        return scale * Math.Sqrt(scaled / dof);
    }

    /// <summary>
    /// log(sum(exp(x))) shifted by the row maximum so no exp overflows; an infinite maximum is not
    /// subtracted (it would give inf - inf = NaN), as PyTorch does. -inf for an empty row.
    /// </summary>
    public static T LogSumExp<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T m = T.NegativeInfinity;
        foreach (var v in x)
        {
            if (v > m || T.IsNaN(v)) m = v;
        }
        if (T.IsInfinity(m)) m = T.Zero;
        T s = T.Zero;
        foreach (var v in x) s += T.Exp(v - m);
        return m + T.Log(s);
    }

    /// <summary>Running sum along the row, from the end when <paramref name="reverse"/>.</summary>
    public static void CumSum<T>(ReadOnlySpan<T> x, Span<T> dst, bool reverse) where T : unmanaged, INumber<T>
    {
        T s = T.Zero;
        if (reverse)
        {
            for (int i = x.Length - 1; i >= 0; i--) dst[i] = s += x[i];
        }
        else
        {
            for (int i = 0; i < x.Length; i++) dst[i] = s += x[i];
        }
    }
}
