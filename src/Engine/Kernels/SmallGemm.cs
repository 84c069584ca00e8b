using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static NNTools.Kernels.GemmMicroKernels;

namespace NNTools.Kernels;

/// <summary>
/// Products too small or too skinny to pay for packing (a tiny model's layers: 100 x 50 x 11, a
/// matrix-vector product, an outer product): computed straight from the operands with 256-bit FMAs,
/// no scratch beyond a small stack copy, no threads. The loops are the micro-kernel's (four rows of C
/// by two vectors of columns kept in registers, one broadcast of A and two FMAs per row and k step)
/// with masked loads and stores at the right edge, so no column count needs padding and nothing
/// outside C's n columns is written. Per call this costs a few hundred nanoseconds less than the
/// packed path and, for vectors, an order of magnitude less than a dot product per element.
/// </summary>
internal static unsafe class SmallGemm
{
    /// <summary>Rows of C per register block.</summary>
    private const int Rows = 4;

    /// <summary>The most elements a transposed B (or a strided column) is copied into on the stack.</summary>
    private const int StackCopyLimit = 4096;

    /// <summary>Masked 256-bit loads and FMAs are there (x86 with AVX2 and FMA3).</summary>
    public static bool IsSupported => Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    /// <summary>Columns of C one register block covers: two vectors.</summary>
    public static int BlockColumns<T>() where T : unmanaged => 2 * Vector256<T>.Count;

    /// <summary>
    /// C[m x n] (+)= op(A) op(B) as <see cref="Gemm.Multiply{T}"/>, for float or double; false (and
    /// nothing written) for the one layout it does not take: a transposed B too big to copy on the stack
    /// when A is transposed too.
    /// </summary>
    public static bool TryMultiply<T>(int m, int n, int k, T* a, int lda, bool transA, T* b, int ldb, bool transB,
        T* c, int ldc, bool accumulate) where T : unmanaged
    {
        if (n == 1)
        {
            // B is a column: element p at b[p * step].
            int step = transB ? 1 : ldb;
            if (!transA && DotRows(m, k, a, lda, b, step, c, ldc, accumulate)) return true;
            if (transA && ldc == 1)
            {
                // C^T = B^T A^T: a single row of C^T, times A's storage read row-major (k x m).
                RowMajorB(1, m, k, b, step, transA: true, a, lda, c, ldc: m, accumulate);
                return true;
            }
        }
        if (!transB)
        {
            RowMajorB(m, n, k, a, lda, transA, b, ldb, c, ldc, accumulate);
            return true;
        }
        if (!transA && (long)k * n > StackCopyLimit)
        {
            // B stored n x k, too big to copy: column j of C is A times B's row j, both contiguous along k.
            for (int j = 0; j < n; j++) DotRowsContiguous(m, k, a, lda, b + (nint)j * ldb, c + j, ldc, accumulate);
            return true;
        }
        if ((long)k * n <= StackCopyLimit)
        {
            // op(B) copied row-major: each k step's n values become contiguous for the vector loads.
            T* copy = stackalloc T[k * n];
            for (int j = 0; j < n; j++)
            {
                T* src = b + (nint)j * ldb;
                for (int p = 0; p < k; p++) copy[p * n + j] = src[p];
            }
            RowMajorB(m, n, k, a, lda, transA, copy, n, c, ldc, accumulate);
            return true;
        }
        return false;
    }

    /// <summary>C (+)= op(A) B with B row-major (element (p, j) at b[p * ldb + j]).</summary>
    private static void RowMajorB<T>(int m, int n, int k, T* a, int lda, bool transA, T* b, int ldb, T* c, int ldc, bool accumulate)
        where T : unmanaged
    {
        if (Avx512F.IsSupported) RowMajorB512(m, n, k, a, lda, transA, b, ldb, c, ldc, accumulate);
        else RowMajorB256(m, n, k, a, lda, transA, b, ldb, c, ldc, accumulate);
    }

