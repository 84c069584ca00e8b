using MathNet.Numerics.LinearAlgebra;
using NNTools.Autograd;

namespace NNTools;

/// <summary>
/// Linear algebra over the last two dims, batched over the leading ones, as torch.linalg. The
/// factorizations come from MathNet.Numerics and run in double; results take the input's dtype
/// (float32 or float64).
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// The inverse A^-1 of every square matrix [*, n, n], as torch.linalg.inv. A singular matrix
    /// (an exactly zero pivot in the LU factorization with partial pivoting) throws
    /// <see cref="NumericalException"/>. Gradient: -A^-T g A^-T.
    /// </summary>
    public Tensor Inv()
    {
        CheckSquareFloating("linalg.inv");
        int n = Sizes[^1];
        var result = PerMatrix([this], n, n, (b, m) => Factor(m[0], b, "linalg.inv", singular: "the inversion could not be completed").Inverse());
        return Record(result, "LinalgInvExBackward0", [this], g =>
        {
            var invT = result.MT;
            return [-BatchedMatMul(BatchedMatMul(invT, g), invT)];
        }, result);
    }

    /// <summary>
    /// The determinant of every square matrix [*, n, n] -> [*], as torch.linalg.det; 0 for a singular
    /// matrix. Gradient: g det(A) A^-T, which needs A invertible: the backward at a singular matrix
    /// throws (PyTorch switches to an SVD-based formula there).
    /// </summary>
    public Tensor Det()
    {
        CheckSquareFloating("linalg.det");
        var dets = PerMatrix([this], 1, 1, (_, m) => Matrix<double>.Build.Dense(1, 1, m[0].LU().Determinant));
        var batch = Sizes[..^2];
        var result = new Tensor(dets.Storage, batch, Shapes.ContiguousStrides(batch), 0);
        return Record(result, "LinalgDetBackward0", [this], g =>
        {
            var scale = (g * result).Unsqueeze(-1).Unsqueeze(-1);
            return [scale * Inv().MT];
        }, result);
    }

    /// <summary>
    /// X with A X = B, as torch.linalg.solve: A [*, n, n]; B [*, n, k], or a vector [*, n] (when B is
    /// 1-d or has A's shape without its last dim), giving X of B's shape. Batch dims broadcast.
    /// A singular A throws <see cref="NumericalException"/>. Gradients: gB = A^-T g, gA = -gB X^T.
    /// </summary>
    public Tensor Solve(Tensor b)
    {
        CheckSquareFloating("linalg.solve");
        if (b.DType != DType)
        {
            throw Raise(new DTypeMismatchException("LinalgDType",
                $"linalg.solve: Expected A and B to have the same dtype, but found A of type {ScalarTypeName(DType)} and B of type {ScalarTypeName(b.DType)} instead"));
        }
        bool vector = b.Ndim == 1 || (b.Ndim == Ndim - 1 && Shapes.SameShape(b.Sizes, Sizes.AsSpan(0, Ndim - 1)));
        var bm = vector ? b.Unsqueeze(-1) : b;
        if (bm.Ndim < 2 || bm.Sizes[^2] != Sizes[^1])
        {
            throw Raise(new ShapeMismatchException("LinalgShape",
                $"linalg.solve: Incompatible shapes of A and B for the equation AX = B ({Sizes[^2]}x{Sizes[^1]} and {(bm.Ndim < 2 ? "1" : bm.Sizes[^2].ToString(System.Globalization.CultureInfo.InvariantCulture))}x{bm.Sizes[^1]})"));
        }
        var x = SolveMatrices(this, bm);
        return vector ? x.Squeeze(-1) : x;
    }

    private static Tensor SolveMatrices(Tensor a, Tensor b)
    {
        var (ea, eb) = ExpandBatch(a, b);
        int n = a.Sizes[^1], k = b.Sizes[^1];
        var result = PerMatrix([ea, eb], n, k,
            (i, m) => Factor(m[0], i, "torch.linalg.solve", singular: null).Solve(m[1]));
        return Record(result, "LinalgSolveExBackward0", [a, b], g =>
        {
            var gb = SolveMatrices(a.MT, g);
            return [GradFor(a, () => -BatchedMatMul(gb, result.MT)), GradFor(b, () => gb)];
        }, result);
    }

    /// <summary>
    /// The least-squares solution X minimising ||A X - B|| for A [*, m, n] and B [*, m, k] (or [*, m]),
    /// as torch.linalg.lstsq(A, B).solution, shape [*, n, k]. Computed by SVD, ignoring singular values
    /// below eps * max(m, n) * the largest, so a rank-deficient A gives the minimum-norm solution (as
    /// LAPACK's gelsy, PyTorch's CPU default). Differentiable where A has full rank (tall or square
    /// A: full column rank; wide A: full row rank, the minimum-norm solution).
    /// </summary>
    public Tensor Lstsq(Tensor b)
    {
        if (Ndim < 2) throw Raise(new ShapeMismatchException("LinalgRank", $"torch.linalg.lstsq: input must have at least 2 dimensions, got {Ndim}"));
        RequireLinalgFloating("torch.linalg.lstsq");
        if (b.DType != DType)
        {
            throw Raise(new DTypeMismatchException("LinalgDType",
                $"torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype {ScalarTypeName(DType)} and other's dtype {ScalarTypeName(b.DType)}"));
        }
        bool vector = b.Ndim == Ndim - 1;
        var bm = vector ? b.Unsqueeze(-1) : b;
        if (bm.Ndim < 2 || bm.Sizes[^2] != Sizes[^2])
        {
            throw Raise(new ShapeMismatchException("LinalgShape",
                $"torch.linalg.lstsq: input.size(-2) should match other.size(-2); shapes {Shapes.Format(Sizes)} and {Shapes.Format(b.Sizes)}"));
        }
        var x = LstsqMatrices(this, bm);
        return vector ? x.Squeeze(-1) : x;
    }

    private static Tensor LstsqMatrices(Tensor a, Tensor b)
    {
        var (ea, eb) = ExpandBatch(a, b);
        int rows = a.Sizes[^2], n = a.Sizes[^1], k = b.Sizes[^1];
        double eps = a.DType == DType.Float32 ? MachineEpsilonFloat32 : double.BitIncrement(1.0) - 1.0;
        var result = PerMatrix([ea, eb], n, k, (_, m) => MinimumNormSolve(m[0], m[1], eps));
        return Record(result, "LinalgLstsqBackward0", [a, b], g =>
        {
            if (rows >= n)
            {
                // X = (A^T A)^-1 A^T B: with Z = (A^T A)^-1 g and residual R = B - A X,
                // gA = R Z^T - A Z X^T and gB = A Z.
                var z = SolveMatrices(BatchedMatMul(a.MT, a), g);
                var r = b - BatchedMatMul(a, result);
                return [GradFor(a, () => BatchedMatMul(r, z.MT) - BatchedMatMul(BatchedMatMul(a, z), result.MT)), GradFor(b, () => BatchedMatMul(a, z))];
            }
            // X = A^T W with W = (A A^T)^-1 B: with Q = (A A^T)^-1 A g,
            // gA = W (g - A^T Q)^T - Q X^T and gB = Q.
            var aat = BatchedMatMul(a, a.MT);
            var w = SolveMatrices(aat, b);
            var q = SolveMatrices(aat, BatchedMatMul(a, g));
            return [GradFor(a, () => BatchedMatMul(w, (g - BatchedMatMul(a.MT, q)).MT) - BatchedMatMul(q, result.MT)), GradFor(b, () => q)];
        }, result);
    }

    private const double MachineEpsilonFloat32 = 1.1920928955078125e-07;

    /// <summary>V diag(1/s) U^T B over the singular values above eps * max(m, n) * s_max (LAPACK's default rcond for the input's dtype).</summary>
    private static Matrix<double> MinimumNormSolve(Matrix<double> a, Matrix<double> b, double eps)
    {
        var svd = a.Svd(computeVectors: true);
        var s = svd.S;
        double cutoff = s.Count == 0 ? 0 : s[0] * eps * Math.Max(a.RowCount, a.ColumnCount);
        var utb = svd.U.TransposeThisAndMultiply(b);
        var scaled = Matrix<double>.Build.Dense(a.ColumnCount, b.ColumnCount);
        for (int i = 0; i < s.Count; i++)
        {
            if (s[i] <= cutoff) continue;
            for (int j = 0; j < b.ColumnCount; j++) scaled[i, j] = utb[i, j] / s[i];
        }
        return svd.VT.TransposeThisAndMultiply(scaled);
    }

    /// <summary>The LU factorization of one matrix, throwing PyTorch's message when a pivot is exactly zero.</summary>
    private static MathNet.Numerics.LinearAlgebra.Factorization.LU<double> Factor(Matrix<double> m, int batchIndex, string op, string? singular)
    {
        var lu = m.LU();
        var u = lu.U;
        for (int i = 0; i < u.RowCount; i++)
        {
            if (u[i, i] != 0) continue;
            var batch = batchIndex >= 0 ? $"(Batch element {batchIndex}): " : "";
            var message = singular is null
                ? $"{op}: {batch}The solver failed because the input matrix is singular."
                : $"{op}: {batch}The diagonal element {i + 1} is zero, {singular} because the input matrix is singular.";
            throw Raise(new NumericalException("SingularMatrix", message));
        }
        return lu;
    }

    private void CheckSquareFloating(string op)
    {
        if (Ndim < 2) throw Raise(new ShapeMismatchException("LinalgRank", $"{op}: The input tensor A must have at least 2 dimensions, got shape {Shapes.Format(Sizes)}"));
        RequireLinalgFloating(op);
        if (Sizes[^1] != Sizes[^2])
        {
            throw Raise(new ShapeMismatchException("LinalgSquare", $"{op}: A must be batches of square matrices, but they are {Sizes[^2]} by {Sizes[^1]} matrices"));
        }
    }

    private void RequireLinalgFloating(string op)
    {
        if (!DType.IsFloating())
        {
            throw Raise(new DTypeMismatchException("LinalgDType", $"{op}: Expected a floating point or complex tensor as input. Got {ScalarTypeName(DType)}"));
        }
    }

    /// <summary>Both operands expanded (no copy) to their broadcast batch dims, keeping their own last two dims.</summary>
    private static (Tensor A, Tensor B) ExpandBatch(Tensor a, Tensor b)
    {
        var batch = Shapes.Broadcast(a.Sizes.AsSpan(0, a.Ndim - 2), b.Sizes.AsSpan(0, b.Ndim - 2));
        return (a.ExpandRaw([.. batch, a.Sizes[^2], a.Sizes[^1]]), b.ExpandRaw([.. batch, b.Sizes[^2], b.Sizes[^1]]));
    }

    /// <summary>
    /// Runs <paramref name="f"/> on each batch's matrices (in double, no autograd) and stacks the
    /// [rows, cols] results into [batch..., rows, cols] of the first input's dtype. The batch index
    /// passed to f is -1 when there are no batch dims (PyTorch's messages name batch elements only then).
    /// </summary>
    private static Tensor PerMatrix(Tensor[] inputs, int rows, int cols, Func<int, Matrix<double>[], Matrix<double>> f)
    {
        var first = inputs[0];
        var batch = first.Sizes[..^2];
        int count = Shapes.Numel(batch);
        var data = inputs.Select(t => t.CastRaw(DType.Float64).ContiguousCopy()).ToArray();
        var output = new double[count * rows * cols];
        using (GradMode.NoGrad())
        {
            for (int i = 0; i < count; i++)
            {
                var matrices = new Matrix<double>[inputs.Length];
                for (int j = 0; j < inputs.Length; j++)
                {
                    int r = inputs[j].Sizes[^2], c = inputs[j].Sizes[^1];
                    matrices[j] = Kernels.LinalgKernels.RowMajorMatrix(data[j], i, r, c);
                }
                f(batch.Length == 0 ? -1 : i, matrices).ToRowMajorArray().CopyTo(output, i * rows * cols);
            }
        }
        return FromBuffer(output, [.. batch, rows, cols]).CastRaw(first.DType);
    }
}
