using NNTools.Autograd;

namespace NNTools;

/// <summary>
/// The fused affine map of nn.Linear on a batch of rows, one graph node (PyTorch's addmm) instead of
/// a transpose view, a matrix product and a broadcast add, each with its own node and temporaries.
/// It computes the same floating-point operations in the same order as that composition, so its
/// values and gradients are bit for bit those of <c>input.MatMul(weight.T) + bias</c>.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// input [n, in] x weight [out, in]^T + bias [out] -> [n, out], as torch.addmm(bias, input, weight.T).
    /// Both operands share one floating dtype and the shapes are already checked. The product is
    /// formed first and the bias added to each row after, as the composed ops round.
    /// Gradients: g W for the input, (input^T g)^T for the weight, the column sums of g for the bias.
    /// </summary>
    internal static Tensor LinearRows(Tensor input, Tensor weight, Tensor? bias)
    {
        // weight.T as a matrix operand: [in, out] with strides [1, in], no graph node.
        var result = MatMulRaw(input, weight.TransposedView());
        if (bias is not null)
        {
            Backends.Backend.AddRowToEach(result, bias);
        }
        if (!GradMode.IsEnabled || !(input._requiresGrad || weight._requiresGrad || (bias?._requiresGrad ?? false))) return result;
        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Record(result, bias is null ? "MmBackward0" : "AddmmBackward0", inputs, g =>
        {
            if (DifferentiableBackward) return LinearGradRecorded(input, weight, bias, g);
            var gi = input.RequiresGrad ? MatMulRaw(g, weight) : null;
            var gw = weight.RequiresGrad && !AccumulatedWeightGrad(input, g, weight) ? WeightGrad(input, g, longLived: weight.WillAdoptFreshGrad) : null;
            // A row-major g^T input is a new tensor nothing else refers to: the leaf can keep it as its grad.
            if (gw is not null && gw.IsContiguous() && weight.AdoptFreshGrad(gw)) gw = null;
            var gb = bias is { RequiresGrad: true } ? ColumnSums(g) : null;
            return bias is null ? [gi, gw] : [gi, gw, gb];
        }, input, weight);
    }

    /// <summary>The same three gradients from recorded ops, for a backward pass that builds a graph: g W, g^T input, column sums of g.</summary>
    private static Tensor?[] LinearGradRecorded(Tensor input, Tensor weight, Tensor? bias, Tensor g)
    {
        var gi = input.RequiresGrad ? g.MatMul(weight) : null;
        var gw = weight.RequiresGrad ? g.T.MatMul(input) : null;
        if (bias is null) return [gi, gw];
        return [gi, gw, bias.RequiresGrad ? g.Sum(0) : null];
    }

    /// <summary>
    /// (input^T g)^T, the weight's gradient [out, in]. The composed ops form input^T g [in, out] and
    /// hand back its transpose view, which the optimizer and the gradient accumulation then read
    /// column-wise. When both orientations of the product take the packed GEMM, g^T input is formed
    /// directly in row-major order instead: the packed kernel computes every element as the same
    /// chain of fused multiply-adds along k whichever operand is on the left, so the bits are equal.
    /// The direct (unpacked) path sums in an order that depends on the layout, so there the
    /// composed form is kept. The row-major form goes straight to long-lived memory when
    /// <paramref name="longLived"/> (the leaf will keep it as its first gradient), saving a copy and a
    /// weight-sized buffer of fresh pages.
    /// </summary>
    private static Tensor WeightGrad(Tensor input, Tensor g, bool longLived) =>
        PackedBothWays(input, g) ? MatMulRaw(g.MT, input, longLived) : MatMulRaw(input.MT, g).MT;

    private static bool PackedBothWays(Tensor input, Tensor g) =>
        Backends.Backend.PrefersRowMajorWeightGrad(input.Sizes[0], input.Sizes[1], g.Sizes[1], input.DType);

    /// <summary>
    /// weight.grad += g^T input as one GEMM that adds into the existing gradient, when the engine would
    /// otherwise form g^T input as a new [out, in] tensor only to add it to weight.grad and drop it
    /// (a fresh megabyte-sized buffer every step, and a second pass over it). Taken only where the bits
    /// are those of that sum: the packed kernel adds its one block of k (batch &lt;= KC) to each element
    /// of the gradient exactly as the separate add would. True when it was done.
    /// </summary>
    private static bool AccumulatedWeightGrad(Tensor input, Tensor g, Tensor weight)
    {
        if (weight.GradForDirectAccumulation() is not { } grad || g.DType != weight.DType || input.DType != weight.DType
            || !Backends.Backend.AccumulatesWeightGradExactly(input.Sizes[0], input.Sizes[1], g.Sizes[1], input.DType)
            || grad.SharesStorageWith(input) || grad.SharesStorageWith(g)) return false;
        MatMulAccumulate(grad, g.MT, input);
        grad.BumpVersion();
        return true;
    }

    /// <summary>
    /// The sum of each column of a matrix [n, m] -> [m]. Each column is gathered into a contiguous run and
    /// summed with <see cref="Kernels.Reduce.Sum{T}"/>, as Sum over dim 0 does after its permuting copy.
    /// </summary>
    internal static Tensor ColumnSums(Tensor g)
    {
        var result = Empty([g.Sizes[1]], g.DType);
        Backends.Backend.ColumnSums(g, result);
        return result;
    }
}
