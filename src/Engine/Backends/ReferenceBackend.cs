using System.Numerics;
using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>
/// A second backend that shares none of the default's loops: scalar code, one element at a time,
/// every float sum and dot product accumulated in float64 and rounded once. It is slow and is not
/// meant for training; tests select it per scope and hold both backends to PyTorch, which shows the
/// tensor layer depends only on the interface, and that the default's SIMD and blocking orders stay
/// within float rounding of exact sums.
/// </summary>
internal sealed partial class ReferenceBackend : HostBackend, IBackend
{
    public string Name => "reference";

    public void Unary<TF>(Tensor x, Tensor result) where TF : IUnaryFn
    {
        switch (x.DType)
        {
            case DType.Float32: Map<float, TF>(x, result.Buffer<float>()); break;
            case DType.Float64: Map<double, TF>(x, result.Buffer<double>()); break;
            case DType.Int32: Map<int, TF>(x, result.Buffer<int>()); break;
            case DType.UInt8: Map<byte, TF>(x, result.Buffer<byte>()); break;
            default: Map<long, TF>(x, result.Buffer<long>()); break;
        }
    }

    private static void Map<T, TF>(Tensor x, T[] o) where T : unmanaged, INumber<T> where TF : IUnaryFn
    {
        var a = x.Buffer<T>();
        var walk = new StridedWalk(x.Sizes, x.Offset, x.StrideArray);
        for (int i = 0; walk.Next(out int p); i++) o[i] = TF.Apply(a[p]);
    }

    public void FloatUnary<TF>(Tensor x, Tensor result) where TF : IFloatUnaryFn
    {
        if (x.DType == DType.Float32) FloatMap<float, TF>(x, result.Buffer<float>());
        else FloatMap<double, TF>(x, result.Buffer<double>());
    }

    private static void FloatMap<T, TF>(Tensor x, T[] o) where T : unmanaged, IFloatingPointIeee754<T> where TF : IFloatUnaryFn
    {
        var a = x.Buffer<T>();
        var walk = new StridedWalk(x.Sizes, x.Offset, x.StrideArray);
        for (int i = 0; walk.Next(out int p); i++) o[i] = TF.Apply(a[p]);
    }

    public void Binary<TF>(Tensor a, int[] sa, Tensor b, int[] sb, Tensor result) where TF : IBinaryFn
    {
        switch (result.DType)
        {
            case DType.Float32: Zip<float, TF>(a, sa, b, sb, result.Buffer<float>(), result.Sizes); break;
            case DType.Float64: Zip<double, TF>(a, sa, b, sb, result.Buffer<double>(), result.Sizes); break;
            case DType.Int64: Zip<long, TF>(a, sa, b, sb, result.Buffer<long>(), result.Sizes); break;
            case DType.Int32: Zip<int, TF>(a, sa, b, sb, result.Buffer<int>(), result.Sizes); break;
            case DType.UInt8: Zip<byte, TF>(a, sa, b, sb, result.Buffer<byte>(), result.Sizes); break;
            default: throw new InvalidOperationException("internal: bool compute type");
        }
    }

    private static void Zip<T, TF>(Tensor a, int[] sa, Tensor b, int[] sb, T[] o, int[] shape)
        where T : unmanaged, INumber<T> where TF : IBinaryFn
    {
        T[] x = a.Buffer<T>(), y = b.Buffer<T>();
        var wa = new StridedWalk(shape, a.Offset, sa);
        var wb = new StridedWalk(shape, b.Offset, sb);
        for (int i = 0; wa.Next(out int p) && wb.Next(out int q); i++) o[i] = TF.Apply(x[p], y[q]);
    }

    public void Compare<TF>(Tensor a, int[] sa, Tensor b, int[] sb, Tensor result) where TF : ICompareFn
    {
        var o = result.Buffer<bool>();
        switch (a.DType)
        {
            case DType.Float32: Test<float, TF>(a, sa, b, sb, o, result.Sizes); break;
            case DType.Float64: Test<double, TF>(a, sa, b, sb, o, result.Sizes); break;
            case DType.Int32: Test<int, TF>(a, sa, b, sb, o, result.Sizes); break;
            case DType.UInt8: Test<byte, TF>(a, sa, b, sb, o, result.Sizes); break;
            default: Test<long, TF>(a, sa, b, sb, o, result.Sizes); break;
        }
    }

    private static void Test<T, TF>(Tensor a, int[] sa, Tensor b, int[] sb, bool[] o, int[] shape)
        where T : unmanaged, INumber<T> where TF : ICompareFn
    {
        T[] x = a.Buffer<T>(), y = b.Buffer<T>();
        var wa = new StridedWalk(shape, a.Offset, sa);
        var wb = new StridedWalk(shape, b.Offset, sb);
        for (int i = 0; wa.Next(out int p) && wb.Next(out int q); i++) o[i] = TF.Apply(x[p], y[q]);
    }

    public void SumRows(Tensor src, int rows, int length, Tensor result)
    {
        switch (result.DType)
        {
            case DType.Float32:
                {
                    float[] x = src.Buffer<float>(), o = result.Buffer<float>();
                    for (int r = 0; r < rows; r++) o[r] = (float)Sum(x, src.Offset + r * length, 1, length);
                    break;
                }
            case DType.Float64:
                {
                    double[] x = src.Buffer<double>(), o = result.Buffer<double>();
                    for (int r = 0; r < rows; r++) o[r] = Sum(x, src.Offset + r * length, 1, length);
                    break;
                }
            default:
                {
                    long[] x = src.Buffer<long>(), o = result.Buffer<long>();
                    for (int r = 0; r < rows; r++)
                    {
                        long s = 0;
                        for (int i = 0; i < length; i++) s += x[src.Offset + r * length + i];
                        o[r] = s;
                    }
                    break;
                }
        }
    }

    /// <summary>The float64 sum of <paramref name="count"/> values from <paramref name="start"/>, <paramref name="step"/> apart.</summary>
    private static double Sum<T>(T[] x, int start, int step, int count) where T : unmanaged, INumber<T>
    {
        double s = 0;
        for (int i = 0, p = start; i < count; i++, p += step) s += double.CreateTruncating(x[p]);
        return s;
    }
}
