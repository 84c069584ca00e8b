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
        int k = input.Sizes[1], m = weight.Sizes[0];
        // weight.T as a matrix operand: [in, out] with strides [1, in], no graph node.
        var wt = new Tensor(weight.Storage, [k, m], [weight.StrideArray[1], weight.StrideArray[0]], weight.Offset);
        var result = MatMulRaw(input, wt);
        if (bias is not null)
        {
            if (input.DType == DType.Float32) AddToRows<float>(result, bias);
            else AddToRows<double>(result, bias);
        }
        if (!GradMode.IsEnabled || !(input._requiresGrad || weight._requiresGrad || (bias?._requiresGrad ?? false))) return result;
        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Record(result, bias is null ? "MmBackward0" : "AddmmBackward0", inputs, g =>
        {
            var gi = input.RequiresGrad ? MatMulRaw(g, weight) : null;
            // (input^T g) as the composed product forms it, handed back as its transpose view.
            var gw = weight.RequiresGrad ? MatMulRaw(input.MT, g).MT : null;
            var gb = bias is { RequiresGrad: true } ? ColumnSums(g) : null;
            return bias is null ? [gi, gw] : [gi, gw, gb];
        }, input, weight);
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
            System.Numerics.Tensors.TensorPrimitives.Add(row, b, row);
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
        var column = ArrayPool<T>.Shared.Rent(Math.Max(n, 1));
        for (int j = 0; j < m; j++)
        {
            int p = g.Offset + j * s1;
            for (int i = 0; i < n; i++, p += s0) column[i] = src[p];
            dst[j] = Kernels.Reduce.Sum(new ReadOnlySpan<T>(column, 0, n));
        }
        ArrayPool<T>.Shared.Return(column);
    }
}
