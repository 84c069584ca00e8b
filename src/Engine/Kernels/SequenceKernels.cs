using System.Numerics;

namespace NNTools.Kernels;

/// <summary>Fills fresh tensors with computed sequences: arange, linspace and the identity matrix.</summary>
internal static class SequenceKernels
{
    /// <summary>dst[i] = start + i · step, computed in double and rounded once, for a contiguous float32 or float64 <paramref name="dst"/>.</summary>
    public static void Arange(Tensor dst, double start, double step)
    {
        switch (dst.DType)
        {
            case DType.Float32: { var o = dst.WritableSpan<float>(); for (int i = 0; i < o.Length; i++) o[i] = (float)(start + i * step); break; }
            default: { var o = dst.WritableSpan<double>(); for (int i = 0; i < o.Length; i++) o[i] = start + i * step; break; }
        }
    }

    /// <summary>
    /// Evenly spaced values from start to end inclusive into a contiguous float32, float64 or int64
    /// <paramref name="dst"/>, as <see cref="Tensor.Linspace"/> describes: the floating dtypes bit for bit
    /// as PyTorch's AVX2 kernel, int64 by truncating the double values.
    /// </summary>
    public static void Linspace(Tensor dst, double start, double end)
    {
        int steps = dst.Numel();
        switch (dst.DType)
        {
            case DType.Float32: FillLinspace(dst.WritableSpan<float>(), (float)start, (float)end, 8); break;
            case DType.Float64: FillLinspace(dst.WritableSpan<double>(), start, end, 4); break;
            default:
                {
                    var o = dst.WritableSpan<long>();
                    double step = steps > 1 ? (end - start) / (steps - 1) : 0;
                    int half = steps / 2;
                    for (int i = 0; i < steps; i++) o[i] = (long)(i < half ? start + step * i : end - step * (steps - i - 1));
                    break;
                }
        }
    }

    private static void FillLinspace<T>(Span<T> o, T start, T end, int lanes) where T : IFloatingPointIeee754<T>
    {
        int steps = o.Length;
        if (steps == 1) o[0] = start;
        if (steps <= 1) return;
        T step = (end - start) / T.CreateChecked(steps - 1);
        int vectorized = steps / (2 * lanes) * (2 * lanes);
        int i = 0;
        for (; i < vectorized; i += lanes)
        {
            T b = LinspaceAt(i, steps, start, end, step);
            for (int j = 0; j < lanes; j++) o[i + j] = b + T.CreateChecked(j) * step;
        }
        for (; i < steps; i++) o[i] = LinspaceAt(i, steps, start, end, step);
    }

    private static T LinspaceAt<T>(int i, int steps, T start, T end, T step) where T : IFloatingPointIeee754<T> =>
        i < steps / 2
            ? T.FusedMultiplyAdd(step, T.CreateChecked(i), start)
            : T.FusedMultiplyAdd(-step, T.CreateChecked(steps - i - 1), end);

    /// <summary>Ones on the main diagonal of the zeroed contiguous n x m matrix <paramref name="dst"/>.</summary>
    public static void Eye(Tensor dst)
    {
        int n = dst.Sizes[0], m = dst.Sizes[1];
        for (int i = 0; i < Math.Min(n, m); i++) CopyKernels.SetElement(dst, dst.Offset + i * m + i, 1);
    }
}
