using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;
using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// Reads nested .NET data (scalars, arrays, lists, jagged or multi-dimensional arrays, tensors)
/// into a shape, a dtype and values, with PyTorch's inference: any float makes it the default float
/// dtype, otherwise any integer makes it int64, otherwise bool. A typed .NET array given whole
/// (double[], float[,], int[], byte[]...) keeps its element type, as a NumPy array does in torch.tensor.
/// </summary>
internal sealed class NestedData
{
    /// <summary>
    /// Hook for hosts whose objects wrap .NET values (PowerShell's PSObject): returns the wrapped
    /// value. The module installs it at import; the engine itself knows no host types.
    /// </summary>
    internal static Func<object, object>? Unwrapper { get; set; }

    private readonly List<double> _doubles = [];
    private readonly List<long> _longs = [];
    private readonly List<int> _shape = [];
    private bool _sawFloat, _sawInt, _sawBool;

    public static Tensor ToTensor(object? data, DType? dtype)
    {
        data = Unwrap(data);
        if (data is Tensor t) return (dtype is DType d ? t.To(d) : t).Detach().ContiguousCopy();
        if (data is Array arr && TypedArrayDType(arr.GetType().GetElementType()!) is DType natural
            && (arr.Rank > 1 || arr.GetType().GetElementType() != typeof(object)))
        {
            return FromTypedArray(arr, dtype ?? natural);
        }
        var reader = new NestedData();
        reader.Read(data, 0);
        var inferred = reader._sawFloat ? DTypes.DefaultFloat : reader._sawInt ? DType.Int64 : reader._sawBool ? DType.Bool : DTypes.DefaultFloat;
        return reader.Build(dtype ?? inferred);
    }

    private static object? Unwrap(object? o) => o is not null && Unwrapper is { } u ? u(o) : o;

    private static DType? TypedArrayDType(Type element)
    {
        if (element == typeof(double) || element == typeof(decimal)) return DType.Float64;
        if (element == typeof(float)) return DType.Float32;
        if (element == typeof(bool)) return DType.Bool;
        if (element == typeof(int)) return DType.Int32;
        if (element == typeof(byte)) return DType.UInt8;
        if (element == typeof(long) || element == typeof(short)
            || element == typeof(sbyte) || element == typeof(ushort) || element == typeof(uint)) return DType.Int64;
        return null;
    }

    private static Tensor FromTypedArray(Array arr, DType dtype)
    {
        var shape = new int[arr.Rank];
        for (int i = 0; i < arr.Rank; i++) shape[i] = arr.GetLength(i);
        var reader = new NestedData();
        foreach (var v in arr) reader.AddLeaf(v, 0);
        reader._shape.Clear();
        reader._shape.AddRange(shape);
        return reader.Build(dtype);
    }

    private void Read(object? node, int depth)
    {
        node = Unwrap(node);
        if (node is Tensor t)
        {
            node = t.ToList();
            if (t.DType.IsFloating()) _sawFloat = true;
        }
        if (node is null || node is string || node is not IEnumerable seq)
        {
            if (depth < _shape.Count)
            {
                throw Raise(new RaggedInputException($"expected sequence of length {_shape[depth]} at dim {depth} (got a scalar: {Describe(node)})"));
            }
            AddLeaf(node, depth);
            return;
        }
        var items = new List<object?>();
        foreach (var item in seq) items.Add(item);
        if (depth == _shape.Count)
        {
            if (_doubles.Count > 0)
            {
                throw Raise(new RaggedInputException($"expected a number at dim {depth} (got a sequence of length {items.Count})"));
            }
            if (depth >= Shapes.MaxRank) throw Raise(new TensorLimitException("RankTooLarge", $"nested input is deeper than {Shapes.MaxRank} levels"));
            _shape.Add(items.Count);
        }
        else if (_shape[depth] != items.Count)
        {
            throw Raise(new RaggedInputException($"expected sequence of length {_shape[depth]} at dim {depth} (got {items.Count})"));
        }
        foreach (var item in items) Read(item, depth + 1);
    }

    private static string Describe(object? o) => o is null ? "null" : Convert.ToString(o, CultureInfo.InvariantCulture) ?? o.GetType().Name;

    private void AddLeaf(object? value, int depth)
    {
        value = Unwrap(value);
        switch (value)
        {
            case bool b: _sawBool = true; _doubles.Add(b ? 1 : 0); _longs.Add(b ? 1 : 0); break;
            case double d: _sawFloat = true; _doubles.Add(d); _longs.Add(0); break;
            case float f: _sawFloat = true; _doubles.Add(f); _longs.Add(0); break;
            case decimal m: _sawFloat = true; _doubles.Add((double)m); _longs.Add(0); break;
            case long l: _sawInt = true; _doubles.Add(l); _longs.Add(l); break;
            case int or short or byte or sbyte or ushort or uint:
                var i = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                _sawInt = true; _doubles.Add(i); _longs.Add(i); break;
            case ulong u when u <= long.MaxValue: _sawInt = true; _doubles.Add(u); _longs.Add((long)u); break;
            default:
                throw Raise(new TensorArgumentException("InvalidElement",
                    $"could not convert {(value is null ? "null" : $"'{Describe(value)}' of type {value.GetType().Name}")} at dim {depth} to a number; tensors hold numbers and booleans"));
        }
    }

    private Tensor Build(DType dtype)
    {
        var shape = _shape.ToArray();
        Shapes.CheckSizes(shape);
        int n = Shapes.Numel(shape);
        if (n != _doubles.Count)
        {
            throw Raise(new RaggedInputException($"nested input of shape {Shapes.Format(shape)} holds {_doubles.Count} values"));
        }
        var result = Tensor.Empty(shape, dtype);
        bool integral = dtype is DType.Int64 or DType.Int32 or DType.UInt8;
        if (integral && (_sawFloat || dtype != DType.Int64)) CheckIntegersFit(dtype);
        // Integers read as integers convert from their int64 values, which a double could round.
        if (integral && !_sawFloat) Backends.Backend.CopyFromHost<long>(CollectionsMarshal.AsSpan(_longs), result);
        else Backends.Backend.CopyFromHost<double>(CollectionsMarshal.AsSpan(_doubles), result);
        return result;
    }

    /// <summary>
    /// torch.tensor's checked conversion into an integer dtype: a value the dtype cannot hold is
    /// refused (uint8 takes -255..255 from whole numbers and wraps the negative ones).
    /// </summary>
    private void CheckIntegersFit(DType dtype)
    {
        foreach (var value in _doubles) Tensor.CheckValueFits(value, dtype);
    }
}
