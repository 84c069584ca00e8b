using System.Numerics;

namespace NNTools.Kernels;

/// <summary>The whole-tensor finiteness scan the Trainer runs on every gradient each step.</summary>
internal static class FiniteKernels
{
    /// <summary>
    /// True when no element of the contiguous float32 or float64 <paramref name="t"/> is NaN or infinite: a SIMD
    /// pass (split over the cores for large tensors) where x − x is +0 for every finite x and NaN for ±inf and
    /// NaN, and a sum of those is zero exactly when all were finite.
    /// </summary>
    public static bool AllFinite(Tensor t) => t.DType == DType.Float32 ? AllFinite<float>(t) : AllFinite<double>(t);

    private static bool AllFinite<T>(Tensor t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var buffer = t.Buffer<T>();
        int offset = t.Offset;
        int count = t.Numel();
        // A bias or a small layer's gradient: checked here, without a closure for the team.
        if (ParallelRange.RunsOnCaller(count)) return Finite.All(new ReadOnlySpan<T>(buffer, offset, count));
        bool finite = true;
        ParallelRange.For(count, (start, length) =>
        {
            if (!Finite.All(new ReadOnlySpan<T>(buffer, offset + start, length))) Volatile.Write(ref finite, false);
        });
        return finite;
    }
}
