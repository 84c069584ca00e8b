using NNTools.Kernels;

namespace NNTools;

public sealed partial class Tensor
{
    /// <summary>
    /// A tensor from nested data: a number, a bool, an array or list (nested to any depth), a
    /// multi-dimensional .NET array or another tensor (copied), as torch.tensor(data). The dtype
    /// is inferred as PyTorch does unless given.
    /// </summary>
    public Tensor(object data) : this(NestedData.ToTensor(data, null)) { }

    /// <summary>A tensor from nested data converted to <paramref name="dtype"/>.</summary>
    public Tensor(object data, DType dtype) : this(NestedData.ToTensor(data, dtype)) { }

    private Tensor(Tensor fresh) : this(fresh.Storage, fresh.Sizes, fresh.StrideArray, fresh.Offset) { }

    /// <summary>torch.tensor(data, dtype=..., requires_grad=...).</summary>
    public static Tensor From(object data, DType? dtype = null, bool requiresGrad = false)
    {
        var t = NestedData.ToTensor(data, dtype);
        if (requiresGrad) t.RequiresGrad_();
        return t;
    }

    /// <summary>
    /// A 0-d tensor standing for a plain number in an expression. Like PyTorch's wrapped numbers it
    /// takes part in type promotion with the lowest priority: int64 tensor + 2.5 is float32, float64
    /// tensor + 2.5 stays float64.
    /// </summary>
    internal static Tensor WrappedScalar(double value)
    {
        var t = Empty([], DType.Float64);
        CopyKernels.WriteScalar(t, value);
        t.IsWrappedNumber = true;
        return t;
    }

    internal static Tensor WrappedScalar(long value)
    {
        var t = Empty([], DType.Int64);
        CopyKernels.WriteScalar(t, value);
        t.IsWrappedNumber = true;
        return t;
    }

    internal static Tensor WrappedScalar(bool value)
    {
        var t = Empty([], DType.Bool);
        CopyKernels.WriteScalar(t, value);
        t.IsWrappedNumber = true;
        return t;
    }

    internal bool IsWrappedNumber { get; private set; }

    /// <summary>A 0-d tensor holding one value; the default float dtype unless given one.</summary>
    public static Tensor Scalar(double value, DType? dtype = null) => Full([], value, dtype);

    public static Tensor Zeros(params int[] shape) => Empty(shape, DTypes.DefaultFloat);

    public static Tensor Zeros(int[] shape, DType dtype) => Empty(shape, dtype);

    public static Tensor Ones(params int[] shape) => Full(shape, 1, DTypes.DefaultFloat);

    public static Tensor Ones(int[] shape, DType dtype) => Full(shape, 1, dtype);

    /// <summary>A tensor filled with <paramref name="value"/>; its dtype defaults to the default float dtype (float32).</summary>
    public static Tensor Full(int[] shape, double value, DType? dtype = null)
    {
        var type = dtype ?? DTypes.DefaultFloat;
        CheckValueFits(value, type);
        var t = Empty(shape, type);
        // A fresh tensor: no version bump, no autograd checks.
        Backends.Backend.Fill(t, value);
        return t;
    }

    public static Tensor ZerosLike(Tensor other) => Empty(other.Sizes, other.DType);

    public static Tensor ZerosLike(Tensor other, DType dtype) => Empty(other.Sizes, dtype);

    public static Tensor OnesLike(Tensor other) => Full(other.Sizes, 1, other.DType);

    public static Tensor OnesLike(Tensor other, DType dtype) => Full(other.Sizes, 1, dtype);

    public static Tensor FullLike(Tensor other, double value) => Full(other.Sizes, value, other.DType);

    public static Tensor FullLike(Tensor other, double value, DType dtype) => Full(other.Sizes, value, dtype);

    /// <summary>Uniform samples in [0, 1), as torch.rand.</summary>
    public static Tensor Rand(params int[] shape) => Rand(shape, DTypes.DefaultFloat, null);

    public static Tensor Rand(int[] shape, DType dtype, Generator? generator = null) =>
        Empty(shape, RequireFloating(dtype, "rand")).Uniform_(0, 1, generator);

    /// <summary>Standard normal samples, as torch.randn.</summary>
    public static Tensor Randn(params int[] shape) => Randn(shape, DTypes.DefaultFloat, null);

    public static Tensor Randn(int[] shape, DType dtype, Generator? generator = null) =>
        Empty(shape, RequireFloating(dtype, "randn")).Normal_(0, 1, generator);

    public static Tensor RandLike(Tensor other, Generator? generator = null) => Rand(other.Sizes, RequireFloating(other.DType, "rand_like"), generator);

    public static Tensor RandnLike(Tensor other, Generator? generator = null) => Randn(other.Sizes, RequireFloating(other.DType, "randn_like"), generator);

    /// <summary>Integers drawn uniformly from [low, high), as torch.randint; int64 unless told otherwise.</summary>
    public static Tensor Randint(long low, long high, int[] shape, DType dtype = DType.Int64, Generator? generator = null)
    {
        if (high <= low)
        {
            throw Raise(new TensorArgumentException("InvalidRange", $"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}"));
        }
        var values = new long[Shapes.Numel(shape)];
        (generator ?? Generator.Default).FillRandint(values, low, high);
        return FromBuffer(values, shape).To(dtype);
    }

    public static Tensor Randint(long high, int[] shape) => Randint(0, high, shape);

    public static Tensor RandintLike(Tensor other, long low, long high, Generator? generator = null) =>
        Randint(low, high, other.Sizes, other.DType, generator);

