using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static NNTools.Kernels.GemmMicroKernels;

namespace NNTools.Kernels;

/// <summary>
/// C (+)= A B^T with both operands stored along k (A [m, k], B [n, k], each row contiguous) and k long
/// beside m and n: a convolution's weight gradient, g [O, N*Ho*Wo] times im2col^T, is 16 x 9 with
/// k = 12,544 in a digits CNN. The packed kernel pads such a B to 16- or 32-wide panels and sums k in
/// 256-long blocks, 8 GFLOP/s on that shape. Here each block of 4 rows of A and 3 rows of B is twelve
/// vector accumulators summed along k in one pass (seven loads per twelve FMAs), then reduced across
/// lanes. Blocks split over the worker team; each element is summed by one worker in one order, so
/// results do not depend on the number of threads.
/// </summary>
internal static unsafe class DotGemm
{
    private const int RowsA = 4;
    private const int RowsB = 3;

    /// <summary>True for the layouts and shapes this kernel takes: A row-major, B transposed, k at least 128 and 8 times the larger of m and n, C no bigger than 64 K elements.</summary>
    public static bool Suits<T>(int m, int n, int k, bool transA, bool transB) where T : unmanaged =>
        !transA && transB && (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && Vector256.IsHardwareAccelerated
        && k >= 128 && k >= 8L * Math.Max(m, n) && (long)m * n <= 1 << 16;

    public static void Multiply<T>(int m, int n, int k, T* a, int lda, T* b, int ldb, T* c, int ldc, bool accumulate) where T : unmanaged
    {
        int rowBlocks = (m + RowsA - 1) / RowsA, colBlocks = (n + RowsB - 1) / RowsB, blocks = rowBlocks * colBlocks;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        ParallelRange.ForBlocks(blocks, (long)RowsA * RowsB * k / 16, (first, count) =>
        {
            for (int block = first; block < first + count; block++)
            {
                int i0 = block / colBlocks * RowsA, j0 = block % colBlocks * RowsB;
                Block(Math.Min(RowsA, m - i0), Math.Min(RowsB, n - j0), k, (T*)pa + (nint)i0 * lda, lda, (T*)pb + (nint)j0 * ldb, ldb,
                    (T*)pc + (nint)i0 * ldc + j0, ldc, accumulate);
            }
        });
    }

    /// <summary>One block of up to 4 x 3 elements of C; missing rows repeat the first row and are not stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<T>(int rows, int cols, int k, T* a, int lda, T* b, int ldb, T* c, int ldc, bool accumulate) where T : unmanaged
    {
        T* a0 = a, a1 = rows > 1 ? a + lda : a, a2 = rows > 2 ? a + 2 * (nint)lda : a, a3 = rows > 3 ? a + 3 * (nint)lda : a;
        T* b0 = b, b1 = cols > 1 ? b + ldb : b, b2 = cols > 2 ? b + 2 * (nint)ldb : b;
        Vector256<T> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector256<T> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        int w = Vector256<T>.Count, p = 0;
        for (; p <= k - w; p += w)
        {
            var v0 = Vector256.Load(b0 + p);
            var v1 = Vector256.Load(b1 + p);
            var v2 = Vector256.Load(b2 + p);
            var u = Vector256.Load(a0 + p);
            c00 = Fma(u, v0, c00); c01 = Fma(u, v1, c01); c02 = Fma(u, v2, c02);
            u = Vector256.Load(a1 + p);
            c10 = Fma(u, v0, c10); c11 = Fma(u, v1, c11); c12 = Fma(u, v2, c12);
            u = Vector256.Load(a2 + p);
            c20 = Fma(u, v0, c20); c21 = Fma(u, v1, c21); c22 = Fma(u, v2, c22);
            u = Vector256.Load(a3 + p);
            c30 = Fma(u, v0, c30); c31 = Fma(u, v1, c31); c32 = Fma(u, v2, c32);
        }
        Span<T> sums = stackalloc T[RowsA * RowsB];
        sums[0] = Vector256.Sum(c00); sums[1] = Vector256.Sum(c01); sums[2] = Vector256.Sum(c02);
        sums[3] = Vector256.Sum(c10); sums[4] = Vector256.Sum(c11); sums[5] = Vector256.Sum(c12);
        sums[6] = Vector256.Sum(c20); sums[7] = Vector256.Sum(c21); sums[8] = Vector256.Sum(c22);
        sums[9] = Vector256.Sum(c30); sums[10] = Vector256.Sum(c31); sums[11] = Vector256.Sum(c32);
        for (int i = 0; i < rows; i++)
        {
            T* ai = i == 0 ? a0 : i == 1 ? a1 : i == 2 ? a2 : a3;
            for (int j = 0; j < cols; j++)
            {
                T* bj = j == 0 ? b0 : j == 1 ? b1 : b2;
                T s = sums[i * RowsB + j];
                // The k % w tail, element by element.
                for (int q = p; q < k; q++) s = Add(s, Mul(ai[q], bj[q]));
                ref T target = ref c[(nint)i * ldc + j];
                target = accumulate ? Add(target, s) : s;
            }
        }
    }

    private static T Add<T>(T x, T y) where T : unmanaged =>
        typeof(T) == typeof(float) ? (T)(object)((float)(object)x + (float)(object)y) : (T)(object)((double)(object)x + (double)(object)y);

    private static T Mul<T>(T x, T y) where T : unmanaged =>
        typeof(T) == typeof(float) ? (T)(object)((float)(object)x * (float)(object)y) : (T)(object)((double)(object)x * (double)(object)y);
}
