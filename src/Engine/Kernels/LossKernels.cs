using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// The loops of the fused losses and their gradients, each the same floating-point operations in the same
/// order as the composition of elementwise ops it replaces, so values and gradients are bit for bit the same.
/// </summary>
internal static class LossKernels
{
    /// <summary>
    /// d = input - target and <paramref name="result"/> (0-d) = Sum(d · d), divided by <paramref name="count"/>
    /// when <paramref name="mean"/>; input and target hold <paramref name="count"/> elements of one floating dtype.
    /// </summary>
    public static void MseForward(Tensor input, Tensor target, Tensor d, Tensor result, int count, bool mean)
    {
        if (input.DType == DType.Float32) MseForward<float>(input, target, d, result, count, mean);
        else MseForward<double>(input, target, d, result, count, mean);
    }

    /// <summary>
    /// result = gm·d + gm·d with gm = g / count (mean) or g (sum), for the 0-d gradient <paramref name="g"/>
    /// of d's dtype: d · d hands its gradient to both operands.
    /// </summary>
    public static void MseBackward(Tensor g, Tensor d, Tensor result, int count, bool mean)
    {
        if (d.DType == DType.Float32) MseBackward<float>(g, d, result, count, mean);
        else MseBackward<double>(g, d, result, count, mean);
    }

    private static void MseForward<T>(Tensor input, Tensor target, Tensor d, Tensor result, int count, bool mean) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = input.ContiguousSpan<T>();
        var y = target.ContiguousSpan<T>();
        var dd = d.Buffer<T>().AsSpan(0, count);
        SimdArith.Subtract(x, y, dd);
        var sq = new T[count];
        SimdArith.Multiply<T>(dd, dd, sq);
        T s = Reduce.Sum<T>(sq);
        result.Buffer<T>()[0] = mean ? s / T.CreateChecked((double)count) : s;
    }

    private static void MseBackward<T>(Tensor g, Tensor d, Tensor result, int count, bool mean) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T gv = g.Buffer<T>()[g.Offset];
        T gm = mean ? gv / T.CreateChecked((double)count) : gv;
        var dd = d.Buffer<T>();
        var o = result.Buffer<T>();
        for (int i = 0; i < count; i++)
        {
            T t = gm * dd[i];
            o[i] = t + t;
        }
    }
}
