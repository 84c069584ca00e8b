using System.Runtime.Intrinsics;

namespace NNTools.Kernels;

/// <summary>
/// The vector width the GEMM and the vector math use: the widest this CPU accelerates (512 bits with
/// AVX-512, 256 with AVX2, 128 with ARM64's AdvSimd or SSE), or 0 for none (scalar loops). Tests
/// narrow it on their own thread to run, on an x64 machine, the paths an ARM64 machine takes.
/// </summary>
internal static class SimdWidth
{
    public static readonly int Native =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    [ThreadStatic] private static int t_narrowed;

    /// <summary>The width for work started on this thread.</summary>
    public static int Bits => t_narrowed != 0 ? t_narrowed : Native;

    /// <summary>Uses at most <paramref name="bits"/> on this thread until the scope is disposed (tests).</summary>
    public static IDisposable Narrow(int bits)
    {
        if (bits > Native) throw new ArgumentOutOfRangeException(nameof(bits), $"this CPU accelerates at most {Native}-bit vectors");
        int previous = t_narrowed;
        t_narrowed = bits;
        return new Scope(previous);
    }

    private sealed class Scope(int previous) : IDisposable
    {
        public void Dispose() => t_narrowed = previous;
    }
}
