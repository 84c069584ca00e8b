using System.Runtime.CompilerServices;
using NNTools.Kernels;

namespace NNTools;

/// <summary>Elementwise ops: the result shape and compute dtype, then the backend's kernel; no autograd here.</summary>
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
        if (compute == DType.Bool) throw new InvalidOperationException("internal: bool compute type");
        // Every element of the output is written by the backend.
        var result = EmptyUninitialized(shape, compute);
        Backends.Backend.Binary<TF>(ca, sa, cb, sb, result);
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
        Backends.Backend.Compare<TF>(ca, sa, cb, sb, result);
        return result;
    }

    /// <summary>F(x) elementwise for every numeric dtype; bool input is computed as int64.</summary>
    internal static Tensor UnaryKernel<TF>(Tensor a) where TF : IUnaryFn
    {
        var ca = a.DType == DType.Bool ? a.CastRaw(DType.Int64) : a;
        var result = EmptyUninitialized(ca.Sizes, ca.DType);
        Backends.Backend.Unary<TF>(ca, result);
        return result;
    }

    /// <summary>F(x) for floating math; integer and bool input is first converted to float32, as PyTorch does.</summary>
    internal static Tensor FloatUnaryKernel<TF>(Tensor a) where TF : IFloatUnaryFn
    {
        var ca = a.DType.IsFloating() ? a : a.CastRaw(DTypes.DefaultFloat);
        var result = EmptyUninitialized(ca.Sizes, ca.DType);
        Backends.Backend.FloatUnary<TF>(ca, result);
        return result;
    }
}
