using System.Buffers.Binary;
using NNTools.Kernels;

namespace NNTools.IO;

/// <summary>The tensors and the string metadata of a safetensors file, tensors in file order.</summary>
public sealed record SafeTensorsData(Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata);

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length N, N bytes of
/// UTF-8 JSON {"name": {"dtype", "shape", "data_offsets": [begin, end]}, ..., "__metadata__":
/// {string: string}}, then the data buffer, each tensor row-major and little-endian at its offsets.
/// Writes F32, F64, I64 and BOOL, byte-identical to the reference serializer. Reads those and F16,
/// BF16 (to float32) and I8, U8, I16, U16, I32, U32 (to int64), all exactly. The reader validates
/// the whole header before it allocates anything (see <see cref="SafeTensorsHeader"/>), so a corrupt
/// or hostile file fails with a <see cref="SafeTensorsFormatException"/> naming what is wrong, never
/// with an out-of-memory error, and nothing in a file is ever executed.
/// </summary>
public static class SafeTensors
{
    // Limits on what a header may describe. Each is checked, before the work it bounds is done, by
    // the reader (kind LimitsExceeded) and by the writer, which never writes a file the reader refuses.

    /// <summary>
    /// The largest header in bytes (100 MB), the reference reader's limit. It bounds the memory a
    /// header takes before it is parsed; real headers are kilobytes, or megabytes with large metadata.
    /// </summary>
    public const int MaxHeaderSize = 100_000_000;

    /// <summary>
    /// The most tensors a file may hold (100,000; about a second and 150 MB to load when all are empty).
    /// Models split into shards hold a few thousand per file; a million empty tensors cost seconds and a gigabyte.
    /// </summary>
    public const int MaxTensorCount = 100_000;

    /// <summary>The most "__metadata__" entries a file may hold (100,000): files from training tools hold tens.</summary>
    public const int MaxMetadataCount = 100_000;

    /// <summary>The most dimensions of one tensor's shape (64), as many as a tensor here may have.</summary>
    public const int MaxRank = Shapes.MaxRank;

    /// <summary>
    /// The most JSON values (strings, numbers, arrays, objects...) a header may hold (4,000,000): room
    /// for <see cref="MaxTensorCount"/> tensors of rank 30. It bounds the parsed document, which would
    /// otherwise grow with values the format ignores (a 90 MB array in an unknown field: 2 GB, seconds).
    /// </summary>
    public const int MaxHeaderValues = 4_000_000;

    /// <summary>Bytes moved per read or write call; spans of bytes cannot exceed 2^31.</summary>
    internal const int ChunkBytes = 1 << 24;

    /// <summary>
    /// Writes <paramref name="tensors"/> (and optional string metadata) to <paramref name="path"/>
    /// atomically: a failure leaves any old file as it was. An existing file is replaced only with
    /// <paramref name="overwrite"/>; otherwise <see cref="FileExistsException"/>.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null, bool overwrite = false)
    {
        CheckEndianness();
        ArgumentNullException.ThrowIfNull(tensors);
        AtomicFile.Write(path, overwrite, stream => SafeTensorsWriter.Write(stream, tensors, metadata));
    }

    /// <summary>Writes the file's bytes to <paramref name="stream"/> (which need not be seekable).</summary>
    public static void Save(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        CheckEndianness();
        SafeTensorsWriter.Write(stream, tensors, metadata);
    }

