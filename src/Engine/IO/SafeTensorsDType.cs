namespace NNTools.IO;

/// <summary>
/// One element type of the safetensors format. <see cref="Order"/> is its place in the reference
/// implementation's Dtype enum, which the writer sorts by (descending) so that the tensors with
/// the widest alignment come first; <see cref="Target"/> is the engine dtype it is read into, or
/// null when this reader cannot represent it without loss.
/// </summary>
internal sealed record SafeTensorsDType(string Name, int Order, int Size, DType? Target)
{
    /// <summary>Every dtype the reference implementation names with a whole-byte size.</summary>
    public static readonly IReadOnlyList<SafeTensorsDType> All =
    [
        new("BOOL", 0, 1, DType.Bool),
        new("U8", 1, 1, DType.UInt8),
        new("I8", 2, 1, DType.Int64),
        new("F8_E5M2", 3, 1, null),
        new("F8_E4M3", 4, 1, null),
        new("F8_E8M0", 5, 1, null),
        new("I16", 6, 2, DType.Int64),
        new("U16", 7, 2, DType.Int64),
        new("F16", 8, 2, DType.Float32),
        new("BF16", 9, 2, DType.Float32),
        new("I32", 10, 4, DType.Int32),
        new("U32", 11, 4, DType.Int64),
        new("F32", 12, 4, DType.Float32),
        new("F64", 13, 8, DType.Float64),
        new("I64", 14, 8, DType.Int64),
        new("U64", 15, 8, null),
    ];

    private static readonly Dictionary<string, SafeTensorsDType> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static SafeTensorsDType? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The format's name for an engine dtype: every engine dtype is written as itself.</summary>
    public static SafeTensorsDType Of(DType dtype) => dtype switch
    {
        DType.Float32 => ByName["F32"],
        DType.Float64 => ByName["F64"],
        DType.Int64 => ByName["I64"],
        DType.Int32 => ByName["I32"],
        DType.UInt8 => ByName["U8"],
        _ => ByName["BOOL"],
    };

    /// <summary>The names this reader turns into tensors, for error messages.</summary>
    public static string Readable => string.Join(", ", All.Where(d => d.Target is not null).Select(d => d.Name));
}