    /// <summary>A random permutation of 0..n-1 (int64), as torch.randperm.</summary>
    public static Tensor Randperm(int n, Generator? generator = null)
    {
        if (n < 0) throw Raise(new TensorArgumentException("InvalidRange", $"n must be non-negative, got {n}"));
        return FromBuffer((generator ?? Generator.Default).Randperm(n), [n]);
    }

    /// <summary>Values from start up to (not including) end by step, as torch.arange. Int64 when all three are integers.</summary>
    public static Tensor Arange(double end) => Arange(0, end, 1);

    public static Tensor Arange(double start, double end, double step = 1, DType? dtype = null)
    {
        if (step == 0 || double.IsNaN(step)) throw Raise(new TensorArgumentException("InvalidStep", $"step must be nonzero, got {step}"));
        if (!double.IsFinite(start) || !double.IsFinite(end))
        {
            throw Raise(new TensorArgumentException("InvalidRange", $"unsupported range: {start} -> {end}"));
        }
        if ((step > 0 && end < start) || (step < 0 && end > start))
        {
            throw Raise(new TensorArgumentException("InvalidRange",
                $"upper bound and larger bound inconsistent with step sign: start={start}, end={end}, step={step}"));
        }
        bool integral = start == Math.Floor(start) && end == Math.Floor(end) && step == Math.Floor(step);
        var type = dtype ?? (integral ? DType.Int64 : DTypes.DefaultFloat);
        double count = Math.Ceiling((end - start) / step);
        if (count > int.MaxValue) throw Raise(new TensorLimitException("TooManyElements", $"arange({start}, {end}, {step}) would have {count} elements"));
        int n = (int)count;
        if (type == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "arange does not produce bool tensors"));
        var t = Empty([n], type);
        if (type is DType.Float32 or DType.Float64)
        {
            SequenceKernels.Arange(t, start, step);
            return t;
        }
        // Integer dtypes count in int64 and wrap to the narrower type, as torch's int32 and uint8 arange do.
        var values = new long[n];
        for (int i = 0; i < n; i++) values[i] = (long)(start + i * step);
        return type == DType.Int64 ? FromBuffer(values, [n]) : FromBuffer(values, [n]).CastRaw(type);
    }

    /// <summary>
    /// <paramref name="steps"/> evenly spaced values from start to end inclusive, as torch.linspace
    /// computes them on the CPU (PyTorch 1.13's AVX2 kernel), bit for bit up to 32768 steps: with
    /// step = (end - start) / (steps - 1) in the output dtype, the first half counts from the start
    /// (start + step i) and the second half from the end (end - step (steps - 1 - i)), each as one FMA;
    /// the kernel fills 32-byte vectors two at a time, each from its first element's value b as
    /// b + j step (not fused), and the elements left over one by one.
    /// </summary>
    public static Tensor Linspace(double start, double end, int steps, DType? dtype = null)
    {
        if (steps < 0) throw Raise(new TensorArgumentException("InvalidSteps", $"number of steps must be non-negative, got {steps}"));
        var type = dtype ?? DTypes.DefaultFloat;
        if (type is DType.Int32 or DType.UInt8) return Linspace(start, end, steps, DType.Int64).CastRaw(type);
        var t = Empty([steps], type);
        if (type == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "linspace does not produce bool tensors"));
        SequenceKernels.Linspace(t, start, end);
        return t;
    }

    /// <summary>An n x m matrix with ones on the diagonal, as torch.eye.</summary>
    public static Tensor Eye(int n, int m = -1, DType? dtype = null)
    {
        if (m < 0) m = n;
        var t = Empty([n, m], dtype ?? DTypes.DefaultFloat);
        SequenceKernels.Eye(t);
        return t;
    }

    private static DType RequireFloating(DType dtype, string op)
    {
        if (!dtype.IsFloating())
        {
            throw Raise(new DTypeMismatchException("FloatingDTypeRequired", $"\"{op}\" is only implemented for floating dtypes, got {dtype.TorchName()}"));
        }
        return dtype;
    }

    /// <summary>
    /// Refuses a fill value the dtype cannot hold, as PyTorch's checked scalar conversion does: NaN,
    /// infinities and values beyond the range for an integer dtype, finite values beyond float's
    /// range for float32 (a cast would silently give 0, the minimum or infinity). Fractions truncate,
    /// as in PyTorch. A whole number counts as a Python int: uint8 then takes -255..255 and wraps
    /// the negative ones (c10's overflows() for unsigned types), a fraction only 0..255.
    /// </summary>
    internal static void CheckValueFits(double value, DType dtype)
    {
        bool overflows = dtype switch
        {
            DType.Int64 => !(value >= -9.2233720368547758E18 && value < 9.2233720368547758E18),
            DType.Int32 => !(value >= int.MinValue && value <= int.MaxValue),
            DType.UInt8 => !(value >= (value == Math.Floor(value) ? -255 : 0) && value <= 255),
            DType.Float32 => double.IsFinite(value) && Math.Abs(value) > float.MaxValue,
            _ => false,
        };
        if (overflows) throw Raise(ValueOverflowError(value, dtype));
    }

    private static TensorArgumentException ValueOverflowError(double value, DType dtype) => new("ValueOverflow",
        $"value cannot be converted to type {CTypeName(dtype)} without overflow: {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} does not fit in {dtype.TorchName()}");

    private static string CTypeName(DType dtype) => dtype switch
    {
        DType.Int64 => "int64_t",
        DType.Int32 => "int",
        DType.UInt8 => "uint8_t",
        _ => "float",
    };
}
