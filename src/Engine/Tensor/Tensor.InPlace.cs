using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// In-place operations (PyTorch's trailing-underscore names). They write through views into the
/// shared storage, bump its version, and are refused on tensors autograd is tracking.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>Writes <paramref name="src"/> (broadcast, converted to this dtype) into this tensor's elements; no checks.</summary>
    internal void CopyRaw(Tensor src)
    {
        var shape = Shapes.Broadcast(Sizes, src.Sizes);
        if (!Shapes.SameShape(shape, Sizes))
        {
            throw new ShapeMismatchException("CopyShapeMismatch",
                $"source of shape {Shapes.Format(src.Sizes)} cannot be broadcast to destination of shape {Shapes.Format(Sizes)}");
        }
        var s = src.CastRaw(DType);
        if (ReferenceEquals(s.Storage, Storage)) s = s.ContiguousCopy();
        var ss = BroadcastStrides(s, Sizes);
        switch (DType)
        {
            case DType.Float32: Strided.Scatter(s.Buffer<float>(), s.Offset, ss, Buffer<float>(), Offset, StrideArray, Sizes); break;
            case DType.Float64: Strided.Scatter(s.Buffer<double>(), s.Offset, ss, Buffer<double>(), Offset, StrideArray, Sizes); break;
            case DType.Int64: Strided.Scatter(s.Buffer<long>(), s.Offset, ss, Buffer<long>(), Offset, StrideArray, Sizes); break;
            default: Strided.Scatter(s.Buffer<bool>(), s.Offset, ss, Buffer<bool>(), Offset, StrideArray, Sizes); break;
        }
        BumpVersion();
    }

    /// <summary>Copies values from <paramref name="src"/> (broadcast to this shape) into this tensor, as torch's copy_().</summary>
    public Tensor Copy_(Tensor src)
    {
        CheckInPlace();
        CopyRaw(src);
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public Tensor Fill_(double value)
    {
        CheckInPlace();
        CopyRaw(Full([], value, DType));
        return this;
    }

    /// <summary>Sets every element to zero.</summary>
    public Tensor Zero_() => Fill_(0);

    /// <summary>this += other (broadcast to this shape; the result keeps this dtype).</summary>
    public Tensor Add_(Tensor other) => Assign(Add(other));

    public Tensor Add_(double other) => Assign(Add(other));

    /// <summary>this += alpha * other, as torch's add_(other, alpha=...).</summary>
    public Tensor Add_(Tensor other, double alpha) => Assign(Add(other, alpha));

    public Tensor Sub_(Tensor other) => Assign(Sub(other));

    public Tensor Sub_(double other) => Assign(Sub(other));

    public Tensor Mul_(Tensor other) => Assign(Mul(other));

    public Tensor Mul_(double other) => Assign(Mul(other));

    public Tensor Div_(Tensor other) => Assign(Div(other));

    public Tensor Div_(double other) => Assign(Div(other));

    public Tensor Clamp_(double? min = null, double? max = null) => Assign(Clamp(min, max));

    private Tensor Assign(Tensor value)
    {
        CheckInPlace();
        if (!Shapes.SameShape(value.Sizes, Sizes))
        {
            throw new ShapeMismatchException("InPlaceShape",
                $"output with shape {Shapes.Format(Sizes)} doesn't match the broadcast shape {Shapes.Format(value.Sizes)}");
        }
        if (!DType.IsFloating() && value.DType.IsFloating())
        {
            throw new DTypeMismatchException("InPlaceDType",
                $"result type {value.DType.TorchName()} can't be cast to the desired output type {DType.TorchName()}");
        }
        CopyRaw(value);
        return this;
    }

    /// <summary>Fills with U[from, to) from the generator (the default one when null), as torch's uniform_().</summary>
    public Tensor Uniform_(double from = 0, double to = 1, Generator? generator = null)
    {
        CheckInPlace();
        var g = generator ?? Generator.Default;
        var buffer = ContiguousBufferForFill();
        switch (DType)
        {
            case DType.Float32: g.FillUniform(buffer.WritableSpan<float>(), (float)from, (float)to); break;
            case DType.Float64: g.FillUniform(buffer.WritableSpan<double>(), from, to); break;
            default: throw new DTypeMismatchException("FloatingDTypeRequired", $"uniform_ is only implemented for floating dtypes, got {DType.TorchName()}");
        }
        return FinishFill(buffer);
    }

    /// <summary>Fills with N(mean, std²) from the generator, as torch's normal_().</summary>
    public Tensor Normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        CheckInPlace();
        if (std < 0) throw new TensorArgumentException("InvalidStd", $"normal expects std >= 0.0, but found std {std}");
        var g = generator ?? Generator.Default;
        var buffer = ContiguousBufferForFill();
        switch (DType)
        {
            case DType.Float32: g.FillNormal(buffer.WritableSpan<float>(), (float)mean, (float)std); break;
            case DType.Float64: g.FillNormal(buffer.WritableSpan<double>(), mean, std); break;
            default: throw new DTypeMismatchException("FloatingDTypeRequired", $"normal_ is only implemented for floating dtypes, got {DType.TorchName()}");
        }
        return FinishFill(buffer);
    }

    /// <summary>Fills with 1 with probability <paramref name="p"/>, else 0, as torch's bernoulli_(p).</summary>
    public Tensor Bernoulli_(double p = 0.5, Generator? generator = null)
    {
        CheckInPlace();
        if (p < 0 || p > 1) throw new TensorArgumentException("InvalidProbability", $"bernoulli_ expects p to be in [0, 1], but got p={p}");
        var g = generator ?? Generator.Default;
        var buffer = ContiguousBufferForFill();
        switch (DType)
        {
            case DType.Float32: g.FillBernoulli(buffer.WritableSpan<float>(), p); break;
            case DType.Float64: g.FillBernoulli(buffer.WritableSpan<double>(), p); break;
            default: throw new DTypeMismatchException("FloatingDTypeRequired", $"bernoulli_ with a probability is only implemented for floating dtypes here, got {DType.TorchName()}");
        }
        return FinishFill(buffer);
    }

    private Tensor ContiguousBufferForFill() => IsContiguous() ? this : Empty(Sizes, DType);

    private Tensor FinishFill(Tensor buffer)
    {
        if (!ReferenceEquals(buffer, this)) CopyRaw(buffer);
        else BumpVersion();
        return this;
    }
}
