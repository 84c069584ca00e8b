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
}