    /// <summary>
    /// <see cref="RowMajorB{T}"/> on 512-bit vectors: eight rows by one vector of C per pass over k
    /// (a tiny layer's 11 outputs are one masked vector, so no FMA is spent on empty columns).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowMajorB512<T>(int m, int n, int k, T* a, int lda, bool transA, T* b, int ldb, T* c, int ldc, bool accumulate)
        where T : unmanaged
    {
        int w = Vector512<T>.Count;
        nint rowStep = transA ? 1 : lda, kStep = transA ? lda : 1;
        for (int j0 = 0; j0 < n; j0 += w)
        {
            var mask = LaneMask512<T>(n - j0);
            for (int i0 = 0; i0 < m; i0 += 2 * Rows)
            {
                int rows = Math.Min(2 * Rows, m - i0);
                T* a0 = a + i0 * rowStep;
                T* a1 = rows > 1 ? a0 + rowStep : a0;
                T* a2 = rows > 2 ? a0 + 2 * rowStep : a0;
                T* a3 = rows > 3 ? a0 + 3 * rowStep : a0;
                T* a4 = rows > 4 ? a0 + 4 * rowStep : a0;
                T* a5 = rows > 5 ? a0 + 5 * rowStep : a0;
                T* a6 = rows > 6 ? a0 + 6 * rowStep : a0;
                T* a7 = rows > 7 ? a0 + 7 * rowStep : a0;
                Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
                Vector512<T> c4 = default, c5 = default, c6 = default, c7 = default;
                T* bp = b + j0;
                for (nint p = 0, ap = 0; p < k; p++, ap += kStep, bp += ldb)
                {
                    var bv = MaskLoad(bp, mask);
                    c0 = Fma(Vector512.Create(a0[ap]), bv, c0);
                    c1 = Fma(Vector512.Create(a1[ap]), bv, c1);
                    c2 = Fma(Vector512.Create(a2[ap]), bv, c2);
                    c3 = Fma(Vector512.Create(a3[ap]), bv, c3);
                    c4 = Fma(Vector512.Create(a4[ap]), bv, c4);
                    c5 = Fma(Vector512.Create(a5[ap]), bv, c5);
                    c6 = Fma(Vector512.Create(a6[ap]), bv, c6);
                    c7 = Fma(Vector512.Create(a7[ap]), bv, c7);
                }
                T* cp = c + (nint)i0 * ldc + j0;
                StoreRow(c0, cp, mask, accumulate);
                if (rows > 1) StoreRow(c1, cp + ldc, mask, accumulate);
                if (rows > 2) StoreRow(c2, cp + 2 * (nint)ldc, mask, accumulate);
                if (rows > 3) StoreRow(c3, cp + 3 * (nint)ldc, mask, accumulate);
                if (rows > 4) StoreRow(c4, cp + 4 * (nint)ldc, mask, accumulate);
                if (rows > 5) StoreRow(c5, cp + 5 * (nint)ldc, mask, accumulate);
                if (rows > 6) StoreRow(c6, cp + 6 * (nint)ldc, mask, accumulate);
                if (rows > 7) StoreRow(c7, cp + 7 * (nint)ldc, mask, accumulate);
            }
        }
    }

    /// <summary><see cref="RowMajorB{T}"/> on 256-bit vectors: four rows by two vectors of C per pass over k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowMajorB256<T>(int m, int n, int k, T* a, int lda, bool transA, T* b, int ldb, T* c, int ldc, bool accumulate)
        where T : unmanaged
    {
        int w = Vector256<T>.Count;
        // A(i, p) is a[i * rowStep + p * kStep].
        nint rowStep = transA ? 1 : lda, kStep = transA ? lda : 1;
        for (int j0 = 0; j0 < n; j0 += 2 * w)
        {
            var mask0 = LaneMask<T>(n - j0);
            var mask1 = LaneMask<T>(n - j0 - w);
            for (int i0 = 0; i0 < m; i0 += Rows)
            {
                int rows = Math.Min(Rows, m - i0);
                // Rows past the last one repeat it (their sums are dropped), so the loop has no row branches.
                T* a0 = a + i0 * rowStep;
                T* a1 = rows > 1 ? a0 + rowStep : a0;
                T* a2 = rows > 2 ? a0 + 2 * rowStep : a0;
                T* a3 = rows > 3 ? a0 + 3 * rowStep : a0;
                Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default;
                Vector256<T> c20 = default, c21 = default, c30 = default, c31 = default;
                T* bp = b + j0;
                for (nint p = 0, ap = 0; p < k; p++, ap += kStep, bp += ldb)
                {
                    var b0 = MaskLoad(bp, mask0);
                    var b1 = MaskLoad(bp + w, mask1);
                    var x0 = Vector256.Create(a0[ap]);
                    c00 = Fma(x0, b0, c00);
                    c01 = Fma(x0, b1, c01);
                    var x1 = Vector256.Create(a1[ap]);
                    c10 = Fma(x1, b0, c10);
                    c11 = Fma(x1, b1, c11);
                    var x2 = Vector256.Create(a2[ap]);
                    c20 = Fma(x2, b0, c20);
                    c21 = Fma(x2, b1, c21);
                    var x3 = Vector256.Create(a3[ap]);
                    c30 = Fma(x3, b0, c30);
                    c31 = Fma(x3, b1, c31);
                }
                T* cp = c + (nint)i0 * ldc + j0;
                StoreRow(c00, c01, cp, w, mask0, mask1, accumulate);
                if (rows > 1) StoreRow(c10, c11, cp + ldc, w, mask0, mask1, accumulate);
                if (rows > 2) StoreRow(c20, c21, cp + 2 * ldc, w, mask0, mask1, accumulate);
                if (rows > 3) StoreRow(c30, c31, cp + 3 * ldc, w, mask0, mask1, accumulate);
            }
        }
    }

