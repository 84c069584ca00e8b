using System.Runtime.CompilerServices;
using NNTools.Kernels;

namespace NNTools;

/// <summary>Dispatch from a dtype to the generic strided kernels; no autograd here.</summary>
public sealed partial class Tensor
{
    /// <summary>Strides that read <paramref name="t"/> as if expanded to <paramref name="shape"/> (0 on broadcast dims).</summary>
    internal static int[] BroadcastStrides(Tensor t, int[] shape)
    {
        var strides = new int[shape.Length];
        int lead = shape.Length - t.Ndim;
        for (int i = 0; i < t.Ndim; i++)
        {
            strides[lead + i] = t.Sizes[i] == 1 && shape[lead + i] != 1 ? 0 : t.StrideArray[i];
        }
        return strides;
    }

    /// <summary>F(a, b) elementwise with broadcasting, both operands converted to <paramref name="compute"/> (not bool).</summary>
    internal static Tensor BinaryKernel<TF>(Tensor a, Tensor b, DType compute) where TF : IBinaryFn
    {
        var shape = Shapes.Broadcast(a.Sizes, b.Sizes);
        var ca = a.CastRaw(compute);
        var cb = b.CastRaw(compute);
        var sa = BroadcastStrides(ca, shape);
        var sb = BroadcastStrides(cb, shape);
        // Every element of the output is written below.
        var result = EmptyUninitialized(shape, compute);
        switch (compute)
        {
            case DType.Float32: Strided.Binary<float, TF>(ca.Buffer<float>(), ca.Offset, sa, cb.Buffer<float>(), cb.Offset, sb, result.Buffer<float>(), shape); break;
            case DType.Float64: Strided.Binary<double, TF>(ca.Buffer<double>(), ca.Offset, sa, cb.Buffer<double>(), cb.Offset, sb, result.Buffer<double>(), shape); break;
            case DType.Int64: Strided.Binary<long, TF>(ca.Buffer<long>(), ca.Offset, sa, cb.Buffer<long>(), cb.Offset, sb, result.Buffer<long>(), shape); break;
            case DType.Int32: Strided.Binary<int, TF>(ca.Buffer<int>(), ca.Offset, sa, cb.Buffer<int>(), cb.Offset, sb, result.Buffer<int>(), shape); break;
            case DType.UInt8: Strided.Binary<byte, TF>(ca.Buffer<byte>(), ca.Offset, sa, cb.Buffer<byte>(), cb.Offset, sb, result.Buffer<byte>(), shape); break;
            default: throw new InvalidOperationException("internal: bool compute type");
        }
        return result;
    }

    internal static Tensor CompareKernel<TF>(Tensor a, Tensor b, [CallerMemberName] string op = "") where TF : ICompareFn
    {
        var rt = TypePromotion.ResultType(a, b, op);
        var compute = rt == DType.Bool ? DType.Int64 : rt;
        var shape = Shapes.Broadcast(a.Sizes, b.Sizes);
        var ca = a.CastRaw(compute);
        var cb = b.CastRaw(compute);
        var sa = BroadcastStrides(ca, shape);
        var sb = BroadcastStrides(cb, shape);
        var result = Empty(shape, DType.Bool);
        var o = result.Buffer<bool>();
        switch (compute)
        {
            case DType.Float32: Strided.Compare<float, TF>(ca.Buffer<float>(), ca.Offset, sa, cb.Buffer<float>(), cb.Offset, sb, o, shape); break;
            case DType.Float64: Strided.Compare<double, TF>(ca.Buffer<double>(), ca.Offset, sa, cb.Buffer<double>(), cb.Offset, sb, o, shape); break;
            case DType.Int32: Strided.Compare<int, TF>(ca.Buffer<int>(), ca.Offset, sa, cb.Buffer<int>(), cb.Offset, sb, o, shape); break;
            case DType.UInt8: Strided.Compare<byte, TF>(ca.Buffer<byte>(), ca.Offset, sa, cb.Buffer<byte>(), cb.Offset, sb, o, shape); break;
            default: Strided.Compare<long, TF>(ca.Buffer<long>(), ca.Offset, sa, cb.Buffer<long>(), cb.Offset, sb, o, shape); break;
        }
        return result;
    }

    /// <summary>F(x) elementwise for every numeric dtype; bool input is computed as int64.</summary>
    internal static Tensor UnaryKernel<TF>(Tensor a) where TF : IUnaryFn
    {
        var ca = a.DType == DType.Bool ? a.CastRaw(DType.Int64) : a;
        var result = EmptyUninitialized(ca.Sizes, ca.DType);
        switch (ca.DType)
        {
            case DType.Float32: Strided.Unary<float, TF>(ca.Buffer<float>(), ca.Offset, ca.StrideArray, result.Buffer<float>(), ca.Sizes); break;
            case DType.Float64: Strided.Unary<double, TF>(ca.Buffer<double>(), ca.Offset, ca.StrideArray, result.Buffer<double>(), ca.Sizes); break;
            case DType.Int32: Strided.Unary<int, TF>(ca.Buffer<int>(), ca.Offset, ca.StrideArray, result.Buffer<int>(), ca.Sizes); break;
            case DType.UInt8: Strided.Unary<byte, TF>(ca.Buffer<byte>(), ca.Offset, ca.StrideArray, result.Buffer<byte>(), ca.Sizes); break;
            default: Strided.Unary<long, TF>(ca.Buffer<long>(), ca.Offset, ca.StrideArray, result.Buffer<long>(), ca.Sizes); break;
        }
        return result;
    }

    /// <summary>F(x) for floating math; integer and bool input is first converted to float32, as PyTorch does.</summary>
    internal static Tensor FloatUnaryKernel<TF>(Tensor a) where TF : IFloatUnaryFn
    {
        var ca = a.DType.IsFloating() ? a : a.CastRaw(DTypes.DefaultFloat);
        var result = EmptyUninitialized(ca.Sizes, ca.DType);
        if (ca.DType == DType.Float32)
        {
            Strided.FloatUnary<float, TF>(ca.Buffer<float>(), ca.Offset, ca.StrideArray, result.Buffer<float>(), ca.Sizes);
        }
        else
        {
            Strided.FloatUnary<double, TF>(ca.Buffer<double>(), ca.Offset, ca.StrideArray, result.Buffer<double>(), ca.Sizes);
        }
        return result;
    }
}
