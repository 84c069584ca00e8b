using System.Numerics;

namespace NNTools.Kernels;

/// <summary>Row reductions over contiguous spans.</summary>
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
}
