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

    public static Storage Allocate(DType dtype, int length) => dtype switch
    {
        DType.Float32 => new Storage(new float[length], dtype),
        DType.Float64 => new Storage(new double[length], dtype),
        DType.Int64 => new Storage(new long[length], dtype),
        _ => new Storage(new bool[length], dtype),
    };

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
}
