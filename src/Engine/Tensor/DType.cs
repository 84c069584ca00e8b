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
}

/// <summary>Facts about dtypes and PyTorch's promotion lattice.</summary>
public static class DTypes
{
    /// <summary>The dtype that floating-point Python-style scalars and float factories default to.</summary>
    public const DType DefaultFloat = DType.Float32;

    public static bool IsFloating(this DType t) => t is DType.Float32 or DType.Float64;

    /// <summary>0 for bool, 1 for integers, 2 for floats: PyTorch's category order.</summary>
    internal static int Category(this DType t) => t switch
    {
        DType.Bool => 0,
        DType.Int64 => 1,
        _ => 2,
    };

    public static int ElementSize(this DType t) => t switch
    {
        DType.Float32 => 4,
        DType.Float64 => 8,
        DType.Int64 => 8,
        _ => 1,
    };

    /// <summary>torch.promote_types: the smallest dtype both inputs convert to without losing category.</summary>
    public static DType Promote(DType a, DType b)
    {
        if (a == b) return a;
        if (a == DType.Bool) return b;
        if (b == DType.Bool) return a;
        if (a == DType.Float64 || b == DType.Float64) return DType.Float64;
        if (a == DType.Float32 || b == DType.Float32) return DType.Float32;
        return DType.Int64;
    }

    /// <summary>PyTorch's display name: torch.float32, torch.int64, ...</summary>
    public static string TorchName(this DType t) => t switch
    {
        DType.Float32 => "torch.float32",
        DType.Float64 => "torch.float64",
        DType.Int64 => "torch.int64",
        _ => "torch.bool",
    };

    /// <summary>Parses "float32", "float", "double", "float64", "long", "int64", "bool", with or without "torch.".</summary>
    public static DType Parse(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        if (n.StartsWith("torch.", StringComparison.Ordinal)) n = n[6..];
        return n switch
        {
            "float32" or "float" or "single" => DType.Float32,
            "float64" or "double" => DType.Float64,
            "int64" or "long" or "int" => DType.Int64,
            "bool" or "boolean" => DType.Bool,
            _ => throw Raise(new TensorArgumentException("UnknownDType",
                $"unknown dtype '{name}'; expected one of float32, float64, int64, bool")),
        };
    }

    internal static Type ClrType(this DType t) => t switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int64 => typeof(long),
        _ => typeof(bool),
    };
}
