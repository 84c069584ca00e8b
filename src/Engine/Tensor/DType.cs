namespace NNTools;

/// <summary>Element types a tensor can hold, named as PyTorch names them.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float, PyTorch's default floating dtype.</summary>
    Float32,
    /// <summary>64-bit IEEE float ("double").</summary>
    Float64,
    /// <summary>64-bit signed integer ("long"), PyTorch's default integer dtype.</summary>
    Int64,
    /// <summary>Boolean.</summary>
    Bool,
    /// <summary>32-bit signed integer ("int").</summary>
    Int32,
    /// <summary>8-bit unsigned integer ("byte").</summary>
    UInt8,
}

/// <summary>Facts about dtypes and PyTorch's promotion lattice.</summary>
public static class DTypes
{
    /// <summary>
    /// The dtype that Python floats and float factories default to: float32 unless
    /// <see cref="Tensor.SetDefaultDType"/> changed it for the calling context.
    /// </summary>
    public static DType DefaultFloat => DefaultDTypeScope.Current;

    public static bool IsFloating(this DType t) => t is DType.Float32 or DType.Float64;

    /// <summary>True for the integer dtypes (int64, int32, uint8), not bool.</summary>
    public static bool IsIntegral(this DType t) => t is DType.Int64 or DType.Int32 or DType.UInt8;

    /// <summary>0 for bool, 1 for integers, 2 for floats: PyTorch's category order.</summary>
    internal static int Category(this DType t) => t switch
    {
        DType.Bool => 0,
        DType.Int64 or DType.Int32 or DType.UInt8 => 1,
        _ => 2,
    };

    public static int ElementSize(this DType t) => t switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        _ => 1,
    };

    /// <summary>
    /// torch.promote_types: the smallest dtype both inputs convert to without losing category;
    /// the integers order as uint8 &lt; int32 &lt; int64 (uint8 with a signed type gives the signed one).
    /// </summary>
    public static DType Promote(DType a, DType b)
    {
        if (a == b) return a;
        if (a == DType.Bool) return b;
        if (b == DType.Bool) return a;
        if (a == DType.Float64 || b == DType.Float64) return DType.Float64;
        if (a == DType.Float32 || b == DType.Float32) return DType.Float32;
        if (a == DType.Int64 || b == DType.Int64) return DType.Int64;
        return DType.Int32;
    }

    /// <summary>PyTorch's display name: torch.float32, torch.int64, ...</summary>
    public static string TorchName(this DType t) => t switch
    {
        DType.Float32 => "torch.float32",
        DType.Float64 => "torch.float64",
        DType.Int64 => "torch.int64",
        DType.Int32 => "torch.int32",
        DType.UInt8 => "torch.uint8",
        _ => "torch.bool",
    };

    /// <summary>PyTorch's scalar type name, as its error messages write it: Float, Double, Long, Int, Byte, Bool.</summary>
    internal static string ScalarTypeName(this DType t) => t switch
    {
        DType.Float32 => "Float",
        DType.Float64 => "Double",
        DType.Int64 => "Long",
        DType.Int32 => "Int",
        DType.UInt8 => "Byte",
        _ => "Bool",
    };

    /// <summary>
    /// Parses PyTorch's names with or without "torch.": "float32", "float", "double", "float64",
    /// "int64", "long", "int32", "int", "uint8", "byte", "bool". "int" is int32, as torch.int is.
    /// </summary>
    public static DType Parse(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        if (n.StartsWith("torch.", StringComparison.Ordinal)) n = n[6..];
        return n switch
        {
            "float32" or "float" or "single" => DType.Float32,
            "float64" or "double" => DType.Float64,
            "int64" or "long" => DType.Int64,
            "int32" or "int" => DType.Int32,
            "uint8" or "byte" => DType.UInt8,
            "bool" or "boolean" => DType.Bool,
            _ => throw Raise(new TensorArgumentException("UnknownDType",
                $"unknown dtype '{name}'; expected one of float32, float64, int64, int32, uint8, bool")),
        };
    }

    internal static Type ClrType(this DType t) => t switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int64 => typeof(long),
        DType.Int32 => typeof(int),
        DType.UInt8 => typeof(byte),
        _ => typeof(bool),
    };
}
