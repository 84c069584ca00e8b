using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// Writes into an existing tensor's elements: copy_ (broadcast, through any strides), fill_, an
/// elementwise binary op computed into its left operand, and the strided add-back of an as_strided
/// view's gradient.
/// </summary>
/// <remarks>
/// The tensor ops keep the checks, the version bump and the autograd record; these only move the
/// values. Every dtype goes through the same generic loop, specialised per element type by the JIT.
/// </remarks>
internal static class InPlaceKernels
{
    /// <summary>
    /// Writes <paramref name="src"/> (of dst's dtype, read with <paramref name="srcStrides"/>: a
    /// broadcast view of it over dst's shape) into <paramref name="dst"/>'s elements, through dst's strides.
    /// </summary>
    public static void Copy(Tensor src, int[] srcStrides, Tensor dst)
    {
        var sizes = dst.Sizes;
        switch (dst.DType)
        {
            case DType.Float32: Strided.Scatter(src.Buffer<float>(), src.Offset, srcStrides, dst.Buffer<float>(), dst.Offset, dst.StrideArray, sizes); break;
            case DType.Float64: Strided.Scatter(src.Buffer<double>(), src.Offset, srcStrides, dst.Buffer<double>(), dst.Offset, dst.StrideArray, sizes); break;
            case DType.Int64: Strided.Scatter(src.Buffer<long>(), src.Offset, srcStrides, dst.Buffer<long>(), dst.Offset, dst.StrideArray, sizes); break;
            case DType.Int32: Strided.Scatter(src.Buffer<int>(), src.Offset, srcStrides, dst.Buffer<int>(), dst.Offset, dst.StrideArray, sizes); break;
            case DType.UInt8: Strided.Scatter(src.Buffer<byte>(), src.Offset, srcStrides, dst.Buffer<byte>(), dst.Offset, dst.StrideArray, sizes); break;
            default: Strided.Scatter(src.Buffer<bool>(), src.Offset, srcStrides, dst.Buffer<bool>(), dst.Offset, dst.StrideArray, sizes); break;
        }
    }

    /// <summary>
    /// Sets every element of the contiguous <paramref name="dst"/> (whose dtype holds
    /// <typeparamref name="T"/>) to <paramref name="value"/>; a large one split over the cores as the
    /// optimizers' updates are (so each core writes the part it updates).
    /// </summary>
    public static void Fill<T>(Tensor dst, T value)
    {
        int n = dst.Numel();
        // A small one (a gradient zeroed every step) here: no closure to allocate each step, and no
        // closure, delegate or team code to compile in a first step.
        if (ParallelRange.RunsOnCaller(n)) dst.Buffer<T>().AsSpan(dst.Offset, n).Fill(value);
        else FillInParallel(dst.Buffer<T>(), dst.Offset, n, value);
    }

    private static void FillInParallel<T>(T[] buffer, int offset, int count, T value) =>
        ParallelRange.For(count, (start, length) => buffer.AsSpan(offset + start, length).Fill(value));

    /// <summary>
    /// dst = dst op b for a float32 or float64 <paramref name="dst"/> that is contiguous and its whole
    /// storage, with <paramref name="b"/> (of dst's dtype) read through <paramref name="bStrides"/> (a
    /// broadcast view of it over dst's shape). b must not be another view of dst's elements.
    /// </summary>
    public static void Binary<TF>(Tensor dst, Tensor b, int[] bStrides) where TF : IBinaryFn
    {
        var sizes = dst.Sizes;
        var strides = Shapes.ContiguousStrides(sizes);
        if (dst.DType == DType.Float32) Strided.Binary<float, TF>(dst.Buffer<float>(), 0, strides, b.Buffer<float>(), b.Offset, bStrides, dst.Buffer<float>(), sizes);
        else Strided.Binary<double, TF>(dst.Buffer<double>(), 0, strides, b.Buffer<double>(), b.Offset, bStrides, dst.Buffer<double>(), sizes);
    }

    /// <summary>
    /// region += g (float32 or float64, g of region's dtype) element by element in storage order, so
    /// that elements a view repeats add up: an as_strided view's gradient added into its base.
    /// </summary>
    public static void AddInto(Tensor region, Tensor g)
    {
        if (g.DType == DType.Float32) AddInto<float>(region, g);
        else AddInto<double>(region, g);
    }

    private static void AddInto<T>(Tensor region, Tensor g) where T : unmanaged, INumber<T>
    {
        var src = g.ContiguousSpan<T>();
        var dst = region.Buffer<T>();
        var sizes = region.Sizes;
        var strides = region.StrideArray;
        var index = new int[sizes.Length];
        int pos = region.Offset;
        for (int i = 0; i < src.Length; i++)
        {
            dst[pos] += src[i];
            for (int d = sizes.Length - 1; d >= 0; d--)
            {
                pos += strides[d];
                if (++index[d] < sizes[d]) break;
                pos -= strides[d] * sizes[d];
                index[d] = 0;
            }
        }
    }
}
