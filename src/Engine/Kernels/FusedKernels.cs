using System.Numerics;

namespace NNTools.Kernels;

/// <summary>The fused pointwise loops optimizers are written in, with PyTorch's single rounding for a multiply-add.</summary>
internal static class FusedKernels
{
    /// <summary>
    /// <paramref name="result"/> (contiguous) = fma(a, b, c) elementwise, one rounding each, for a, b and c of
    /// result's float32 or float64 dtype and shape (any layout: a strided or broadcast one is read as a contiguous copy).
    /// </summary>
    public static void MulAdd(Tensor a, Tensor b, Tensor c, Tensor result)
    {
        if (result.DType == DType.Float32)
        {
            Fma(a.ContiguousSpan<float>(), b.ContiguousSpan<float>(), c.ContiguousSpan<float>(), result.WritableSpan<float>());
        }
        else
        {
            Fma(a.ContiguousSpan<double>(), b.ContiguousSpan<double>(), c.ContiguousSpan<double>(), result.WritableSpan<double>());
        }
    }

    private static void Fma<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> result) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < result.Length; i++) result[i] = T.FusedMultiplyAdd(a[i], b[i], c[i]);
    }
}
