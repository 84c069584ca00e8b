namespace NNTools;

/// <summary>
/// The flat buffer behind one or more tensors (views share it). <see cref="Version"/> counts
/// in-place writes so autograd can tell that a value it saved has since been overwritten.
/// </summary>
internal sealed class Storage
{
    public Storage(Array buffer, DType dtype, BufferOwner? owner = null)
    {
        Buffer = buffer;
        DType = dtype;
        Owner = owner;
    }

    public Array Buffer { get; }

    public DType DType { get; }

    public int Length => Buffer.Length;

    /// <summary>For a buffer <see cref="BufferPool"/> lent: held so the buffer is not reused while this storage lives.</summary>
    public BufferOwner? Owner { get; }

    public int Version;

    /// <summary>True for a buffer allocated inside an inference-mode scope: its tensors are inference tensors.</summary>
    public bool Inference { get; init; } = Autograd.GradMode.IsInferenceModeEnabled;

    /// <summary>True for a large buffer <see cref="AllocateLongLived"/> put in long-lived memory.</summary>
    public bool LongLived { get; private init; }

    /// <summary>A storage over the same buffer with a version counter of its own (what <c>.Data</c> hands out).</summary>
    public Storage Alias() => new(Buffer, DType, Owner) { Inference = Inference };

    public static Storage Allocate(DType dtype, int length) =>
        BufferPool.Rent(dtype, length, zeroed: true, out var owner) is { } pooled
            ? new Storage(pooled, dtype, owner)
            : new Storage(NewBuffer(dtype, length, zeroed: true), dtype);

    /// <summary>A new managed array for <paramref name="length"/> elements of <paramref name="dtype"/>.</summary>
    internal static Array NewBuffer(DType dtype, int length, bool zeroed) => dtype switch
    {
        DType.Float32 => zeroed ? new float[length] : GC.AllocateUninitializedArray<float>(length),
        DType.Float64 => zeroed ? new double[length] : GC.AllocateUninitializedArray<double>(length),
        DType.Int64 => new long[length],
        DType.Int32 => new int[length],
        DType.UInt8 => new byte[length],
        _ => new bool[length],
    };

    /// <summary>
    /// A buffer for values that live as long as a model: parameters, their gradients, optimizer
    /// state; zeroed, or left unspecified for a copy that overwrites it. Large float ones go on the
    /// pinned object heap, which the GC never compacts. Allocated as ordinary arrays they start in the
    /// youngest generation and each of the first two collections copies them into fresh memory (W5:
    /// 15 MB of weights and gradients, a 47 ms pause in the first step and another when they reached
    /// the oldest generation).
    /// </summary>
    public static Storage AllocateLongLived(DType dtype, int length, bool zeroed = true)
    {
        if (!IsLarge((long)length * dtype.ElementSize())) return zeroed ? Allocate(dtype, length) : AllocateUninitialized(dtype, length);
        return dtype switch
        {
            DType.Float32 => new Storage(zeroed ? GC.AllocateArray<float>(length, pinned: true) : GC.AllocateUninitializedArray<float>(length, pinned: true), dtype) { LongLived = true },
            DType.Float64 => new Storage(zeroed ? GC.AllocateArray<double>(length, pinned: true) : GC.AllocateUninitializedArray<double>(length, pinned: true), dtype) { LongLived = true },
            _ => new Storage(NewBuffer(dtype, length, zeroed: true), dtype),
        };
    }

    /// <summary>True for a buffer of 64 KB or more: kept in long-lived memory when it lives long.</summary>
    public bool IsLarge() => IsLarge((long)Length * DType.ElementSize());

    private static bool IsLarge(long bytes) => bytes >= LargeBufferBytes;

    /// <summary>
    /// A buffer whose contents are unspecified, for results every element of which the caller
    /// writes before anyone reads it: skips zeroing the buffer (a pass over the whole of it on every
    /// matmul output and activation gradient).
    /// </summary>
    public static Storage AllocateUninitialized(DType dtype, int length)
    {
        if (!dtype.IsFloating()) return Allocate(dtype, length);
        return BufferPool.Rent(dtype, length, zeroed: false, out var owner) is { } pooled
            ? new Storage(pooled, dtype, owner)
            : new Storage(NewBuffer(dtype, length, zeroed: false), dtype);
    }

    /// <summary>Buffers from this size on go to long-lived memory in <see cref="AllocateLongLived"/>.</summary>
    private const int LargeBufferBytes = 64 * 1024;
}
