using System.Numerics;
using NNTools.Autograd;

namespace NNTools;

/// <summary>
/// Losses as one graph node with its own backward, where the composition of elementwise ops cost a
/// node, a closure and a temporary per op. Each computes the same floating-point operations in the
/// same order as the composition it replaces, so values and gradients are bit for bit the same.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// mean (or sum) of (input - target)² for two tensors of one shape and floating dtype, as
    /// Functional.MseLoss composes it: d = input - target, Sum(d · d), then / count for the mean.
    /// Gradient for the input: gm·d + gm·d with gm = g / count (mean) or g (sum), as the product
    /// d · d hands its gradient to both operands; the target's is its negative.
    /// </summary>
    internal static Tensor MseLossReduced(Tensor input, Tensor target, bool mean)
    {
        int count = input.Numel();
        var d = Empty(input.Sizes, input.DType);
        Tensor result = input.DType == DType.Float32
            ? MseForward<float>(input, target, d, count, mean)
            : MseForward<double>(input, target, d, count, mean);
        if (!NeedsGrad(input, target)) return result;
        return Record(result, "MseLossBackward0", [input, target], g =>
        {
            if (DifferentiableBackward)
            {
                // The same products from recorded ops: d · gm twice, as d · d hands its gradient to both operands.
                var t = (mean ? g / (double)count : g) * (input - target);
                var gd = t + t;
                return [input.RequiresGrad ? gd : null, target.RequiresGrad ? -gd : null];
            }
            var gi = input.DType == DType.Float32 ? MseBackward<float>(g, d, count, mean) : MseBackward<double>(g, d, count, mean);
            return [input.RequiresGrad ? gi : null, target.RequiresGrad ? -gi : null];
        });
    }

    private static Tensor MseForward<T>(Tensor input, Tensor target, Tensor d, int count, bool mean) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = input.ContiguousSpan<T>();
        var y = target.ContiguousSpan<T>();
        var dd = d.Buffer<T>().AsSpan(0, count);
        Kernels.SimdArith.Subtract(x, y, dd);
        var sq = new T[count];
        Kernels.SimdArith.Multiply<T>(dd, dd, sq);
        T s = Kernels.Reduce.Sum<T>(sq);
        var result = Empty([], input.DType);
        result.Buffer<T>()[0] = mean ? s / T.CreateChecked((double)count) : s;
        return result;
    }

    private static Tensor MseBackward<T>(Tensor g, Tensor d, int count, bool mean) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gc = g.CastRaw(d.DType);
        T gv = gc.Buffer<T>()[gc.Offset];
        T gm = mean ? gv / T.CreateChecked((double)count) : gv;
        var result = Empty(d.Sizes, d.DType);
        var dd = d.Buffer<T>();
        var o = result.Buffer<T>();
        for (int i = 0; i < count; i++)
        {
            T t = gm * dd[i];
            o[i] = t + t;
        }
        return result;
    }
}
