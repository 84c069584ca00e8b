namespace NNTools;

/// <summary>The distributions drawn from the generator: uniform, normal, integers, permutations and Bernoulli fills, each as PyTorch 1.13 transforms its draws.</summary>
public sealed partial class Generator
{
    /// <summary>
    /// Fills with U[from, to), as uniform_kernel: x·(to − from) + from per element, in float for float
    /// tensors. PyTorch's build fuses that multiply-add, so it is one FMA here too.
    /// </summary>
    public void FillUniform(Span<float> dst, float from, float to)
    {
        lock (_gate)
        {
            for (int i = 0; i < dst.Length; i++) dst[i] = MathF.FusedMultiplyAdd(NextFloat(), to - from, from);
        }
    }

    /// <inheritdoc cref="FillUniform(Span{float}, float, float)"/>
    public void FillUniform(Span<double> dst, double from, double to)
    {
        lock (_gate)
        {
            for (int i = 0; i < dst.Length; i++) dst[i] = Math.FusedMultiplyAdd(NextDouble(), to - from, from);
        }
    }

    /// <summary>
    /// Fills a contiguous block with N(mean, std²), as normal_kernel: 16 or more elements take
    /// normal_fill_AVX2 (float uniforms for the whole block first, Box-Muller on pairs i, i+8 of each
    /// block of 16 with avx_mathfun's log and sincos, and the last 16 redrawn and recomputed when the
    /// length is not a multiple of 16); fewer take the scalar path of <see cref="NextNormal"/>.
    /// </summary>
    /// <remarks>Mean and std stay double for the scalar path, as in PyTorch; the batched path rounds them to float.</remarks>
    public void FillNormal(Span<float> dst, double mean, double std)
    {
        lock (_gate)
        {
            if (dst.Length < 16)
            {
                FillNormalSerial(dst, mean, std);
                return;
            }
            FillUniform(dst, 0f, 1f);
            for (int i = 0; i + 16 <= dst.Length; i += 16) NormalFill16(dst.Slice(i, 16), (float)mean, (float)std);
            if (dst.Length % 16 != 0)
            {
                var tail = dst[^16..];
                FillUniform(tail, 0f, 1f);
                NormalFill16(tail, (float)mean, (float)std);
            }
        }
    }

    /// <summary>
    /// Fills a contiguous block with N(mean, std²), as normal_kernel for doubles: 16 or more elements
    /// take normal_fill (the same blocks of 16 as the float path, with libm's log, cos and sin);
    /// fewer take the scalar path of <see cref="NextNormal"/>.
    /// </summary>
    public void FillNormal(Span<double> dst, double mean, double std)
    {
        lock (_gate)
        {
            if (dst.Length < 16)
            {
                FillNormalSerial(dst, mean, std);
                return;
            }
            FillUniform(dst, 0d, 1d);
            for (int i = 0; i + 16 <= dst.Length; i += 16) NormalFill16(dst.Slice(i, 16), mean, std);
            if (dst.Length % 16 != 0)
            {
                var tail = dst[^16..];
                FillUniform(tail, 0d, 1d);
                NormalFill16(tail, mean, std);
            }
        }
    }

    /// <summary>
    /// Fills element by element with <see cref="NextNormal"/>, as normal_kernel does for fewer than 16
    /// elements or a non-contiguous tensor (values go to elements in memory order).
    /// </summary>
    public void FillNormalSerial(Span<float> dst, double mean, double std)
    {
        lock (_gate)
        {
            for (int i = 0; i < dst.Length; i++) dst[i] = (float)NextNormal(mean, std);
        }
    }

    /// <inheritdoc cref="FillNormalSerial(Span{float}, double, double)"/>
    public void FillNormalSerial(Span<double> dst, double mean, double std)
    {
        lock (_gate)
        {
            for (int i = 0; i < dst.Length; i++) dst[i] = NextNormal(mean, std);
        }
    }

