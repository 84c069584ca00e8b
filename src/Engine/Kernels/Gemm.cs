using System.Numerics;
using System.Numerics.Tensors;

namespace NNTools.Kernels;

/// <summary>
/// The matrix product C = op(A) op(B) (+ C), the single entry point every matmul in the engine goes
/// through, so a faster packed or threaded GEMM can replace this one without touching callers.
/// Row-major storage throughout: element (i, j) of A is a[offA + i * lda + j] (or, transposed,
/// a[offA + j * lda + i]). Accumulation stays in T: float32 products accumulate in float32,
/// int64 ones are exact (wrapping on overflow, as PyTorch).
/// </summary>
internal static class Gemm
{
    /// <summary>
    /// C[M x N] = op(A)[M x K] op(B)[K x N], or C += ... when <paramref name="accumulate"/>.
    /// op(X) is X, or X transposed when the flag is set (X then stored as K x M or N x K).
    /// </summary>
    public static void Multiply<T>(int m, int n, int k,
        T[] a, int offA, int lda, bool transA,
        T[] b, int offB, int ldb, bool transB,
        T[] c, int offC, int ldc, bool accumulate = false)
        where T : unmanaged, INumber<T>
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            // An empty sum: zeros (the operand buffers may be empty, so no row of them can be addressed).
            if (!accumulate) for (int i = 0; i < m; i++) c.AsSpan(offC + i * ldc, n).Clear();
            return;
        }
        if (transA)
        {
            a = Transposed(a, offA, lda, k, m);
            offA = 0;
            lda = k;
        }
        if (transB)
        {
            b = Transposed(b, offB, ldb, n, k);
            offB = 0;
            ldb = n;
        }
        for (int i = 0; i < m; i++)
        {
            var cRow = c.AsSpan(offC + i * ldc, n);
            if (!accumulate) cRow.Clear();
            var aRow = a.AsSpan(offA + i * lda, k);
            // i-k-j order: every inner step is a SIMD axpy over a contiguous row of B into the row of C.
            for (int p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd<T>(b.AsSpan(offB + p * ldb, n), aRow[p], cRow, cRow);
            }
        }
    }

    /// <summary>The transpose of the rows x cols matrix stored at x[off] with row stride ld, as a fresh cols x rows array.</summary>
    private static T[] Transposed<T>(T[] x, int off, int ld, int rows, int cols)
    {
        var t = new T[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            for (int col = 0; col < cols; col++) t[col * rows + r] = x[off + r * ld + col];
        }
        return t;
    }
}
