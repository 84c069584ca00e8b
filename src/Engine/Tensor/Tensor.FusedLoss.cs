using NNTools.Autograd;
using NNTools.Kernels;

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
        var result = Empty([], input.DType);
        LossKernels.MseForward(input, target, d, result, count, mean);
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
            var gi = Empty(d.Sizes, d.DType);
            LossKernels.MseBackward(g.CastRaw(d.DType), d, gi, count, mean);
            return [input.RequiresGrad ? gi : null, target.RequiresGrad ? -gi : null];
        });
    }
}