    /// <summary>normal_fill_16_AVX2, lane by lane; the final n·std + mean is an explicit FMA there.</summary>
    private static void NormalFill16(Span<float> data, float mean, float std)
    {
        const float twoPi = (float)(2 * Math.PI);
        for (int j = 0; j < 8; j++)
        {
            float u1 = 1 - data[j];
            float u2 = data[j + 8];
            float radius = MathF.Sqrt(-2f * AvxMathFun.Log(u1));
            AvxMathFun.SinCos(twoPi * u2, out float sin, out float cos);
            data[j] = MathF.FusedMultiplyAdd(radius * cos, std, mean);
            data[j + 8] = MathF.FusedMultiplyAdd(radius * sin, std, mean);
        }
    }

    /// <summary>normal_fill_16&lt;double&gt;; u1 = 1 − u keeps log's argument in (0, 1].</summary>
    private static void NormalFill16(Span<double> data, double mean, double std)
    {
        for (int j = 0; j < 8; j++)
        {
            double u1 = 1 - data[j];
            double u2 = data[j + 8];
            double radius = Math.Sqrt(-2 * Math.Log(u1));
            double theta = 2.0 * Math.PI * u2;
            data[j] = Math.FusedMultiplyAdd(radius * Math.Cos(theta), std, mean);
            data[j + 8] = Math.FusedMultiplyAdd(radius * Math.Sin(theta), std, mean);
        }
    }

    /// <summary>
    /// One N(mean, std²) sample by normal_distribution&lt;double&gt;: Box-Muller on two uniform doubles
    /// with r = √(−2·log(1 − u2)) (PyTorch 1.13 uses log, not log1p), returning r·cos θ and caching
    /// the unscaled r·sin θ for the next call on this generator, whatever its mean and std.
    /// </summary>
    private double NextNormal(double mean, double std)
    {
        if (_nextDoubleNormal is double cached)
        {
            _nextDoubleNormal = null;
            return Math.FusedMultiplyAdd(cached, std, mean);
        }
        double u1 = NextDouble();
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        _nextDoubleNormal = r * Math.Sin(theta);
        return Math.FusedMultiplyAdd(r * Math.Cos(theta), std, mean);
    }

    /// <summary>
    /// An integer in [low, high), as uniform_int_from_to_distribution for int64 and floating dtypes:
    /// one 32-bit draw modulo the range below 2³², a 64-bit draw from 2³² on.
    /// </summary>
    private long NextInt64(long low, long high)
    {
        ulong range = (ulong)(high - low);
        if (range >= 1UL << 32) return (long)(Draw64() % range) + low;
        return (long)(Draw32() % (uint)range) + low;
    }

    /// <summary>Fills with integers in [low, high), as random_from_to_kernel (torch.randint).</summary>
    public void FillRandint(Span<long> dst, long low, long high)
    {
        lock (_gate)
        {
            for (int i = 0; i < dst.Length; i++) dst[i] = NextInt64(low, high);
        }
    }

    /// <summary>
    /// A random permutation of 0..n-1, as randperm_cpu in PyTorch 1.13: start from the identity and
    /// swap element i with element i + (32-bit draw mod (n − i)) for i = 0..n-2. 1.13 uses this
    /// algorithm for every n (checked against torch up to n = 214748364).
    /// </summary>
    public long[] Randperm(int n)
    {
        lock (_gate)
        {
            var r = new long[n];
            for (int i = 0; i < n; i++) r[i] = i;
            for (int i = 0; i < n - 1; i++)
            {
                int z = (int)(Draw32() % (uint)(n - i));
                (r[i], r[z + i]) = (r[z + i], r[i]);
            }
            return r;
        }
    }

    /// <summary>
    /// Fills with 1 where a uniform double (a 64-bit draw) is below <paramref name="p"/>, else 0, as
    /// bernoulli_(p) without MKL (bernoulli_distribution&lt;double&gt;). Dropout's mask is bernoulli_(1 − p).
    /// </summary>
    public void FillBernoulli(Span<float> dst, double p)
    {
        lock (_gate)
        {
            for (int i = 0; i < dst.Length; i++) dst[i] = NextDouble() < p ? 1f : 0f;
        }
    }

    /// <inheritdoc cref="FillBernoulli(Span{float}, double)"/>
    public void FillBernoulli(Span<double> dst, double p)
    {
        lock (_gate)
        {
            for (int i = 0; i < dst.Length; i++) dst[i] = NextDouble() < p ? 1d : 0d;
        }
    }
}
