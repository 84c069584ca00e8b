using System.Numerics;
using System.Runtime.InteropServices;

namespace NNTools.Kernels;

/// <summary>
/// Copies of tensor elements: strided to contiguous, between dtypes, between a tensor and host
/// memory, and fills. The tensors come whole, so each kernel fetches its own buffers and keeps the
/// tensor alive while it uses them.
/// </summary>
internal static partial class CopyKernels
{
    /// <summary>
    /// Copies <paramref name="src"/>'s elements, strided or broadcast, in row-major order into
    /// <paramref name="dst"/>: a contiguous tensor of the same shape and dtype.
    /// </summary>
    public static void CopyToContiguous(Tensor src, Tensor dst)
    {
        switch (src.DType)
        {
            case DType.Float32: Strided.Gather(src.Buffer<float>(), src.Offset, src.StrideArray, dst.Buffer<float>(), dst.Offset, src.Sizes); break;
            case DType.Float64: Strided.Gather(src.Buffer<double>(), src.Offset, src.StrideArray, dst.Buffer<double>(), dst.Offset, src.Sizes); break;
            case DType.Int64: Strided.Gather(src.Buffer<long>(), src.Offset, src.StrideArray, dst.Buffer<long>(), dst.Offset, src.Sizes); break;
            case DType.Int32: Strided.Gather(src.Buffer<int>(), src.Offset, src.StrideArray, dst.Buffer<int>(), dst.Offset, src.Sizes); break;
            case DType.UInt8: Strided.Gather(src.Buffer<byte>(), src.Offset, src.StrideArray, dst.Buffer<byte>(), dst.Offset, src.Sizes); break;
            default: Strided.Gather(src.Buffer<bool>(), src.Offset, src.StrideArray, dst.Buffer<bool>(), dst.Offset, src.Sizes); break;
        }
    }

    /// <summary>
    /// Converts the contiguous <paramref name="src"/> into the contiguous <paramref name="dst"/> of as
    /// many elements, each value as <see cref="Tensor.CastOne"/> converts it (to bool: non-zero is true).
    /// </summary>
    public static void Cast(Tensor src, Tensor dst)
    {
        int n = src.Numel();
        switch (src.DType)
        {
            case DType.Float32: ConvertFrom(src.Buffer<float>().AsSpan(src.Offset, n), dst); break;
            case DType.Float64: ConvertFrom(src.Buffer<double>().AsSpan(src.Offset, n), dst); break;
            case DType.Int64: ConvertFrom(src.Buffer<long>().AsSpan(src.Offset, n), dst); break;
            case DType.Int32: ConvertFrom(src.Buffer<int>().AsSpan(src.Offset, n), dst); break;
            case DType.UInt8: ConvertFrom(src.Buffer<byte>().AsSpan(src.Offset, n), dst); break;
            // A bool is one byte holding 0 or 1, so it converts as that byte does.
            default: ConvertFrom(MemoryMarshal.Cast<bool, byte>(src.Buffer<bool>().AsSpan(src.Offset, n)), dst); break;
        }
    }

    /// <summary>
    /// Host values into the contiguous <paramref name="dst"/> (one element per value), converted
    /// to its dtype as <see cref="Cast"/> converts.
    /// </summary>
    public static void FromHost<TFrom>(ReadOnlySpan<TFrom> src, Tensor dst) where TFrom : unmanaged, INumber<TFrom> =>
        ConvertFrom(src, dst);

    private static void ConvertFrom<TFrom>(ReadOnlySpan<TFrom> src, Tensor dst) where TFrom : unmanaged, INumber<TFrom>
    {
        switch (dst.DType)
        {
            case DType.Float32: Cast(src, dst.Buffer<float>().AsSpan(dst.Offset, src.Length)); break;
            case DType.Float64: Cast(src, dst.Buffer<double>().AsSpan(dst.Offset, src.Length)); break;
            case DType.Int64: Cast(src, dst.Buffer<long>().AsSpan(dst.Offset, src.Length)); break;
            case DType.Int32: Cast(src, dst.Buffer<int>().AsSpan(dst.Offset, src.Length)); break;
            case DType.UInt8: Cast(src, dst.Buffer<byte>().AsSpan(dst.Offset, src.Length)); break;
            default:
                var o = dst.Buffer<bool>().AsSpan(dst.Offset, src.Length);
                for (int i = 0; i < src.Length; i++) o[i] = src[i] != TFrom.Zero;
                break;
        }
    }

