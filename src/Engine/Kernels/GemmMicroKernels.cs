using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NNTools.Kernels;

/// <summary>
/// The register-blocked inner kernels of <see cref="PackedGemm"/>: C[MR x NR] (+)= Ã[MR x kc] B̃[kc x NR]
/// over packed panels, NR = two vectors. Ã holds MR values per k step (one per row), B̃ NR values
/// per k step (contiguous, bStep apart: NR in a packed panel, B's row stride when B is read in place),
/// so the loop is one broadcast and two fused multiply-adds per row and
/// step, with every accumulator kept in a register. Written out row by row so the JIT keeps the
/// accumulators in registers (an array of vectors would live in memory). float and double share the
/// code: the vector width follows T.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    /// <summary>Rows per tile with 512-bit vectors.</summary>
    public const int MR512 = 12;

    /// <summary>Rows per tile with 256-bit vectors.</summary>
    public const int MR256 = 6;

    /// <summary>Rows per tile with 128-bit vectors.</summary>
    public const int MR128 = 8;

    /// <summary>An MR512 x 2 Vector512 tile of C (MR512 = 12 rows: 24 accumulators of the 32 zmm registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512<T>(int kc, T* a, T* b, int bStep, T* c, int ldc, bool add) where T : unmanaged
    {
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default;
        Vector512<T> c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default;
        Vector512<T> c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default;
        Vector512<T> c70 = default, c71 = default;
        Vector512<T> c80 = default, c81 = default;
        Vector512<T> c90 = default, c91 = default;
        Vector512<T> c100 = default, c101 = default;
        Vector512<T> c110 = default, c111 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            var a0 = Vector512.Create(a[0]);
            c00 = Fma(a0, b0, c00);
            c01 = Fma(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Fma(a1, b0, c10);
            c11 = Fma(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Fma(a2, b0, c20);
            c21 = Fma(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Fma(a3, b0, c30);
            c31 = Fma(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Fma(a4, b0, c40);
            c41 = Fma(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Fma(a5, b0, c50);
            c51 = Fma(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Fma(a6, b0, c60);
            c61 = Fma(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Fma(a7, b0, c70);
            c71 = Fma(a7, b1, c71);
            var a8 = Vector512.Create(a[8]);
            c80 = Fma(a8, b0, c80);
            c81 = Fma(a8, b1, c81);
            var a9 = Vector512.Create(a[9]);
            c90 = Fma(a9, b0, c90);
            c91 = Fma(a9, b1, c91);
            var a10 = Vector512.Create(a[10]);
            c100 = Fma(a10, b0, c100);
            c101 = Fma(a10, b1, c101);
            var a11 = Vector512.Create(a[11]);
            c110 = Fma(a11, b0, c110);
            c111 = Fma(a11, b1, c111);
            a += 12;
            b += bStep;
        }
        Store(c00, c01, c + 0 * ldc, w, add);
        Store(c10, c11, c + 1 * ldc, w, add);
        Store(c20, c21, c + 2 * ldc, w, add);
        Store(c30, c31, c + 3 * ldc, w, add);
        Store(c40, c41, c + 4 * ldc, w, add);
        Store(c50, c51, c + 5 * ldc, w, add);
        Store(c60, c61, c + 6 * ldc, w, add);
        Store(c70, c71, c + 7 * ldc, w, add);
        Store(c80, c81, c + 8 * ldc, w, add);
        Store(c90, c91, c + 9 * ldc, w, add);
        Store(c100, c101, c + 10 * ldc, w, add);
        Store(c110, c111, c + 11 * ldc, w, add);
    }

    /// <summary>An MR256 x 2 Vector256 tile of C (MR256 = 6 rows: 12 accumulators of the 16 ymm registers AVX2 has).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel256<T>(int kc, T* a, T* b, int bStep, T* c, int ldc, bool add) where T : unmanaged
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default;
        Vector256<T> c10 = default, c11 = default;
        Vector256<T> c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default;
        Vector256<T> c40 = default, c41 = default;
        Vector256<T> c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + w);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma(a0, b0, c00);
            c01 = Fma(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma(a1, b0, c10);
            c11 = Fma(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma(a2, b0, c20);
            c21 = Fma(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma(a3, b0, c30);
            c31 = Fma(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma(a4, b0, c40);
            c41 = Fma(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma(a5, b0, c50);
            c51 = Fma(a5, b1, c51);
            a += 6;
            b += bStep;
        }
        Store(c00, c01, c + 0 * ldc, w, add);
        Store(c10, c11, c + 1 * ldc, w, add);
        Store(c20, c21, c + 2 * ldc, w, add);
        Store(c30, c31, c + 3 * ldc, w, add);
        Store(c40, c41, c + 4 * ldc, w, add);
        Store(c50, c51, c + 5 * ldc, w, add);
    }

    /// <summary>An MR128 x 2 Vector128 tile of C (MR128 = 8 rows: 16 accumulators of the 32 registers ARM64's AdvSimd has).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel128<T>(int kc, T* a, T* b, int bStep, T* c, int ldc, bool add) where T : unmanaged
    {
        int w = Vector128<T>.Count;
        Vector128<T> c00 = default, c01 = default;
        Vector128<T> c10 = default, c11 = default;
        Vector128<T> c20 = default, c21 = default;
        Vector128<T> c30 = default, c31 = default;
        Vector128<T> c40 = default, c41 = default;
        Vector128<T> c50 = default, c51 = default;
        Vector128<T> c60 = default, c61 = default;
        Vector128<T> c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b);
            var b1 = Vector128.Load(b + w);
            var a0 = Vector128.Create(a[0]);
            c00 = Fma(a0, b0, c00);
            c01 = Fma(a0, b1, c01);
            var a1 = Vector128.Create(a[1]);
            c10 = Fma(a1, b0, c10);
            c11 = Fma(a1, b1, c11);
            var a2 = Vector128.Create(a[2]);
            c20 = Fma(a2, b0, c20);
            c21 = Fma(a2, b1, c21);
            var a3 = Vector128.Create(a[3]);
            c30 = Fma(a3, b0, c30);
            c31 = Fma(a3, b1, c31);
            var a4 = Vector128.Create(a[4]);
            c40 = Fma(a4, b0, c40);
            c41 = Fma(a4, b1, c41);
            var a5 = Vector128.Create(a[5]);
            c50 = Fma(a5, b0, c50);
            c51 = Fma(a5, b1, c51);
            var a6 = Vector128.Create(a[6]);
            c60 = Fma(a6, b0, c60);
            c61 = Fma(a6, b1, c61);
            var a7 = Vector128.Create(a[7]);
            c70 = Fma(a7, b0, c70);
            c71 = Fma(a7, b1, c71);
            a += 8;
            b += bStep;
        }
        Store(c00, c01, c + 0 * ldc, w, add);
        Store(c10, c11, c + 1 * ldc, w, add);
        Store(c20, c21, c + 2 * ldc, w, add);
        Store(c30, c31, c + 3 * ldc, w, add);
        Store(c40, c41, c + 4 * ldc, w, add);
        Store(c50, c51, c + 5 * ldc, w, add);
        Store(c60, c61, c + 6 * ldc, w, add);
        Store(c70, c71, c + 7 * ldc, w, add);
    }

    /// <summary>Writes (or adds) one tile row of two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector512<T> v0, Vector512<T> v1, T* c, int w, bool add) where T : unmanaged
    {
        if (add)
        {
            v0 += Vector512.Load(c);
            v1 += Vector512.Load(c + w);
        }
        v0.Store(c);
        v1.Store(c + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector256<T> v0, Vector256<T> v1, T* c, int w, bool add) where T : unmanaged
    {
        if (add)
        {
            v0 += Vector256.Load(c);
            v1 += Vector256.Load(c + w);
        }
        v0.Store(c);
        v1.Store(c + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector128<T> v0, Vector128<T> v1, T* c, int w, bool add) where T : unmanaged
    {
        if (add)
        {
            v0 += Vector128.Load(c);
            v1 += Vector128.Load(c + w);
        }
        v0.Store(c);
        v1.Store(c + w);
    }

    /// <summary>a b + c rounded once; T is float or double (the JIT drops the other branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<T> Fma<T>(Vector128<T> a, Vector128<T> b, Vector128<T> c) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
}
