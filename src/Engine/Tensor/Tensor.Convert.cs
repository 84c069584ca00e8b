using System.Numerics;
using NNTools.Kernels;

namespace NNTools;

public sealed partial class Tensor
{
    /// <summary>This tensor as <paramref name="dtype"/>: itself when the dtype already matches, otherwise a converted copy (differentiable between floating dtypes).</summary>
    public Tensor To(DType dtype)
    {
        if (dtype == DType) return this;
        var result = CastRaw(dtype);
        if (dtype.IsFloating() && DType.IsFloating())
        {
            var from = DType;
            return Record(result, "ToCopyBackward0", [this], g => [g.To(from)]);
        }
        return result;
    }

    /// <summary>The values converted to <paramref name="dtype"/> with no autograd record; this tensor when the dtype matches.</summary>
    internal Tensor CastRaw(DType dtype)
    {
        if (dtype == DType) return this;
        var src = IsContiguous() ? this : ContiguousCopy();
        var result = Empty(Sizes, dtype);
        Backends.Backend.Cast(src, result);
        return result;
    }

    /// <summary>
    /// One value converted as PyTorch's CPU casts convert it: integers wrap to a narrower type (they
    /// keep their low bits); a float truncates toward zero, and uint8 takes the low byte of that
    /// integer (c10's static_cast_with_inter_type), so -1.5 gives 255. A float no integer dtype holds
    /// (NaN, infinities, beyond the range) is undefined in C++; it saturates, as <see cref="Long"/>
    /// does (docs/FIDELITY.md).
    /// </summary>
    internal static TTo CastOne<TFrom, TTo>(TFrom v) where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
    {
        bool fromFloat = typeof(TFrom) == typeof(float) || typeof(TFrom) == typeof(double);
        bool toFloat = typeof(TTo) == typeof(float) || typeof(TTo) == typeof(double);
        if (!fromFloat || toFloat) return TTo.CreateTruncating(v);
        if (typeof(TTo) == typeof(byte)) return TTo.CreateTruncating(long.CreateSaturating(v));
        return TTo.CreateSaturating(v);
    }

    /// <summary>Converts to float32, as torch's .float().</summary>
    public Tensor Float() => To(DType.Float32);

    /// <summary>Converts to float64, as torch's .double().</summary>
    public Tensor Double() => To(DType.Float64);

    /// <summary>Converts to int64 (truncating toward zero), as torch's .long().</summary>
    public Tensor Long() => To(DType.Int64);

    /// <summary>Converts to int32 (truncating toward zero, wrapping as torch does), as torch's .int().</summary>
    public Tensor Int() => To(DType.Int32);

    /// <summary>Converts to uint8 (wrapping modulo 256 as torch does), as torch's .byte().</summary>
    public Tensor Byte() => To(DType.UInt8);

    /// <summary>Converts to bool (non-zero is true), as torch's .bool().</summary>
    public Tensor Bool() => To(DType.Bool);

    /// <summary>A contiguous tensor with the same values: this one when already contiguous.</summary>
    public Tensor Contiguous() => IsContiguous() ? this : CopyDifferentiable("CloneBackward0");

    /// <summary>A copy with its own storage (differentiable), as torch's clone().</summary>
    public Tensor Clone() => CopyDifferentiable("CloneBackward0");

    private Tensor CopyDifferentiable(string name) => Record(ContiguousCopy(), name, [this], g => [g]);

    /// <summary>A contiguous copy of the values with no autograd record.</summary>
    internal Tensor ContiguousCopy()
    {
        var result = Empty(Sizes, DType);
        Backends.Backend.CopyToContiguous(this, result);
        return result;
    }

    /// <summary>The single value of a one-element tensor as a .NET value (float, double, long, int, byte or bool), as torch's item().</summary>
    public object Item()
    {
        if (Numel() != 1)
        {
            throw Raise(new TensorArgumentException("ItemNotScalar",
                $"a Tensor with {Numel()} elements cannot be converted to Scalar; shape {Shapes.Format(Sizes)}"));
        }
        var c = Contiguous();
        return Backends.Backend.Item(c);
    }

