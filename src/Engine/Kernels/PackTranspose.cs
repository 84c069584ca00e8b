using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NNTools.Kernels;

/// <summary>
/// The transposing copy the GEMM's packing needs when an operand's packed order runs across its
/// storage rows (A row-major into MR-row panels, B transposed into NR-column panels):
/// dst[c * ldd + r] = src[r * lds + c]. A scalar copy reads along one row and writes every ldd-th
/// slot, one element per step; here float blocks of 4 x 4 are loaded as four vectors, transposed in
/// registers and stored as four vectors. Other types and the ragged edges take the scalar copy.
/// </summary>
internal static unsafe class PackTranspose
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy<T>(T* src, int lds, T* dst, int ldd, int rows, int cols) where T : unmanaged
    {
        int r = 0;
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            for (; r + 4 <= rows; r += 4)
            {
                float* s = (float*)src + (nint)r * lds;
                float* d = (float*)dst + r;
                int c = 0;
                for (; c + 4 <= cols; c += 4) Transpose4x4(s + c, lds, d + (nint)c * ldd, ldd);
                for (; c < cols; c++)
                {
                    for (int q = 0; q < 4; q++) d[(nint)c * ldd + q] = s[(nint)q * lds + c];
                }
            }
        }
        for (; r < rows; r++)
        {
            T* s = src + (nint)r * lds;
            for (int c = 0; c < cols; c++) dst[(nint)c * ldd + r] = s[c];
        }
    }

    /// <summary>d[c * ldd + r] = s[r * lds + c] for r, c in 0..3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* s, int lds, float* d, int ldd)
    {
        var r0 = Sse.LoadVector128(s);
        var r1 = Sse.LoadVector128(s + lds);
        var r2 = Sse.LoadVector128(s + 2 * (nint)lds);
        var r3 = Sse.LoadVector128(s + 3 * (nint)lds);
        var t0 = Sse.UnpackLow(r0, r1);   // r0[0] r1[0] r0[1] r1[1]
        var t1 = Sse.UnpackHigh(r0, r1);  // r0[2] r1[2] r0[3] r1[3]
        var t2 = Sse.UnpackLow(r2, r3);
        var t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(d, Sse.MoveLowToHigh(t0, t2));
        Sse.Store(d + ldd, Sse.MoveHighToLow(t2, t0));
        Sse.Store(d + 2 * (nint)ldd, Sse.MoveLowToHigh(t1, t3));
        Sse.Store(d + 3 * (nint)ldd, Sse.MoveHighToLow(t3, t1));
    }
}
