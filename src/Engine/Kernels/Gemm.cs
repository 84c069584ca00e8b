using System.Numerics;
using System.Numerics.Tensors;

namespace NNTools.Kernels;

/// <summary>
/// The matrix product C = op(A) op(B) (+ C), the single entry point every matmul in the engine goes
/// through. Row-major storage throughout: element (i, j) of A is a[offA + i * lda + j] (or,
/// transposed, a[offA + j * lda + i]). float and double products big enough to pay for packing go to
/// the blocked, SIMD, multithreaded <see cref="PackedGemm"/>; small and skinny ones to the direct
/// <see cref="SmallGemm"/>; long sums of a few rows against a few (a convolution's weight gradient)
/// to <see cref="DotGemm"/>; int64 (which must stay exact), and float and double on machines without
/// AVX2, to <see cref="Reference{T}"/>, which needs no scratch memory. Accumulation stays in
/// T: float32 products accumulate in float32, int64 ones are exact (wrapping on overflow, as PyTorch).
/// </summary>
internal static class Gemm
{
    /// <summary>Fewer multiply-adds than this, or a dimension under a tile's, cost more to pack than to compute directly.</summary>
    private const long PackThreshold = 16 * 1024;

    /// <summary>
    /// C[M x N] = op(A)[M x K] op(B)[K x N], or C += ... when <paramref name="accumulate"/>.
    /// op(X) is X, or X transposed when the flag is set (X then stored as K x M or N x K).
    /// </summary>
    public static unsafe void Multiply<T>(int m, int n, int k,
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
        if (DotGemm.Suits<T>(m, n, k, transA, transB))
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                DotGemm.Multiply(m, n, k, pa + offA, lda, pb + offB, ldb, pc + offC, ldc, accumulate);
                return;
            }
        }
        if (UseSmall<T>(m, n, k))
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                if (SmallGemm.TryMultiply(m, n, k, pa + offA, lda, transA, pb + offB, ldb, transB, pc + offC, ldc, accumulate)) return;
            }
        }
        if (UsePacked<T>(m, n, k))
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                PackedGemm.Multiply(m, n, k, pa + offA, lda, transA, pb + offB, ldb, transB, pc + offC, ldc, accumulate);
                return;
            }
        }
        Reference(m, n, k, a, offA, lda, transA, b, offB, ldb, transB, c, offC, ldc, accumulate);
    }

    /// <summary>
    /// The largest k the packed kernel sums in one block: up to it, C += A B on the packed path adds the
    /// finished product to each element of C once, so it equals forming A B and adding it to C.
    /// </summary>
    internal const int SingleBlockK = PackedGemm.KC;

    /// <summary>
    /// Products the direct kernel takes: everything too small or skinny for packing, and products whose
    /// rows fit one register block of columns (n up to 16 floats) below the threaded size, where packing
    /// B into 32-wide panels would mostly copy padding.
    /// </summary>
    internal static bool UseSmall<T>(int m, int n, int k) where T : unmanaged =>
        (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && SmallGemm.IsSupported && SimdWidth.Bits >= 256
        && (!UsePacked<T>(m, n, k) || (n <= SmallGemm.BlockColumns<T>() && (long)m * n * k < PackedGemm.ParallelThreshold));

    /// <summary>True when Multiply computes this product on the packed kernel (every element one FMA chain along k).</summary>
    internal static bool TakesPackedPath<T>(int m, int n, int k) where T : unmanaged => UsePacked<T>(m, n, k) && !UseSmall<T>(m, n, k);

    internal static bool UsePacked<T>(int m, int n, int k) =>
        (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && PackedGemm.IsAccelerated
        && m >= 4 && n >= 8 && (long)m * n * k >= PackThreshold;

    /// <summary>
    /// The direct product, row by row of C with no scratch memory: an axpy of each row of B into the
    /// row of C when B's rows are contiguous, else a dot product per element (contiguous when A's
    /// rows and B's columns are). Also the reference the packed kernel is tested against.
    /// </summary>
    internal static void Reference<T>(int m, int n, int k,
        T[] a, int offA, int lda, bool transA,
        T[] b, int offB, int ldb, bool transB,
        T[] c, int offC, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        // op(B)'s column j as a contiguous run of k values: B stored transposed, or a single column with unit stride.
        bool bColumns = transB || (n == 1 && ldb == 1);
        for (int i = 0; i < m; i++)
        {
            var cRow = c.AsSpan(offC + i * ldc, n);
            if (!accumulate) cRow.Clear();
            if (bColumns && !transA)
            {
                var aRow = new ReadOnlySpan<T>(a, offA + i * lda, k);
                int step = transB ? ldb : 1;
                for (int j = 0; j < n; j++) cRow[j] += TensorPrimitives.Dot(aRow, new ReadOnlySpan<T>(b, offB + j * step, k));
            }
            else if (!transB && n > 1)
            {
                // i-k-j order: every inner step is a SIMD axpy over a contiguous row of B into the row of C.
                for (int p = 0; p < k; p++)
                {
                    T aip = transA ? a[offA + p * lda + i] : a[offA + i * lda + p];
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(b, offB + p * ldb, n), aip, cRow, cRow);
                }
            }
            else
            {
                for (int j = 0; j < n; j++)
                {
                    T s = T.Zero;
                    for (int p = 0; p < k; p++)
                    {
                        T aip = transA ? a[offA + p * lda + i] : a[offA + i * lda + p];
                        T bpj = transB ? b[offB + j * ldb + p] : b[offB + p * ldb + j];
                        s += aip * bpj;
                    }
                    cRow[j] += s;
                }
            }
        }
    }
}
