using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NNTools.Bench;

/// <summary>
/// This machine's float32 FMA peak, measured rather than assumed: every core runs a loop of
/// independent fused multiply-adds on the widest vectors it has (AVX-512, else AVX2+FMA, else
/// 128-bit), enough accumulators to hide the FMA latency. W6's GEMM is reported as a share of it,
/// so the goal means the same on an AVX2 laptop and an AVX-512 server.
/// </summary>
internal static class FmaPeak
{
    public static string Isa => Avx512F.IsSupported ? "AVX-512" : Fma.IsSupported ? "AVX2+FMA" : "128-bit";

    /// <summary>GFLOP/s of all cores together: the best of three 0.2 s samples.</summary>
    public static double Measure()
    {
        double best = 0;
        for (int sample = 0; sample < 3; sample++)
        {
            int threads = Environment.ProcessorCount;
            var flops = new double[threads];
            var clock = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => flops[t] = Spin(TimeSpan.FromSeconds(0.2)));
            best = Math.Max(best, flops.Sum() / clock.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    /// <summary>FLOPs done in about <paramref name="time"/> on this thread.</summary>
    private static double Spin(TimeSpan time)
    {
        const int Inner = 1 << 16;
        long rounds = 0;
        float sink = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < time)
        {
            sink += Avx512F.IsSupported ? Loop512(Inner) : Fma.IsSupported ? Loop256(Inner) : Loop128(Inner);
            rounds++;
        }
        // Twelve accumulators of `lanes` floats, two FLOPs per lane per FMA.
        int lanes = Avx512F.IsSupported ? 16 : Fma.IsSupported ? 8 : 4;
        GC.KeepAlive(sink);
        return rounds * (double)Inner * 12 * lanes * 2;
    }

    private static float Loop512(int n)
    {
        var m = Vector512.Create(0.999999f);
        var c = Vector512.Create(1e-7f);
        Vector512<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (int i = 0; i < n; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, c); a1 = Avx512F.FusedMultiplyAdd(a1, m, c);
            a2 = Avx512F.FusedMultiplyAdd(a2, m, c); a3 = Avx512F.FusedMultiplyAdd(a3, m, c);
            a4 = Avx512F.FusedMultiplyAdd(a4, m, c); a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, c); a7 = Avx512F.FusedMultiplyAdd(a7, m, c);
            a8 = Avx512F.FusedMultiplyAdd(a8, m, c); a9 = Avx512F.FusedMultiplyAdd(a9, m, c);
            a10 = Avx512F.FusedMultiplyAdd(a10, m, c); a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
    }

    private static float Loop256(int n)
    {
        var m = Vector256.Create(0.999999f);
        var c = Vector256.Create(1e-7f);
        Vector256<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (int i = 0; i < n; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, c); a1 = Fma.MultiplyAdd(a1, m, c); a2 = Fma.MultiplyAdd(a2, m, c);
            a3 = Fma.MultiplyAdd(a3, m, c); a4 = Fma.MultiplyAdd(a4, m, c); a5 = Fma.MultiplyAdd(a5, m, c);
            a6 = Fma.MultiplyAdd(a6, m, c); a7 = Fma.MultiplyAdd(a7, m, c); a8 = Fma.MultiplyAdd(a8, m, c);
            a9 = Fma.MultiplyAdd(a9, m, c); a10 = Fma.MultiplyAdd(a10, m, c); a11 = Fma.MultiplyAdd(a11, m, c);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
    }

    // Not fused where the CPU has no FMA: a multiply and an add, counted as the two FLOPs they are.
    private static float Loop128(int n)
    {
        var m = Vector128.Create(0.999999f);
        var c = Vector128.Create(1e-7f);
        Vector128<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (int i = 0; i < n; i++)
        {
            a0 = a0 * m + c; a1 = a1 * m + c; a2 = a2 * m + c; a3 = a3 * m + c; a4 = a4 * m + c; a5 = a5 * m + c;
            a6 = a6 * m + c; a7 = a7 * m + c; a8 = a8 * m + c; a9 = a9 * m + c; a10 = a10 * m + c; a11 = a11 * m + c;
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
    }
}
