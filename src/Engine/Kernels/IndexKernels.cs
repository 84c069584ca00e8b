using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// Selection and writing by index at the tensor level: gather, put and scatter-add at storage
/// offsets for every dtype, the offsets gather and scatter address along a dim, index bounds
/// checks and nonzero positions.
/// </summary>
/// <remarks>
/// The positions are storage offsets of block starts plus the element offsets of one block
/// (<see cref="Indexed"/>), so torch.gather, scatter, index_put and advanced indexing share the
/// same two entry points, <see cref="Gather"/> and <see cref="Put"/>. Bounds checks report the
/// offending value instead of throwing, so the tensor op keeps its own error message.
/// </remarks>
internal static class IndexKernels
{
    /// <summary>dst (contiguous) = src at offsets + block, for any dtype.</summary>
    public static void Gather(Tensor src, int[] offsets, int[] block, Tensor dst)
    {
        switch (src.DType)
        {
            case DType.Float32: Indexed.Gather(src.Buffer<float>(), offsets, block, dst.Buffer<float>()); break;
            case DType.Float64: Indexed.Gather(src.Buffer<double>(), offsets, block, dst.Buffer<double>()); break;
            case DType.Int64: Indexed.Gather(src.Buffer<long>(), offsets, block, dst.Buffer<long>()); break;
            case DType.Int32: Indexed.Gather(src.Buffer<int>(), offsets, block, dst.Buffer<int>()); break;
            case DType.UInt8: Indexed.Gather(src.Buffer<byte>(), offsets, block, dst.Buffer<byte>()); break;
            default: Indexed.Gather(src.Buffer<bool>(), offsets, block, dst.Buffer<bool>()); break;
        }
    }

    /// <summary>target at offsets + block = (or +=) values, a contiguous tensor of target's dtype laid out block after block.</summary>
    public static void Put(Tensor values, Tensor target, int[] offsets, int[] block, bool accumulate)
    {
        switch (target.DType)
        {
            case DType.Float32: Put(values.Buffer<float>(), target.Buffer<float>(), offsets, block, accumulate); break;
            case DType.Float64: Put(values.Buffer<double>(), target.Buffer<double>(), offsets, block, accumulate); break;
            case DType.Int64: Put(values.Buffer<long>(), target.Buffer<long>(), offsets, block, accumulate); break;
            case DType.Int32: Put(values.Buffer<int>(), target.Buffer<int>(), offsets, block, accumulate); break;
            case DType.UInt8: Put(values.Buffer<byte>(), target.Buffer<byte>(), offsets, block, accumulate); break;
            default:
                // Adding bools is a logical or, as torch's index_put_(accumulate=True) on a bool tensor.
                if (accumulate) Indexed.AccumulateOr(values.Buffer<bool>(), target.Buffer<bool>(), offsets, block);
                else Indexed.Put(values.Buffer<bool>(), target.Buffer<bool>(), offsets, block);
                break;
        }
    }

    private static void Put<T>(T[] src, T[] dst, int[] offsets, int[] block, bool accumulate) where T : INumber<T>
    {
        if (accumulate) Indexed.Accumulate(src, dst, offsets, block);
        else Indexed.Put(src, dst, offsets, block);
    }

    /// <summary>
    /// Storage offsets into <paramref name="t"/> of the elements that gather / scatter address with the
    /// int64 <paramref name="index"/>: index values along <paramref name="dim"/> (negative ones wrapped),
    /// the index's own coordinates elsewhere. False, with the first value outside [-size, size) in
    /// <paramref name="outOfRange"/>, when there is one.
    /// </summary>
    public static bool TryDimOffsets(Tensor t, int dim, Tensor index, out int[] offsets, out long outOfRange)
    {
        var strides = (int[])t.StrideArray.Clone();
        if (strides.Length > 0) strides[dim] = 0;
        offsets = Indexed.BlockOffsets(index.Sizes, strides);
        var values = index.ContiguousSpan<long>();
        int size = t.Ndim == 0 ? 1 : t.Sizes[dim];
        int stride = t.Ndim == 0 ? 0 : t.StrideArray[dim];
        for (int i = 0; i < offsets.Length; i++)
        {
            long v = values[i];
            if (v < -size || v >= size)
            {
                outOfRange = v;
                return false;
            }
            offsets[i] += t.Offset + (int)(v < 0 ? v + size : v) * stride;
        }
        outOfRange = 0;
        return true;
    }

    /// <summary>
    /// The values of a contiguous int64 <paramref name="index"/> as positions in a dim of
    /// <paramref name="size"/>, negative ones wrapped. False, with the first value outside
    /// [-size, size) in <paramref name="outOfRange"/>, when there is one.
    /// </summary>
    public static bool TryPositions(Tensor index, int size, out int[] positions, out long outOfRange)
    {
        var values = index.Buffer<long>();
        int count = index.Numel();
        positions = new int[count];
        for (int i = 0; i < count; i++)
        {
            long v = values[i];
            if (v < -size || v >= size)
            {
                outOfRange = v;
                return false;
            }
            positions[i] = (int)(v < 0 ? v + size : v);
        }
        outOfRange = 0;
        return true;
    }

    /// <summary>True, with the value in <paramref name="found"/>, when an int64 <paramref name="index"/> holds a value outside [0, <paramref name="size"/>) (the first in row-major order).</summary>
    public static bool FindOutOfRange(Tensor index, int size, out long found)
    {
        foreach (var v in index.ContiguousSpan<long>())
        {
            if (v < 0 || v >= size)
            {
                found = v;
                return true;
            }
        }
        found = 0;
        return false;
    }

    /// <summary>The number of true elements of a contiguous bool tensor.</summary>
    public static int CountTrue(Tensor flags)
    {
        int count = 0;
        foreach (var f in flags.ContiguousSpan<bool>()) if (f) count++;
        return count;
    }

    /// <summary>
    /// Writes the coordinates of the true elements of a contiguous bool tensor, in row-major order, as
    /// the rows of <paramref name="result"/> (a contiguous int64 [count, ndim] tensor), as torch.nonzero.
    /// </summary>
    public static void NonzeroPositions(Tensor flags, Tensor result)
    {
        var values = flags.ContiguousSpan<bool>();
        var sizes = flags.Sizes;
        int ndim = sizes.Length;
        var o = result.Buffer<long>();
        var idx = new int[ndim];
        int row = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                for (int d = 0; d < ndim; d++) o[row * ndim + d] = idx[d];
                row++;
            }
            for (int d = ndim - 1; d >= 0; d--)
            {
                if (++idx[d] < sizes[d]) break;
                idx[d] = 0;
            }
        }
    }
}