    private static void Cast<TFrom, TTo>(ReadOnlySpan<TFrom> src, Span<TTo> dst)
        where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
    {
        for (int i = 0; i < src.Length; i++) dst[i] = Tensor.CastOne<TFrom, TTo>(src[i]);
    }

    /// <summary>
    /// Copies the elements of the contiguous <paramref name="src"/> to the start of
    /// <paramref name="dst"/>, a host array of the dtype's .NET element type.
    /// </summary>
    public static void ToHost(Tensor src, Array dst) => Array.Copy(src.Storage.Buffer, src.Offset, dst, 0, src.Numel());

    /// <summary>The element at <paramref name="src"/>'s offset as a boxed .NET value (float, double, long, int, byte or bool).</summary>
    public static object Item(Tensor src) => src.DType switch
    {
        DType.Float32 => src.Buffer<float>()[src.Offset],
        DType.Float64 => src.Buffer<double>()[src.Offset],
        DType.Int64 => src.Buffer<long>()[src.Offset],
        DType.Int32 => src.Buffer<int>()[src.Offset],
        DType.UInt8 => src.Buffer<byte>()[src.Offset],
        _ => src.Buffer<bool>()[src.Offset],
    };

    /// <summary>Writes <paramref name="value"/> at <paramref name="dst"/>'s offset; <typeparamref name="T"/> is its dtype's .NET type.</summary>
    public static void WriteScalar<T>(Tensor dst, T value) => dst.Buffer<T>()[dst.Offset] = value;

    /// <summary>
    /// Fills the contiguous <paramref name="dst"/> with <paramref name="value"/>, converted as a cast
    /// converts it (to bool: non-zero is true). The caller checks that the dtype holds the value.
    /// </summary>
    public static void Fill(Tensor dst, double value)
    {
        switch (dst.DType)
        {
            case DType.Float32: dst.Buffer<float>().AsSpan(dst.Offset, dst.Numel()).Fill((float)value); break;
            case DType.Float64: dst.Buffer<double>().AsSpan(dst.Offset, dst.Numel()).Fill(value); break;
            case DType.Int64: dst.Buffer<long>().AsSpan(dst.Offset, dst.Numel()).Fill((long)value); break;
            case DType.Int32: dst.Buffer<int>().AsSpan(dst.Offset, dst.Numel()).Fill(Tensor.CastOne<double, int>(value)); break;
            case DType.UInt8: dst.Buffer<byte>().AsSpan(dst.Offset, dst.Numel()).Fill(Tensor.CastOne<double, byte>(value)); break;
            default: dst.Buffer<bool>().AsSpan(dst.Offset, dst.Numel()).Fill(value != 0); break;
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> at <paramref name="storageIndex"/> of <paramref name="dst"/>'s
    /// storage with a plain C# conversion; for values every dtype holds exactly (0, 1).
    /// </summary>
    public static void SetElement(Tensor dst, int storageIndex, double value)
    {
        switch (dst.DType)
        {
            case DType.Float32: dst.Buffer<float>()[storageIndex] = (float)value; break;
            case DType.Float64: dst.Buffer<double>()[storageIndex] = value; break;
            case DType.Int64: dst.Buffer<long>()[storageIndex] = (long)value; break;
            case DType.Int32: dst.Buffer<int>()[storageIndex] = (int)value; break;
            case DType.UInt8: dst.Buffer<byte>()[storageIndex] = (byte)value; break;
            default: dst.Buffer<bool>()[storageIndex] = value != 0; break;
        }
    }
}
