namespace NNTools;

/// <summary>
/// torch.linalg's functions under their PyTorch names, so a tutorial's torch.linalg.svd(A) reads
/// [NNTools.Linalg]::Svd($A). Each forwards to the tensor method of the same name, except
/// <see cref="Norm(Tensor, double?, int[], bool)"/>: torch.linalg.norm chooses a vector or a matrix norm
/// from its arguments, where <see cref="Tensor.Norm(double, int[], bool)"/> is torch.norm.
/// </summary>
public static class Linalg
{
    /// <summary>
    /// torch.linalg.norm with a numeric order (or none): without <paramref name="dim"/>, a 1-d input
    /// gets the vector norm and a 2-d one the matrix norm (no order: the 2-norm of every element); one
    /// dim gives the vector norm over it, two dims the matrix norm over them.
    /// </summary>
    public static Tensor Norm(Tensor a, double? ord = null, int[]? dim = null, bool keepDim = false)
    {
        ThrowIfNull(a);
        if (dim is { Length: not (1 or 2) })
        {
            throw Errors.Raise(new TensorArgumentException("NormDim", $"linalg.norm: If dim is specified, it must be of length 1 or 2. Got [{string.Join(", ", dim)}]"));
        }
        if (ord is not double p) return dim is { Length: 2 } ? a.MatrixNorm("fro", dim, keepDim) : a.VectorNorm(2, dim, keepDim);
        if (dim is null && a.Ndim is not (1 or 2))
        {
            throw Errors.Raise(new ShapeMismatchException("NormDim", $"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {a.Ndim}D."));
        }
        bool matrix = dim is { Length: 2 } || (dim is null && a.Ndim == 2);
        return matrix ? a.MatrixNorm(p, dim, keepDim) : a.VectorNorm(p, dim, keepDim);
    }

    /// <summary>torch.linalg.norm with a named order, "fro" or "nuc": a matrix norm over <paramref name="dim"/> (the last two dims when null, then the input must be 2-d).</summary>
    public static Tensor Norm(Tensor a, string ord, int[]? dim = null, bool keepDim = false)
    {
        ThrowIfNull(a);
        if (dim is null && a.Ndim != 2)
        {
            throw Errors.Raise(new ShapeMismatchException("NormDim", $"linalg.norm: If dim is not specified but ord is, the input must be 2D. Got {a.Ndim}D."));
        }
        return a.MatrixNorm(ord, dim, keepDim);
    }

    public static Tensor VectorNorm(Tensor x, double ord = 2, int[]? dim = null, bool keepDim = false) => NotNull(x).VectorNorm(ord, dim, keepDim);

    public static Tensor MatrixNorm(Tensor a, string ord = "fro", int[]? dim = null, bool keepDim = false) => NotNull(a).MatrixNorm(ord, dim, keepDim);

    public static Tensor MatrixNorm(Tensor a, double ord, int[]? dim = null, bool keepDim = false) => NotNull(a).MatrixNorm(ord, dim, keepDim);

    public static SvdResult Svd(Tensor a, bool fullMatrices = true) => NotNull(a).Svd(fullMatrices);

    public static Tensor Svdvals(Tensor a) => NotNull(a).Svdvals();

    public static QrResult Qr(Tensor a, string mode = "reduced") => NotNull(a).Qr(mode);

    public static EighResult Eigh(Tensor a, string uplo = "L") => NotNull(a).Eigh(uplo);

    public static Tensor Eigvalsh(Tensor a, string uplo = "L") => NotNull(a).Eigvalsh(uplo);

    public static Tensor Cholesky(Tensor a, bool upper = false) => NotNull(a).Cholesky(upper);

    public static Tensor Pinv(Tensor a, double? atol = null, double? rtol = null, bool hermitian = false) => NotNull(a).Pinv(atol, rtol, hermitian);

    public static Tensor Inv(Tensor a) => NotNull(a).Inv();

    public static Tensor Det(Tensor a) => NotNull(a).Det();

    public static Tensor Solve(Tensor a, Tensor b) => NotNull(a).Solve(b);

    private static Tensor NotNull(Tensor a, [System.Runtime.CompilerServices.CallerMemberName] string member = "")
    {
        ThrowIfNull(a, "A", member);
        return a;
    }
}
