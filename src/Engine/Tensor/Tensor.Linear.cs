using System.Buffers;
using System.Numerics;
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
            if (input.DType == DType.Float32) AddToRows<float>(result, bias);
            else AddToRows<double>(result, bias);
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

    private static bool PackedBothWays(Tensor input, Tensor g)
    {
        int batch = input.Sizes[0], inFeatures = input.Sizes[1], outFeatures = g.Sizes[1];
        return input.DType == DType.Float32
            ? Kernels.Gemm.TakesPackedPath<float>(outFeatures, inFeatures, batch) && Kernels.Gemm.TakesPackedPath<float>(inFeatures, outFeatures, batch)
            : Kernels.Gemm.TakesPackedPath<double>(outFeatures, inFeatures, batch) && Kernels.Gemm.TakesPackedPath<double>(inFeatures, outFeatures, batch);
    }

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
            || input.Sizes[0] > Kernels.Gemm.SingleBlockK || !PackedBothWays(input, g)
            || grad.SharesStorageWith(input) || grad.SharesStorageWith(g)) return false;
        MatMulAccumulate(grad, g.MT, input);
        grad.BumpVersion();
        return true;
    }

    /// <summary>result[i, j] += bias[j] for a contiguous [n, m] result.</summary>
    private static void AddToRows<T>(Tensor result, Tensor bias) where T : unmanaged, INumber<T>
    {
        int n = result.Sizes[0], m = result.Sizes[1];
        var b = bias.ContiguousSpan<T>();
        var c = result.Buffer<T>();
        for (int i = 0; i < n; i++)
        {
            var row = c.AsSpan(i * m, m);
            Kernels.SimdArith.Add<T>(row, b, row);
        }
    }

    /// <summary>
    /// The sum of each column of a matrix [n, m] -> [m]. Each column is gathered into a contiguous run and
    /// summed with <see cref="Kernels.Reduce.Sum{T}"/>, as Sum over dim 0 does after its permuting copy.
    /// </summary>
    internal static Tensor ColumnSums(Tensor g)
    {
        var result = Empty([g.Sizes[1]], g.DType);
        if (g.DType == DType.Float32) ColumnSums<float>(g, result.Buffer<float>());
        else ColumnSums<double>(g, result.Buffer<double>());
        return result;
    }

    private static void ColumnSums<T>(Tensor g, T[] dst) where T : unmanaged, INumber<T>
    {
        int n = g.Sizes[0], m = g.Sizes[1], s0 = g.StrideArray[0], s1 = g.StrideArray[1];
        var src = g.Buffer<T>();
        if (s1 == 1 || m == 1)
        {
            RowwiseColumnSums(src, g.Offset, s0, n, m, dst);
            return;
        }
        var column = ArrayPool<T>.Shared.Rent(Math.Max(n, 1));
        for (int j = 0; j < m; j++)
        {
            int p = g.Offset + j * s1;
            for (int i = 0; i < n; i++, p += s0) column[i] = src[p];
            dst[j] = Kernels.Reduce.Sum(new ReadOnlySpan<T>(column, 0, n));
        }
        ArrayPool<T>.Shared.Return(column);
    }

    /// <summary>
    /// Column sums of rows that are contiguous runs of m values, a SIMD add of whole rows at a time:
    /// row i goes to accumulator i mod 4 (the tail rows to the first), and the four are combined as
    /// (a0 + a1) + (a2 + a3), the order in which <see cref="Kernels.Reduce.Sum{T}"/> adds one column.
    /// </summary>
    private static void RowwiseColumnSums<T>(T[] src, int offset, int rowStride, int n, int m, T[] dst) where T : unmanaged, INumber<T>
    {
        var scratch = ArrayPool<T>.Shared.Rent(Math.Max(3 * m, 1));
        var a0 = dst.AsSpan(0, m);
        var a1 = scratch.AsSpan(0, m);
        var a2 = scratch.AsSpan(m, m);
        var a3 = scratch.AsSpan(2 * m, m);
        a0.Clear();
        a1.Clear();
        a2.Clear();
        a3.Clear();
        ReadOnlySpan<T> Row(int i) => new(src, offset + i * rowStride, m);
        int r = 0;
        for (; r + 4 <= n; r += 4)
        {
            Kernels.SimdArith.Add<T>(a0, Row(r), a0);
            Kernels.SimdArith.Add<T>(a1, Row(r + 1), a1);
            Kernels.SimdArith.Add<T>(a2, Row(r + 2), a2);
            Kernels.SimdArith.Add<T>(a3, Row(r + 3), a3);
        }
        for (; r < n; r++) Kernels.SimdArith.Add<T>(a0, Row(r), a0);
        Kernels.SimdArith.Add<T>(a0, a1, a0);
        Kernels.SimdArith.Add<T>(a2, a3, a2);
        Kernels.SimdArith.Add<T>(a0, a2, a0);
        ArrayPool<T>.Shared.Return(scratch);
    }
}
