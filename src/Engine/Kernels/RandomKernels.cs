namespace NNTools.Kernels;

/// <summary>
/// Random fills of a contiguous floating tensor from a <see cref="Generator"/>: uniform, normal and
/// Bernoulli, in the generator's draw order over the elements in row-major order.
/// </summary>
/// <remarks>
/// Each returns false, writing nothing, for a dtype it does not fill, so the tensor op raises its own
/// error naming the op.
/// </remarks>
internal static class RandomKernels
{
    /// <summary>Fills <paramref name="dst"/> with U[from, to); false unless it is float32 or float64.</summary>
    public static bool Uniform(Generator g, Tensor dst, double from, double to)
    {
        switch (dst.DType)
        {
            case DType.Float32: g.FillUniform(dst.WritableSpan<float>(), (float)from, (float)to); return true;
            case DType.Float64: g.FillUniform(dst.WritableSpan<double>(), from, to); return true;
            default: return false;
        }
    }

    /// <summary>
    /// Fills <paramref name="dst"/> with N(mean, std²): the batched draw when <paramref name="batched"/>,
    /// one scalar sample per element otherwise (as PyTorch for a non-contiguous tensor); false unless
    /// it is float32 or float64.
    /// </summary>
    public static bool Normal(Generator g, Tensor dst, double mean, double std, bool batched)
    {
        switch (dst.DType)
        {
            case DType.Float32 when batched: g.FillNormal(dst.WritableSpan<float>(), mean, std); return true;
            case DType.Float32: g.FillNormalSerial(dst.WritableSpan<float>(), mean, std); return true;
            case DType.Float64 when batched: g.FillNormal(dst.WritableSpan<double>(), mean, std); return true;
            case DType.Float64: g.FillNormalSerial(dst.WritableSpan<double>(), mean, std); return true;
            default: return false;
        }
    }

    /// <summary>Fills <paramref name="dst"/> with 1 with probability <paramref name="p"/>, else 0; false unless it is float32 or float64.</summary>
    public static bool Bernoulli(Generator g, Tensor dst, double p)
    {
        switch (dst.DType)
        {
            case DType.Float32: g.FillBernoulli(dst.WritableSpan<float>(), p); return true;
            case DType.Float64: g.FillBernoulli(dst.WritableSpan<double>(), p); return true;
            default: return false;
        }
    }
}
