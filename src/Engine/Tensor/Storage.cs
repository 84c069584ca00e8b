namespace NNTools;

/// <summary>
/// The flat buffer behind one or more tensors (views share it). <see cref="Version"/> counts
/// in-place writes so autograd can tell that a value it saved has since been overwritten.
/// </summary>
internal sealed class Storage
{
    public Storage(Array buffer, DType dtype)
    {
        Buffer = buffer;
        DType = dtype;
    }

    public Array Buffer { get; }

    public DType DType { get; }

    public int Length => Buffer.Length;

    public int Version;

    /// <summary>True for a buffer allocated inside an inference-mode scope: its tensors are inference tensors.</summary>
    public bool Inference { get; init; } = Autograd.GradMode.IsInferenceModeEnabled;

    /// <summary>True for a large buffer <see cref="AllocateLongLived"/> put in long-lived memory.</summary>
    public bool LongLived { get; private init; }

    /// <summary>A storage over the same buffer with a version counter of its own (what <c>.Data</c> hands out).</summary>
    public Storage Alias() => new(Buffer, DType) { Inference = Inference };

    public static Storage Allocate(DType dtype, int length) => dtype switch
    {
        DType.Float32 => new Storage(new float[length], dtype),
        DType.Float64 => new Storage(new double[length], dtype),
        DType.Int64 => new Storage(new long[length], dtype),
        DType.Int32 => new Storage(new int[length], dtype),
        DType.UInt8 => new Storage(new byte[length], dtype),
        _ => new Storage(new bool[length], dtype),
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
            _ => Allocate(dtype, length),
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
    public static Storage AllocateUninitialized(DType dtype, int length) => dtype switch
    {
        DType.Float32 => new Storage(GC.AllocateUninitializedArray<float>(length), dtype),
        DType.Float64 => new Storage(GC.AllocateUninitializedArray<double>(length), dtype),
        _ => Allocate(dtype, length),
    };

    /// <summary>Buffers from this size on go to long-lived memory in <see cref="AllocateLongLived"/>.</summary>
    private const int LargeBufferBytes = 64 * 1024;
}
