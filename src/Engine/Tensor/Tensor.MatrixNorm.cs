namespace NNTools;

/// <summary>
/// torch.linalg's vector and matrix norms. Composed of differentiable ops (the spectral norms of
/// <see cref="Svdvals"/>), so their gradients are those of their parts, as PyTorch's are.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// The vector norm (Σ|x|^ord)^(1/ord) over <paramref name="dim"/> (every element when null), as
    /// torch.linalg.vector_norm: any real ord; +inf the largest magnitude, −inf the smallest, 0 the count
    /// of non-zero elements. Floating dtypes only.
    /// </summary>
    public Tensor VectorNorm(double ord = 2, int[]? dim = null, bool keepDim = false)
    {
        RequireLinalgFloating("linalg.vector_norm");
        // The sum of |x|^ord over nothing is 0 and its root 0 for ord > 0; the negative orders and inf have no such identity.
        if ((ord < 0 || double.IsPositiveInfinity(ord)) && Numel() == 0 && (dim is null || dim.Any(d => Sizes[Shapes.WrapDim(d, Ndim)] == 0)))
        {
            throw Raise(new ShapeMismatchException("NormEmpty",
                $"linalg.vector_norm cannot compute the {PyNumber(ord)} norm on an empty tensor because the operation does not have an identity"));
        }
        return Norm(ord, dim, keepDim);
    }

    /// <summary>
    /// The matrix norm over the two dims <paramref name="dim"/> (the last two when null), as
    /// torch.linalg.matrix_norm with a named order: "fro" (Frobenius, the default) or "nuc" (nuclear, the
    /// sum of singular values).
    /// </summary>
    public Tensor MatrixNorm(string ord = "fro", int[]? dim = null, bool keepDim = false)
    {
        var name = ord?.Trim().ToLowerInvariant();
        if (name is not ("fro" or "nuc"))
        {
            throw Raise(new TensorArgumentException("NormOrder", $"linalg.matrix_norm: Order {ord} not supported."));
        }
        var (d0, d1) = MatrixNormDims(dim);
        return name == "fro" ? Norm(2, [d0, d1], keepDim) : SpectralNorm(d0, d1, keepDim, s => s.Sum(-1), emptyOk: true);
    }

    /// <summary>
    /// The matrix norm of a numeric order over the two dims <paramref name="dim"/> (the last two when null),
    /// as torch.linalg.matrix_norm: 1 / −1 the largest / smallest column sum of magnitudes, +inf / −inf the
    /// largest / smallest row sum, 2 / −2 the largest / smallest singular value.
    /// </summary>
    public Tensor MatrixNorm(double ord, int[]? dim = null, bool keepDim = false)
    {
        var (d0, d1) = MatrixNormDims(dim);
        return ord switch
        {
            1 or -1 => AbsSumExtreme(d0, d1, keepDim, min: ord < 0),
            double.PositiveInfinity or double.NegativeInfinity => AbsSumExtreme(d1, d0, keepDim, min: ord < 0),
            2 => SpectralNorm(d0, d1, keepDim, s => s.Select(-1, 0), emptyOk: false),
            -2 => SpectralNorm(d0, d1, keepDim, s => s.Select(-1, s.Sizes[^1] - 1), emptyOk: false),
            _ => throw Raise(new TensorArgumentException("NormOrder", $"linalg.matrix_norm: Order {PyNumber(ord)} not supported.")),
        };
    }

    /// <summary>The extreme over <paramref name="across"/> of the sums of magnitudes over <paramref name="summed"/>.</summary>
    private Tensor AbsSumExtreme(int summed, int across, bool keepDim, bool min)
    {
        if (Sizes[across] == 0) throw EmptyMatrixNorm();
        var sums = Abs().Sum([summed], keepDim: true);
        var extreme = (min ? sums.Min(across, keepDim: true) : sums.Max(across, keepDim: true)).Values;
        return keepDim ? extreme : extreme.Squeeze(Math.Max(summed, across)).Squeeze(Math.Min(summed, across));
    }

    /// <summary>
    /// A norm of the singular values: the two dims moved last, <paramref name="reduce"/> applied to Svdvals,
    /// then the dims put back when kept. An empty matrix has no singular values: their sum is 0, their extremes undefined.
    /// </summary>
    private Tensor SpectralNorm(int d0, int d1, bool keepDim, Func<Tensor, Tensor> reduce, bool emptyOk)
    {
        if (!emptyOk && (Sizes[d0] == 0 || Sizes[d1] == 0)) throw EmptyMatrixNorm();
        var order = Enumerable.Range(0, Ndim).Where(d => d != d0 && d != d1).Append(d0).Append(d1).ToArray();
        var result = reduce(Permute(order).Svdvals());
        if (!keepDim) return result;
        foreach (var d in new[] { d0, d1 }.Order()) result = result.Unsqueeze(d);
        return result;
    }

    private (int, int) MatrixNormDims(int[]? dim)
    {
        RequireLinalgFloating("linalg.matrix_norm");
        if (Ndim < 2)
        {
            throw Raise(new ShapeMismatchException("LinalgRank", $"linalg.matrix_norm: The input tensor A must have at least 2 dimensions, got shape {Shapes.Format(Sizes)}"));
        }
        dim ??= [-2, -1];
        if (dim.Length != 2) throw Raise(new TensorArgumentException("NormDim", $"linalg.matrix_norm: dim must be a 2-tuple. Got {string.Join(" ", dim)}"));
        int d0 = Shapes.WrapDim(dim[0], Ndim), d1 = Shapes.WrapDim(dim[1], Ndim);
        if (d0 == d1) throw Raise(new TensorArgumentException("NormDim", $"linalg.matrix_norm: dims must be different. Got ({dim[0]}, {dim[1]})"));
        return (d0, d1);
    }

    private static Exception EmptyMatrixNorm() => Raise(new ShapeMismatchException("NormEmpty",
        "linalg.matrix_norm: the norms of this order of an empty matrix are not defined: the reduction has no identity"));

    private static string PyNumber(double x) => double.IsPositiveInfinity(x) ? "inf" : double.IsNegativeInfinity(x) ? "-inf"
        : x.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
