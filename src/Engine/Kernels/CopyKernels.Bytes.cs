using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NNTools.Kernels;

/// <summary>
/// The raw bytes of tensor elements to and from a stream, as file formats store them (the
/// machine's byte order; the IO callers check that it is little-endian). The bytes move straight
/// between the stream and the tensor's memory, with no staging copy.
/// </summary>
internal static partial class CopyKernels
{
    /// <summary>
    /// Fills the contiguous <paramref name="dst"/> with the next bytes of <paramref name="stream"/>,
    /// <paramref name="chunkBytes"/> at a time, checking <paramref name="cancellation"/> before each
    /// chunk. A stream that ends first throws <see cref="EndOfStreamException"/>.
    /// </summary>
    public static void ReadBytes(Stream stream, Tensor dst, int chunkBytes, CancellationToken cancellation)
    {
        switch (dst.DType)
        {
            case DType.Float32: ReadBytes(stream, dst.WritableSpan<float>(), chunkBytes, cancellation); break;
            case DType.Float64: ReadBytes(stream, dst.WritableSpan<double>(), chunkBytes, cancellation); break;
            case DType.Int64: ReadBytes(stream, dst.WritableSpan<long>(), chunkBytes, cancellation); break;
            case DType.Int32: ReadBytes(stream, dst.WritableSpan<int>(), chunkBytes, cancellation); break;
            case DType.UInt8: ReadBytes(stream, dst.WritableSpan<byte>(), chunkBytes, cancellation); break;
            default: ReadBytes(stream, dst.WritableSpan<bool>(), chunkBytes, cancellation); break;
        }
    }

    private static void ReadBytes<T>(Stream stream, Span<T> data, int chunkBytes, CancellationToken cancellation) where T : unmanaged
    {
        int chunk = chunkBytes / Unsafe.SizeOf<T>();
        for (int i = 0; i < data.Length; i += chunk)
        {
            cancellation.ThrowIfCancellationRequested();
            stream.ReadExactly(MemoryMarshal.AsBytes(data.Slice(i, Math.Min(chunk, data.Length - i))));
        }
    }

    /// <summary>
    /// Writes the bytes of <paramref name="src"/>'s elements in row-major order (a non-contiguous
    /// tensor is copied first), <paramref name="chunkBytes"/> at a time: a span of bytes over more
    /// than 2^31 bytes cannot exist.
    /// </summary>
    public static void WriteBytes(Stream stream, Tensor src, int chunkBytes)
    {
        switch (src.DType)
        {
            case DType.Float32: WriteBytes(stream, src.ContiguousSpan<float>(), chunkBytes); break;
            case DType.Float64: WriteBytes(stream, src.ContiguousSpan<double>(), chunkBytes); break;
            case DType.Int64: WriteBytes(stream, src.ContiguousSpan<long>(), chunkBytes); break;
            case DType.Int32: WriteBytes(stream, src.ContiguousSpan<int>(), chunkBytes); break;
            case DType.UInt8: WriteBytes(stream, src.ContiguousSpan<byte>(), chunkBytes); break;
            default: WriteBytes(stream, src.ContiguousSpan<bool>(), chunkBytes); break;
        }
    }

    private static void WriteBytes<T>(Stream stream, ReadOnlySpan<T> data, int chunkBytes) where T : unmanaged
    {
        int chunk = chunkBytes / Unsafe.SizeOf<T>();
        for (int i = 0; i < data.Length; i += chunk)
        {
            stream.Write(MemoryMarshal.AsBytes(data.Slice(i, Math.Min(chunk, data.Length - i))));
        }
    }

    /// <summary>
    /// The index of the first element of the contiguous bool tensor <paramref name="t"/> whose byte
    /// is neither 0 nor 1 (bytes read from a file may be anything), and that byte; -1 when all are valid.
    /// </summary>
    public static int FindInvalidBool(Tensor t, out byte value)
    {
        var bytes = MemoryMarshal.AsBytes(t.ContiguousSpan<bool>());
        int bad = bytes.IndexOfAnyExcept((byte)0, (byte)1);
        value = bad >= 0 ? bytes[bad] : (byte)0;
        return bad;
    }
}