    /// <summary>
    /// C[i] (+)= A's row i · x for a row-major A and a column x of B (element p at b[p * step]): four rows
    /// per pass, vectors along k. False when a strided x is too long to copy on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool DotRows<T>(int m, int k, T* a, int lda, T* b, int step, T* c, int ldc, bool accumulate) where T : unmanaged
    {
        if (step != 1)
        {
            if (k > StackCopyLimit) return false;
            T* x = stackalloc T[k];
            for (int p = 0; p < k; p++) x[p] = b[(nint)p * step];
            DotRowsContiguous(m, k, a, lda, x, c, ldc, accumulate);
            return true;
        }
        DotRowsContiguous(m, k, a, lda, b, c, ldc, accumulate);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRowsContiguous<T>(int m, int k, T* a, int lda, T* x, T* c, int ldc, bool accumulate) where T : unmanaged
    {
        int w = Vector256<T>.Count;
        for (int i0 = 0; i0 < m; i0 += Rows)
        {
            int rows = Math.Min(Rows, m - i0);
            T* a0 = a + (nint)i0 * lda;
            T* a1 = rows > 1 ? a0 + lda : a0;
            T* a2 = rows > 2 ? a0 + 2 * (nint)lda : a0;
            T* a3 = rows > 3 ? a0 + 3 * (nint)lda : a0;
            Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int p = 0; p < k; p += w)
            {
                var mask = LaneMask<T>(k - p);
                var xv = MaskLoad(x + p, mask);
                s0 = Fma(MaskLoad(a0 + p, mask), xv, s0);
                s1 = Fma(MaskLoad(a1 + p, mask), xv, s1);
                s2 = Fma(MaskLoad(a2 + p, mask), xv, s2);
                s3 = Fma(MaskLoad(a3 + p, mask), xv, s3);
            }
            T* cp = c + (nint)i0 * ldc;
            StoreSum(s0, cp, accumulate);
            if (rows > 1) StoreSum(s1, cp + ldc, accumulate);
            if (rows > 2) StoreSum(s2, cp + 2 * (nint)ldc, accumulate);
            if (rows > 3) StoreSum(s3, cp + 3 * (nint)ldc, accumulate);
        }
    }

    /// <summary>All lanes below <paramref name="count"/> set (none when it is 0 or less, all from the vector's width up).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LaneMask<T>(int count) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).As<int, T>();
        }
        return Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)count)).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LaneMask512<T>(int count) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).As<int, T>();
        }
        return Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> MaskLoad<T>(T* p, Vector512<T> mask) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Avx512F.MaskLoad((float*)p, mask.AsSingle(), Vector512<float>.Zero).As<float, T>()
            : Avx512F.MaskLoad((double*)p, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(Vector512<T> v, T* c, Vector512<T> mask, bool add) where T : unmanaged
    {
        if (add) v = Vector512.Add(v, MaskLoad(c, mask));
        if (typeof(T) == typeof(float)) Avx512F.MaskStore((float*)c, mask.AsSingle(), v.AsSingle());
        else Avx512F.MaskStore((double*)c, mask.AsDouble(), v.AsDouble());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> MaskLoad<T>(T* p, Vector256<T> mask) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Avx.MaskLoad((float*)p, mask.AsSingle()).As<float, T>()
            : Avx.MaskLoad((double*)p, mask.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MaskStore<T>(T* p, Vector256<T> mask, Vector256<T> value) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) Avx.MaskStore((float*)p, mask.AsSingle(), value.AsSingle());
        else Avx.MaskStore((double*)p, mask.AsDouble(), value.AsDouble());
    }

    /// <summary>Writes (or adds) the first columns of one row of C: two vectors, each masked to the valid lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(Vector256<T> v0, Vector256<T> v1, T* c, int w, Vector256<T> mask0, Vector256<T> mask1, bool add)
        where T : unmanaged
    {
        if (add)
        {
            v0 = Vector256.Add(v0, MaskLoad(c, mask0));
            v1 = Vector256.Add(v1, MaskLoad(c + w, mask1));
        }
        MaskStore(c, mask0, v0);
        MaskStore(c + w, mask1, v1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSum<T>(Vector256<T> s, T* c, bool add) where T : unmanaged
    {
        T sum = Vector256.Sum(s);
        if (typeof(T) == typeof(float))
        {
            float v = Unsafe.As<T, float>(ref sum);
            *(float*)c = add ? *(float*)c + v : v;
        }
        else
        {
            double v = Unsafe.As<T, double>(ref sum);
            *(double*)c = add ? *(double*)c + v : v;
        }
    }
}