    /// <summary>The file's bytes in memory.</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        Save(stream, tensors, metadata);
        return stream.ToArray();
    }

    /// <summary>
    /// Reads every tensor and the metadata of a safetensors file; format errors name the file.
    /// <paramref name="cancellation"/> is checked between chunks of data (Ctrl+C in a cmdlet).
    /// </summary>
    public static SafeTensorsData Load(string path, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = FileErrors.OpenRead(path);
        try
        {
            return Load(stream, cancellation);
        }
        catch (SafeTensorsFormatException e)
        {
            throw new SafeTensorsFormatException(e.ErrorId, $"cannot read '{path}': {e.Message}", e.Kind, e);
        }
        catch (IOException e)
        {
            throw FileErrors.ReadFailed(path, e);
        }
    }

    /// <summary>Reads a safetensors file from the current position of a seekable stream to its end.</summary>
    public static SafeTensorsData Load(Stream stream, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new TensorArgumentException("StreamNotSeekable",
                "reading safetensors needs a seekable stream, so that the header can be checked against the length before anything is allocated");
        }
        CheckEndianness();
        long length = stream.Length - stream.Position;
        Span<byte> prefix = stackalloc byte[8];
        if (length >= 8) ReadExactly(stream, prefix, "the header length");
        int n = SafeTensorsHeader.CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(prefix), length);
        var headerBytes = new byte[n];
        ReadExactly(stream, headerBytes, "the header");
        var header = SafeTensorsHeader.Parse(headerBytes, length - 8 - n);
        var targets = header.Entries.Select(SafeTensorsHeader.Target).ToList();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < targets.Count; i++)
        {
            tensors[header.Entries[i].Name] = ReadTensor(stream, header.Entries[i], targets[i].DType, targets[i].Shape, cancellation);
        }
        return new SafeTensorsData(tensors, header.Metadata);
    }

    /// <summary>Reads a safetensors file held in memory.</summary>
    public static SafeTensorsData Deserialize(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return Load(stream);
    }

    private static void CheckEndianness()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors reading and writing copies little-endian bytes directly and needs a little-endian machine");
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw Truncated(what, e);
        }
    }

    private static SafeTensorsFormatException Truncated(string what, EndOfStreamException e) =>
        new("DataTruncated", $"the file ended while reading {what}; it changed while being read", inner: e);

    private static Tensor ReadTensor(Stream stream, SafeTensorsEntry e, DType dtype, int[] shape, CancellationToken cancellation)
    {
        int numel = (int)((e.End - e.Begin) / e.DType.Size);
        switch (e.DType.Name)
        {
            case "F32": return ReadDirect<float>(stream, e, numel, shape, cancellation);
            case "F64": return ReadDirect<double>(stream, e, numel, shape, cancellation);
            case "I64": return ReadDirect<long>(stream, e, numel, shape, cancellation);
            case "I32": return ReadDirect<int>(stream, e, numel, shape, cancellation);
            case "U8": return ReadDirect<byte>(stream, e, numel, shape, cancellation);
            case "BOOL":
                var flags = ReadDirect<bool>(stream, e, numel, shape, cancellation);
                int bad = CopyKernels.FindInvalidBool(flags, out byte value);
                if (bad >= 0)
                {
                    throw new SafeTensorsFormatException("InvalidBoolValue",
                        $"tensor '{e.Name}': element {bad} of a BOOL tensor is byte {value}, not 0 or 1");
                }
                return flags;
        }
        return dtype == DType.Float32
            ? Tensor.FromBuffer(ReadConverted(stream, e, numel, Float32Decoder(e.DType.Name), cancellation), shape)
            : Tensor.FromBuffer(ReadConverted(stream, e, numel, Int64Decoder(e.DType.Name), cancellation), shape);
    }

    /// <summary>Elements stored as the engine stores them: read straight into the tensor's memory.</summary>
    private static Tensor ReadDirect<T>(Stream stream, SafeTensorsEntry e, int numel, int[] shape, CancellationToken cancellation) where T : unmanaged
    {
        var t = Tensor.FromBuffer(new T[numel], shape);
        try
        {
            Backends.Backend.ReadBytes(stream, t, ChunkBytes, cancellation);
        }
        catch (EndOfStreamException ex)
        {
            throw Truncated($"tensor '{e.Name}'", ex);
        }
        return t;
    }

    /// <summary>Elements of another width: read in chunks and widened one by one.</summary>
    private static T[] ReadConverted<T>(Stream stream, SafeTensorsEntry e, int numel, Func<ReadOnlySpan<byte>, T> decode, CancellationToken cancellation)
    {
        var data = new T[numel];
        int size = e.DType.Size;
        var buffer = new byte[Math.Min(ChunkBytes, numel * (long)size)];
        int perChunk = Math.Max(buffer.Length / size, 1);
        for (int i = 0; i < numel; i += perChunk)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(perChunk, numel - i);
            var bytes = buffer.AsSpan(0, count * size);
            ReadExactly(stream, bytes, $"tensor '{e.Name}'");
            for (int j = 0; j < count; j++) data[i + j] = decode(bytes.Slice(j * size, size));
        }
        return data;
    }

    private static Func<ReadOnlySpan<byte>, float> Float32Decoder(string name) => name switch
    {
        "F16" => b => (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(b)),
        // bfloat16 is the top half of a float32, so widening is a shift.
        _ => b => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b) << 16),
    };

    private static Func<ReadOnlySpan<byte>, long> Int64Decoder(string name) => name switch
    {
        "I8" => b => (sbyte)b[0],
        "I16" => b => BinaryPrimitives.ReadInt16LittleEndian(b),
        "U16" => b => BinaryPrimitives.ReadUInt16LittleEndian(b),
        _ => b => BinaryPrimitives.ReadUInt32LittleEndian(b),
    };
}
