using MathNet.Numerics.LinearAlgebra;
using NNTools.Autograd;

namespace NNTools;

/// <summary>The results of the decompositions, named as torch.linalg's named tuples.</summary>
public sealed record SvdResult(Tensor U, Tensor S, Tensor Vh);

public sealed record QrResult(Tensor Q, Tensor R);

public sealed record EighResult(Tensor Eigenvalues, Tensor Eigenvectors);

/// <summary>Shared machinery of the decompositions: per-matrix evaluation with several outputs, one node for them all, triangle masks.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Runs <paramref name="f"/> on each matrix of <paramref name="input"/> [*, m, n] in double, without autograd,
    /// and stacks its outputs: output j has per-matrix shape <paramref name="shapes"/>[j] (a vector [k] or a
    /// matrix [r, c]) and f returns it as a matrix with that many elements, read row-major. The batch index
    /// passed to f is -1 without batch dims, as PyTorch's messages name batch elements only when there are some.
    /// </summary>
    private static Tensor[] PerMatrixOutputs(Tensor input, int[][] shapes, Func<int, Matrix<double>, Matrix<double>[]> f)
    {
        var batch = input.Sizes[..^2];
        int count = Shapes.Numel(batch), rows = input.Sizes[^2], cols = input.Sizes[^1];
        var data = input.CastRaw(DType.Float64).ContiguousCopy();
        var sizes = shapes.Select(s => Shapes.Numel(s)).ToArray();
        var outputs = sizes.Select(s => new double[count * s]).ToArray();
        using (GradMode.NoGrad())
        {
            for (int i = 0; i < count; i++)
            {
                var m = Kernels.LinalgKernels.RowMajorMatrix(data, i, rows, cols);
                var results = f(batch.Length == 0 ? -1 : i, m);
                for (int j = 0; j < shapes.Length; j++) results[j].ToRowMajorArray().CopyTo(outputs[j], i * sizes[j]);
            }
        }
        return shapes.Select((s, j) => FromBuffer(outputs[j], [.. batch, .. s]).CastRaw(input.DType)).ToArray();
    }

    /// <summary>
    /// Gives several outputs of one decomposition one graph node, as PyTorch's multi-output nodes: the outputs
    /// become views of one packed tensor whose backward receives every output's gradient (zeros for the
    /// unused ones) and maps them to the input's. The backward reads the outputs' values from the packed
    /// storage, so writing into an output in place makes it refuse to run.
    /// </summary>
    private static Tensor[] RecordOutputs(Tensor[] outputs, string name, Tensor input, Func<Tensor[], Tensor[], Tensor> backward)
    {
        if (!NeedsGrad(input)) return outputs;
        var lengths = outputs.Select(o => o.Numel()).ToArray();
        Tensor packed;
        using (GradMode.NoGrad()) packed = Cat(outputs.Select(o => o.Reshape(-1)).ToArray(), 0);
        var values = Pieces(packed.Detach(), outputs, lengths);
        packed = Record(packed, name, [input], g => [backward(Pieces(g, outputs, lengths), values)], packed);
        return Pieces(packed, outputs, lengths);
    }

    private static Tensor[] Pieces(Tensor flat, Tensor[] like, int[] lengths)
    {
        var pieces = new Tensor[like.Length];
        for (int i = 0, start = 0; i < like.Length; start += lengths[i], i++) pieces[i] = flat.Narrow(0, start, lengths[i]).View(like[i].Sizes);
        return pieces;
    }

    /// <summary>The elements on and below (<paramref name="upper"/> false) or on and above diagonal <paramref name="diagonal"/>, the rest zero; differentiable.</summary>
    private Tensor Triangle(bool upper, int diagonal = 0)
    {
        int rows = Sizes[^2], cols = Sizes[^1];
        var mask = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++) mask[i * cols + j] = (upper ? j - i >= diagonal : j - i <= diagonal) ? 1 : 0;
        }
        return this * FromBuffer(mask, [rows, cols]).CastRaw(DType);
    }

    /// <summary>[*, k] -> [*, k, k] with the vector on the diagonal (torch.diag_embed); differentiable.</summary>
    private Tensor EmbedDiagonal() => Unsqueeze(-1) * Eye(Sizes[^1], Sizes[^1], DType);

    /// <summary>The main diagonal of square matrices [*, k, k] -> [*, k] (torch.diagonal); differentiable.</summary>
    private Tensor MatrixDiagonal() => (this * Eye(Sizes[^1], Sizes[^1], DType)).Sum(-1);

    /// <summary>X with X R^T = B for square upper-triangular R: B R^-T, the right solve the backward formulas need.</summary>
    private static Tensor SolveRightTransposed(Tensor b, Tensor r) => SolveMatrices(r, b.MT).MT;

    private void CheckMatrixFloating(string op)
    {
        if (Ndim < 2) throw Raise(new ShapeMismatchException("LinalgRank", $"{op}: The input tensor A must have at least 2 dimensions, got shape {Shapes.Format(Sizes)}"));
        RequireLinalgFloating(op);
    }

    private static string BatchPrefix(int batchIndex) => batchIndex >= 0 ? $"(Batch element {batchIndex}): " : "";
}