    /// <summary>The single value of a one-element tensor as a double.</summary>
    public double ToDouble() => System.Convert.ToDouble(Item(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The single value of a one-element tensor as a float.</summary>
    public float ToSingle() => (float)ToDouble();

    /// <summary>The single value of a one-element tensor as a long (truncated).</summary>
    public long ToInt64() => Item() switch { long l => l, int i => i, byte u => u, bool b => b ? 1 : 0, var v => (long)System.Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>The single value of a one-element tensor as a bool.</summary>
    public bool ToBoolean() => Item() switch { bool b => b, var v => System.Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) != 0 };

    // Casts of a one-element tensor, as float(t) and int(t) in Python: PowerShell's [double]$t and
    // [int]$t find these operators. More than one element fails as Item() does.
    public static explicit operator double(Tensor t) => t.ToDouble();

    public static explicit operator float(Tensor t) => t.ToSingle();

    public static explicit operator long(Tensor t) => t.ToInt64();

    public static explicit operator int(Tensor t) => checked((int)t.ToInt64());

    /// <summary>
    /// The values as a .NET array shaped like the tensor: a scalar for 0-d, T[] for 1-d, T[,] for 2-d,
    /// and so on, with T the dtype's .NET type (float, double, long, int, byte, bool).
    /// </summary>
    public Array ToArray()
    {
        var c = Contiguous();
        int n = c.Numel();
        var flat = Array.CreateInstance(DType.ClrType(), n);
        Backends.Backend.CopyToHost(c, flat);
        if (Ndim <= 1) return flat;
        var shaped = Array.CreateInstance(DType.ClrType(), Sizes);
        System.Buffer.BlockCopy(flat, 0, shaped, 0, n * DType.ElementSize());
        return shaped;
    }

    /// <summary>The values in row-major order as a flat float array (converting if needed).</summary>
    public float[] ToFloatArray() => To(DType.Float32).FlatCopy<float>();

    /// <summary>The values in row-major order as a flat double array (converting if needed).</summary>
    public double[] ToDoubleArray() => To(DType.Float64).FlatCopy<double>();

    /// <summary>The values in row-major order as a flat long array (converting if needed).</summary>
    public long[] ToInt64Array() => To(DType.Int64).FlatCopy<long>();

    /// <summary>The values in row-major order as a flat int array (converting as <see cref="Int"/> does).</summary>
    public int[] ToInt32Array() => To(DType.Int32).FlatCopy<int>();

    /// <summary>The values in row-major order as a flat byte array (converting as <see cref="Byte"/> does).</summary>
    public byte[] ToByteArray() => To(DType.UInt8).FlatCopy<byte>();

    /// <summary>The values in row-major order as a flat bool array (converting if needed).</summary>
    public bool[] ToBooleanArray() => To(DType.Bool).FlatCopy<bool>();

    /// <summary>Same as <see cref="ToArray"/> for a 0-d or 1-d tensor; nested jagged lists otherwise, as torch's tolist().</summary>
    public object ToList()
    {
        var flat = ToArray();
        if (Ndim == 0) return flat.GetValue(0)!;
        if (Ndim == 1) return flat;
        var values = Contiguous();
        var all = Array.CreateInstance(DType.ClrType(), values.Numel());
        Backends.Backend.CopyToHost(values, all);
        int pos = 0;
        return Nest(all, 0, ref pos);
    }

    private object Nest(Array flat, int dim, ref int pos)
    {
        if (dim == Ndim - 1)
        {
            var row = Array.CreateInstance(DType.ClrType(), Sizes[dim]);
            Array.Copy(flat, pos, row, 0, Sizes[dim]);
            pos += Sizes[dim];
            return row;
        }
        var list = new object[Sizes[dim]];
        for (int i = 0; i < list.Length; i++) list[i] = Nest(flat, dim + 1, ref pos);
        return list;
    }

    internal T[] FlatCopy<T>()
    {
        var c = Contiguous();
        var result = new T[c.Numel()];
        Backends.Backend.CopyToHost(c, result);
        return result;
    }
}
