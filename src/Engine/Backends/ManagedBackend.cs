using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>
/// The default backend: managed arrays, SIMD kernels specialised per dtype and function by the JIT,
/// large products and convolutions spread over the worker team.
/// </summary>
internal sealed partial class ManagedBackend : HostBackend, IBackend
{
    public string Name => "managed";

    public void Unary<TF>(Tensor x, Tensor result) where TF : IUnaryFn
    {
        switch (x.DType)
        {
            case DType.Float32: Strided.Unary<float, TF>(x.Buffer<float>(), x.Offset, x.StrideArray, result.Buffer<float>(), x.Sizes); break;
            case DType.Float64: Strided.Unary<double, TF>(x.Buffer<double>(), x.Offset, x.StrideArray, result.Buffer<double>(), x.Sizes); break;
            case DType.Int32: Strided.Unary<int, TF>(x.Buffer<int>(), x.Offset, x.StrideArray, result.Buffer<int>(), x.Sizes); break;
            case DType.UInt8: Strided.Unary<byte, TF>(x.Buffer<byte>(), x.Offset, x.StrideArray, result.Buffer<byte>(), x.Sizes); break;
            default: Strided.Unary<long, TF>(x.Buffer<long>(), x.Offset, x.StrideArray, result.Buffer<long>(), x.Sizes); break;
        }
    }

    public void FloatUnary<TF>(Tensor x, Tensor result) where TF : IFloatUnaryFn
    {
        if (x.DType == DType.Float32) Strided.FloatUnary<float, TF>(x.Buffer<float>(), x.Offset, x.StrideArray, result.Buffer<float>(), x.Sizes);
        else Strided.FloatUnary<double, TF>(x.Buffer<double>(), x.Offset, x.StrideArray, result.Buffer<double>(), x.Sizes);
    }

    public void Binary<TF>(Tensor a, int[] sa, Tensor b, int[] sb, Tensor result) where TF : IBinaryFn
    {
        var shape = result.Sizes;
        switch (result.DType)
        {
            case DType.Float32: Strided.Binary<float, TF>(a.Buffer<float>(), a.Offset, sa, b.Buffer<float>(), b.Offset, sb, result.Buffer<float>(), shape); break;
            case DType.Float64: Strided.Binary<double, TF>(a.Buffer<double>(), a.Offset, sa, b.Buffer<double>(), b.Offset, sb, result.Buffer<double>(), shape); break;
            case DType.Int64: Strided.Binary<long, TF>(a.Buffer<long>(), a.Offset, sa, b.Buffer<long>(), b.Offset, sb, result.Buffer<long>(), shape); break;
            case DType.Int32: Strided.Binary<int, TF>(a.Buffer<int>(), a.Offset, sa, b.Buffer<int>(), b.Offset, sb, result.Buffer<int>(), shape); break;
            case DType.UInt8: Strided.Binary<byte, TF>(a.Buffer<byte>(), a.Offset, sa, b.Buffer<byte>(), b.Offset, sb, result.Buffer<byte>(), shape); break;
            default: throw new InvalidOperationException("internal: bool compute type");
        }
    }

    public void Compare<TF>(Tensor a, int[] sa, Tensor b, int[] sb, Tensor result) where TF : ICompareFn
    {
        var shape = result.Sizes;
        var o = result.Buffer<bool>();
        switch (a.DType)
        {
            case DType.Float32: Strided.Compare<float, TF>(a.Buffer<float>(), a.Offset, sa, b.Buffer<float>(), b.Offset, sb, o, shape); break;
            case DType.Float64: Strided.Compare<double, TF>(a.Buffer<double>(), a.Offset, sa, b.Buffer<double>(), b.Offset, sb, o, shape); break;
            case DType.Int32: Strided.Compare<int, TF>(a.Buffer<int>(), a.Offset, sa, b.Buffer<int>(), b.Offset, sb, o, shape); break;
            case DType.UInt8: Strided.Compare<byte, TF>(a.Buffer<byte>(), a.Offset, sa, b.Buffer<byte>(), b.Offset, sb, o, shape); break;
            default: Strided.Compare<long, TF>(a.Buffer<long>(), a.Offset, sa, b.Buffer<long>(), b.Offset, sb, o, shape); break;
        }
    }

    public void SumRows(Tensor src, int rows, int length, Tensor result)
    {
        switch (result.DType)
        {
            case DType.Float32: SumRows(src.Buffer<float>(), src.Offset, rows, length, result.Buffer<float>()); break;
            case DType.Float64: SumRows(src.Buffer<double>(), src.Offset, rows, length, result.Buffer<double>()); break;
            default: SumRows(src.Buffer<long>(), src.Offset, rows, length, result.Buffer<long>()); break;
        }
    }

    /// <summary>Rows summed with pairwise blocks of 4 accumulators (closer to PyTorch's cascade sum than a naive loop).</summary>
    private static void SumRows<T>(T[] src, int offset, int rows, int length, T[] dst) where T : unmanaged, System.Numerics.INumber<T>
    {
        for (int r = 0; r < rows; r++)
        {
            dst[r] = Reduce.Sum(new ReadOnlySpan<T>(src, offset + r * length, length));
        }
    }
}
