using MathNet.Numerics.LinearAlgebra;

namespace NNTools;

/// <summary>
/// QR, Cholesky and the pseudo-inverse, as torch.linalg.qr / cholesky / pinv, batched over leading dims,
/// computed in double and rounded to the input's dtype.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// A = Q R for A [*, m, n], as torch.linalg.qr, by Householder reflections with LAPACK's sign choice
    /// (R's diagonal is −sign(pivot)·‖column‖): <paramref name="mode"/> "reduced" gives Q [*, m, k] and
    /// R [*, k, n] (k = min(m, n)); "complete" Q [*, m, m] and R [*, m, n]; "r" only R (Q is empty).
    /// Gradient: PyTorch's (gA = (gQ + Q copyltu(M)) R^-T with M = R gRᵀ − gQᵀ Q, per square block);
    /// like PyTorch, mode "r" and "complete" with m &gt; n are not differentiable.
    /// </summary>
    public QrResult Qr(string mode = "reduced")
    {
        CheckMatrixFloating("linalg.qr");
        var name = mode?.Trim().ToLowerInvariant();
        if (name is not ("reduced" or "complete" or "r"))
        {
            throw Raise(new TensorArgumentException("QrMode", $"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), 'r', or 'complete'"));
        }
        int m = Sizes[^2], n = Sizes[^1], k = Math.Min(m, n);
        int qcols = name == "complete" ? m : k, rrows = name == "complete" ? m : k;
        var outs = PerMatrixOutputs(this, [[m, qcols], [rrows, n]], (_, a) =>
        {
            var (q, r) = Householder(a);
            return [q.SubMatrix(0, m, 0, qcols), r.SubMatrix(0, rrows, 0, n)];
        });
        if (name == "r")
        {
            var r = Record(outs[1], "LinalgQrBackward0", [this], _ => throw Raise(new AutogradException("QrNotDifferentiable",
                "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.")));
            return new QrResult(Empty([0], DType), r);
        }
        var recorded = RecordOutputs(outs, "LinalgQrBackward0", this, (g, v) =>
        {
            if (m > n && name == "complete")
            {
                throw Raise(new AutogradException("QrNotDifferentiable", "The QR decomposition is not differentiable when mode='complete' and nrows > ncols."));
            }
            return QrBackward(g[0], g[1], v[0], v[1]);
        });
        return new QrResult(recorded[0], recorded[1]);
    }

    /// <summary>
    /// The Cholesky factor of symmetric positive-definite matrices [*, n, n], as torch.linalg.cholesky:
    /// lower L with A = L Lᵀ reading A's lower triangle, or with <paramref name="upper"/> U = Lᵀ reading the
    /// upper one. A matrix that is not positive-definite throws <see cref="NumericalException"/> naming the
    /// order of the first leading minor that is not (and the batch element). Gradient: PyTorch's
    /// L^-T Φ L^-1 with Φ the symmetric part of tril(Lᵀ gL), its diagonal halved.
    /// </summary>
    public Tensor Cholesky(bool upper = false)
    {
        CheckSquareFloating("linalg.cholesky");
        int n = Sizes[^1];
        var lower = PerMatrixOutputs(this, [[n, n]], (b, a) => [CholeskyOf(upper ? a.Transpose() : a, b)])[0];
        var result = upper ? lower.MT.Contiguous() : lower;
        return Record(result, "LinalgCholeskyExBackward0", [this], g =>
        {
            var gl = upper ? g.MT : g;
            var phi = BatchedMatMul(lower.MT, gl).Triangle(upper: false);
            phi = 0.5 * (phi + phi.Triangle(upper: false, diagonal: -1).MT);
            var left = SolveMatrices(lower.MT, phi);
            return [SolveRightTransposed(left, lower.MT)];
        }, result);
    }

    /// <summary>
    /// The Moore-Penrose pseudo-inverse [*, n, m] of A [*, m, n], as torch.linalg.pinv: singular values (or,
    /// with <paramref name="hermitian"/>, eigenvalue magnitudes of the symmetric matrix A's lower triangle
    /// spells) at or below max(atol, rtol · the largest) count as zero. Without either tolerance rtol is
    /// eps(dtype) · max(m, n); with only atol &gt; 0, rtol is 0. (torch's rcond is rtol.) Gradient:
    /// PyTorch's pinv_backward, which holds where the rank does not change.
    /// </summary>
    public Tensor Pinv(double? atol = null, double? rtol = null, bool hermitian = false)
    {
        CheckMatrixFloating("linalg.pinv");
        if (hermitian) CheckSquareFloating("linalg.pinv");
        int m = Sizes[^2], n = Sizes[^1];
        double eps = DType == DType.Float32 ? MachineEpsilonFloat32 : double.BitIncrement(1.0) - 1.0;
        double absolute = atol ?? 0;
        double relative = rtol ?? (atol is > 0 ? 0 : eps * Math.Max(m, n));
        var result = PerMatrixOutputs(this, [[n, m]], (_, a) => [PseudoInverse(a, absolute, relative, hermitian)])[0];
        var input = this;
        return Record(result, "LinalgPinvBackward0", [this], g => [PinvBackward(g, result, input.Detach())], result);
    }

    /// <summary>PyTorch's pinv_backward, arranged to multiply the smallest matrices for wide or tall A.</summary>
    private static Tensor PinvBackward(Tensor grad, Tensor pinv, Tensor a)
    {
        int m = a.Sizes[^2], n = a.Sizes[^1];
        var pinvh = pinv.MT;
        var gradh = grad.MT;
        if (m <= n)
        {
            var k = BatchedMatMul(gradh, pinv);
            var kpinvh = BatchedMatMul(k, pinvh);
            return -BatchedMatMul(pinv, k).MT + kpinvh - BatchedMatMul(BatchedMatMul(a, pinv), kpinvh)
                + BatchedMatMul(BatchedMatMul(pinvh, pinv), gradh - BatchedMatMul(k, a));
        }
        var kk = BatchedMatMul(pinv, gradh);
        var pinvhk = BatchedMatMul(pinvh, kk);
        return -BatchedMatMul(kk, pinv).MT + BatchedMatMul(BatchedMatMul(gradh - BatchedMatMul(a, kk), pinv), pinvh)
            + pinvhk - BatchedMatMul(BatchedMatMul(pinvhk, pinv), a);
    }

    /// <summary>
    /// The QR backward on the reduced factors (PyTorch's linalg_qr_backward, TensorFlow's formula): for m ≥ n,
    /// gA = (gQ + Q copyltu(M)) R^-T with M = R gRᵀ − gQᵀ Q; for m &lt; n, A = [X | Y] and R = [U | V] give
    /// gX by the square case with gQ + Y gVᵀ and gY = Q gV.
    /// </summary>
    private static Tensor QrBackward(Tensor gQ, Tensor gR, Tensor Q, Tensor R)
    {
        int m = Q.Sizes[^2], n = R.Sizes[^1];
        if (m >= n) return QrBackwardSquare(gQ, gR, Q, R);
        var a = BatchedMatMul(Q, R);
        var y = a.Narrow(-1, m, n - m);
        var u = R.Narrow(-1, 0, m);
        var gV = gR.Narrow(-1, m, n - m);
        var gx = QrBackwardSquare(gQ + BatchedMatMul(y, gV.MT), gR.Narrow(-1, 0, m), Q, u);
        return Cat([gx, BatchedMatMul(Q, gV)], -1);
    }

    private static Tensor QrBackwardSquare(Tensor gQ, Tensor gR, Tensor Q, Tensor R)
    {
        var mm = BatchedMatMul(R, gR.MT) - BatchedMatMul(gQ.MT, Q);
        var copyltu = mm.Triangle(upper: false) + mm.Triangle(upper: false, diagonal: -1).MT;
        return SolveRightTransposed(gQ + BatchedMatMul(Q, copyltu), R);
    }

    /// <summary>Householder QR of one matrix: Q [m, m] orthogonal and R [m, n] upper triangular, R_jj = −sign(a_jj)·‖column‖ as LAPACK's geqrf.</summary>
    private static (Matrix<double> Q, Matrix<double> R) Householder(Matrix<double> a)
    {
        int m = a.RowCount, n = a.ColumnCount;
        var r = a.Clone();
        var q = Matrix<double>.Build.DenseIdentity(m);
        var v = new double[m];
        for (int j = 0; j < Math.Min(m, n); j++)
        {
            // As LAPACK's dlarfg: nothing below the pivot means no reflection, so R keeps the pivot's sign.
            double below = 0;
            for (int i = j + 1; i < m; i++) below += r[i, j] * r[i, j];
            if (below == 0) continue;
            double norm = Math.Sqrt(below + r[j, j] * r[j, j]);
            double beta = r[j, j] >= 0 ? -norm : norm;
            v[j] = r[j, j] - beta;
            for (int i = j + 1; i < m; i++) v[i] = r[i, j];
            double vv = 0;
            for (int i = j; i < m; i++) vv += v[i] * v[i];
            for (int c = j; c < n; c++)
            {
                double s = 0;
                for (int i = j; i < m; i++) s += v[i] * r[i, c];
                double f = 2 * s / vv;
                for (int i = j; i < m; i++) r[i, c] -= f * v[i];
            }
            for (int row = 0; row < m; row++)
            {
                double s = 0;
                for (int i = j; i < m; i++) s += q[row, i] * v[i];
                double f = 2 * s / vv;
                for (int i = j; i < m; i++) q[row, i] -= f * v[i];
            }
            for (int i = j + 1; i < m; i++) r[i, j] = 0;
        }
        return (q, r);
    }

    /// <summary>The lower Cholesky factor of one matrix from its lower triangle; PyTorch's error names the first leading minor that is not positive-definite.</summary>
    private static Matrix<double> CholeskyOf(Matrix<double> a, int batchIndex)
    {
        int n = a.RowCount;
        var l = Matrix<double>.Build.Dense(n, n);
        for (int j = 0; j < n; j++)
        {
            double d = a[j, j];
            for (int p = 0; p < j; p++) d -= l[j, p] * l[j, p];
            if (!(d > 0))
            {
                throw Raise(new NumericalException("NotPositiveDefinite",
                    $"linalg.cholesky: {BatchPrefix(batchIndex)}The factorization could not be completed because the input is not positive-definite (the leading minor of order {j + 1} is not positive-definite)."));
            }
            l[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i, j];
                for (int p = 0; p < j; p++) s -= l[i, p] * l[j, p];
                l[i, j] = s / l[j, j];
            }
        }
        return l;
    }

    private static Matrix<double> PseudoInverse(Matrix<double> a, double atol, double rtol, bool hermitian)
    {
        int m = a.RowCount, n = a.ColumnCount;
        if (m == 0 || n == 0) return Matrix<double>.Build.Dense(n, m);
        if (hermitian)
        {
            var (values, vectors) = SymmetricEigen(a, lower: true);
            double largest = values.Max(Math.Abs), tol = Math.Max(atol, rtol * largest);
            var scaled = vectors.Clone();
            for (int j = 0; j < n; j++)
            {
                double inv = Math.Abs(values[j]) > tol ? 1 / values[j] : 0;
                for (int i = 0; i < n; i++) scaled[i, j] *= inv;
            }
            return scaled.TransposeAndMultiply(vectors);
        }
        var (u, s, vt) = SvdOf(a);
        double cutoff = Math.Max(atol, rtol * s[0]);
        var vs = vt.Transpose().SubMatrix(0, n, 0, s.Length);
        for (int j = 0; j < s.Length; j++)
        {
            double inv = s[j] > cutoff ? 1 / s[j] : 0;
            for (int i = 0; i < n; i++) vs[i, j] *= inv;
        }
        return vs.TransposeAndMultiply(u.SubMatrix(0, m, 0, s.Length));
    }
}
