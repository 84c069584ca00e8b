using MathNet.Numerics.LinearAlgebra;

namespace NNTools;

/// <summary>
/// The singular value and symmetric eigenvalue decompositions, as torch.linalg.svd / svdvals / eigh /
/// eigvalsh, batched over leading dims. Computed by MathNet.Numerics in double and rounded to the input's
/// dtype. Singular values and eigenvalues match LAPACK's to rounding; singular vectors and eigenvectors are
/// unique only up to sign (and within repeated values), and the signs may differ from LAPACK's.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// A = U diag(S) Vh for A [*, m, n], as torch.linalg.svd: S [*, k] (k = min(m, n)) descending; with
    /// <paramref name="fullMatrices"/> U [*, m, m] and Vh [*, n, n], else U [*, m, k] and Vh [*, k, n].
    /// Gradient: PyTorch's svd_backward, defined when the loss does not depend on the vectors' signs and
    /// the singular values are distinct (it divides by s_j² − s_i²); with full matrices only the first k
    /// columns of U and rows of Vh carry gradient, as in PyTorch.
    /// </summary>
    public SvdResult Svd(bool fullMatrices = true)
    {
        CheckMatrixFloating("linalg.svd");
        int m = Sizes[^2], n = Sizes[^1], k = Math.Min(m, n);
        int ucols = fullMatrices ? m : k, vrows = fullMatrices ? n : k;
        var outs = PerMatrixOutputs(this, [[m, ucols], [k], [vrows, n]], (_, a) =>
        {
            var (u, s, vt) = SvdOf(a);
            return [u.SubMatrix(0, m, 0, ucols), Matrix<double>.Build.DenseOfRowMajor(1, k, s), vt.SubMatrix(0, vrows, 0, n)];
        });
        var recorded = RecordOutputs(outs, "LinalgSvdBackward0", this, (g, v) =>
        {
            Tensor U = v[0], Vh = v[2], gU = g[0], gVh = g[2];
            if (fullMatrices)
            {
                (U, gU) = (U.Narrow(-1, 0, k), gU.Narrow(-1, 0, k));
                (Vh, gVh) = (Vh.Narrow(-2, 0, k), gVh.Narrow(-2, 0, k));
            }
            return SvdBackward(gU, g[1], gVh, U, v[1], Vh);
        });
        return new SvdResult(recorded[0], recorded[1], recorded[2]);
    }

    /// <summary>The singular values [*, k] in descending order, as torch.linalg.svdvals. Gradient: U diag(g) Vh.</summary>
    public Tensor Svdvals()
    {
        CheckMatrixFloating("linalg.svdvals");
        int m = Sizes[^2], n = Sizes[^1], k = Math.Min(m, n);
        var outs = PerMatrixOutputs(this, [[m, k], [k], [k, n]], (_, a) =>
        {
            var (u, s, vt) = SvdOf(a);
            return [u.SubMatrix(0, m, 0, k), Matrix<double>.Build.DenseOfRowMajor(1, k, s), vt.SubMatrix(0, k, 0, n)];
        });
        Tensor u = outs[0], s = outs[1], vh = outs[2];
        return Record(s, "LinalgSvdBackward0", [this], g => [BatchedMatMul(u * g.Unsqueeze(-2), vh)], s);
    }

    /// <summary>
    /// The eigenvalues (ascending) and orthonormal eigenvectors (columns) of symmetric matrices [*, n, n], as
    /// torch.linalg.eigh: only the lower (<paramref name="uplo"/> "L") or upper ("U") triangle is read.
    /// Gradient: V (diag(gL) + sym(Vᵀ gV)/E) Vᵀ with E_ij = λ_j − λ_i, PyTorch's formula, defined for
    /// sign-invariant losses and distinct eigenvalues.
    /// </summary>
    public EighResult Eigh(string uplo = "L")
    {
        CheckSquareFloating("linalg.eigh");
        bool lower = Uplo(uplo, "linalg.eigh");
        int n = Sizes[^1];
        var outs = PerMatrixOutputs(this, [[n], [n, n]], (_, a) =>
        {
            var (values, vectors) = SymmetricEigen(a, lower);
            return [Matrix<double>.Build.DenseOfRowMajor(1, n, values), vectors];
        });
        var recorded = RecordOutputs(outs, "LinalgEighBackward0", this, (g, v) => EighBackward(g[0], g[1], v[0], v[1]));
        return new EighResult(recorded[0], recorded[1]);
    }

    /// <summary>The eigenvalues of symmetric matrices [*, n] in ascending order, as torch.linalg.eigvalsh. Gradient: V diag(g) Vᵀ.</summary>
    public Tensor Eigvalsh(string uplo = "L")
    {
        CheckSquareFloating("linalg.eigvalsh");
        bool lower = Uplo(uplo, "linalg.eigvalsh");
        int n = Sizes[^1];
        var outs = PerMatrixOutputs(this, [[n], [n, n]], (_, a) =>
        {
            var (values, vectors) = SymmetricEigen(a, lower);
            return [Matrix<double>.Build.DenseOfRowMajor(1, n, values), vectors];
        });
        Tensor l = outs[0], vectors = outs[1];
        return Record(l, "LinalgEighBackward0", [this], g => [BatchedMatMul(vectors * g.Unsqueeze(-2), vectors.MT)], l);
    }

    /// <summary>
    /// PyTorch's svd_backward (real case) for the reduced factors U [m, k], S [k], Vh [k, n]:
    /// with skew(X) = X − Xᵀ and E_ij = s_j² − s_i² (1 on the diagonal),
    /// gA = U [(skew(Uᵀ gU) S + S skew(Vh gV)) / E + diag(gS)] Vh, plus the parts of gU (gV) outside
    /// U's (V's) span when m &gt; k (n &gt; k).
    /// </summary>
    private static Tensor SvdBackward(Tensor gU, Tensor gS, Tensor gVh, Tensor U, Tensor S, Tensor Vh)
    {
        int m = U.Sizes[^2], n = Vh.Sizes[^1], k = S.Sizes[^1];
        if (k == 0) return ZerosLike(BatchedMatMul(U, Vh));
        var gV = gVh.MT;
        var uhgu = BatchedMatMul(U.MT, gU);
        uhgu -= uhgu.MT;
        var vhgv = BatchedMatMul(Vh, gV);
        vhgv -= vhgv.MT;
        var s2 = S * S;
        var e = s2.Unsqueeze(-2) - s2.Unsqueeze(-1) + Eye(k, k, S.DType);
        var ga = (uhgu * S.Unsqueeze(-2) + S.Unsqueeze(-1) * vhgv) / e + gS.EmbedDiagonal();
        if (m > k)
        {
            ga = BatchedMatMul(U, ga);
            var gusinv = gU / S.Unsqueeze(-2);
            ga = ga + gusinv - BatchedMatMul(U, BatchedMatMul(U.MT, gusinv));
            return BatchedMatMul(ga, Vh);
        }
        if (n > k)
        {
            ga = BatchedMatMul(ga, Vh);
            var sinvgvh = gVh / S.Unsqueeze(-1);
            ga = ga + sinvgvh - BatchedMatMul(BatchedMatMul(sinvgvh, Vh.MT), Vh);
            return BatchedMatMul(U, ga);
        }
        return BatchedMatMul(U, BatchedMatMul(ga, Vh));
    }

    /// <summary>PyTorch's linalg_eig_backward for Hermitian input: V (skew(Vᵀ gV)/2 / E with gL on the diagonal) Vᵀ.</summary>
    private static Tensor EighBackward(Tensor gL, Tensor gV, Tensor L, Tensor V)
    {
        int n = L.Sizes[^1];
        var vhgv = BatchedMatMul(V.MT, gV);
        vhgv = 0.5 * (vhgv - vhgv.MT);
        var e = L.Unsqueeze(-2) - L.Unsqueeze(-1) + Eye(n, n, L.DType);
        var offDiagonal = 1.0 - Eye(n, n, L.DType);
        var ga = vhgv / e * offDiagonal + gL.EmbedDiagonal();
        return BatchedMatMul(V, BatchedMatMul(ga, V.MT));
    }

    /// <summary>The full SVD of one matrix: U [m, m], the k singular values descending, Vᵀ [n, n]; an empty matrix gives identities.</summary>
    private static (Matrix<double> U, double[] S, Matrix<double> Vt) SvdOf(Matrix<double> a)
    {
        int m = a.RowCount, n = a.ColumnCount;
        if (m == 0 || n == 0) return (Matrix<double>.Build.DenseIdentity(m), [], Matrix<double>.Build.DenseIdentity(n));
        if (!a.Enumerate().All(double.IsFinite))
        {
            throw Raise(new NumericalException("SvdNotFinite", $"linalg.svd: The algorithm failed to converge because the input matrix contained non-finite values."));
        }
        var svd = a.Svd(computeVectors: true);
        return (svd.U, svd.S.ToArray(), svd.VT);
    }

    /// <summary>Eigenvalues ascending and their eigenvectors (columns) of the symmetric matrix the chosen triangle of <paramref name="a"/> spells.</summary>
    private static (double[] Values, Matrix<double> Vectors) SymmetricEigen(Matrix<double> a, bool lower)
    {
        int n = a.RowCount;
        if (n == 0) return ([], Matrix<double>.Build.Dense(0, 0));
        var sym = Matrix<double>.Build.Dense(n, n, (i, j) => (i >= j) == lower ? a[i, j] : a[j, i]);
        if (!sym.Enumerate().All(double.IsFinite))
        {
            throw Raise(new NumericalException("EighNotFinite", "linalg.eigh: The algorithm failed to converge because the input matrix contained non-finite values."));
        }
        var evd = sym.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(c => c.Real).ToArray();
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var vectors = Matrix<double>.Build.Dense(n, n, (i, j) => evd.EigenVectors[i, order[j]]);
        return (order.Select(i => values[i]).ToArray(), vectors);
    }

    private static bool Uplo(string uplo, string op) => uplo?.Trim().ToUpperInvariant() switch
    {
        "L" => true,
        "U" => false,
        _ => throw Raise(new TensorArgumentException("EighUplo", $"{op}: Expected UPLO argument to be 'L' or 'U', but got {uplo}")),
    };
}
