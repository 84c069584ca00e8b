namespace NNTools;

/// <summary>
/// A pseudo-random generator with PyTorch's CPU generator algorithm: a 32-bit Mersenne Twister
/// (mt19937) seeded from the low 32 bits of the seed, with PyTorch's transformations on top, so
/// that one seed gives the same numbers here as torch.manual_seed gives there.
/// </summary>
public sealed class Generator
{
    /// <summary>PyTorch's default seed for a fresh generator (67280421310721).</summary>
    public const long DefaultSeed = 67280421310721;

    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;
    private double? _nextDoubleNormal;

    public Generator(long seed = DefaultSeed)
    {
        ManualSeed(seed);
    }

    /// <summary>The process-wide generator used when no explicit generator is passed.</summary>
    public static Generator Default { get; } = new();

    /// <summary>The seed this generator was last seeded with.</summary>
    public long InitialSeed { get; private set; }

    /// <summary>Re-seeds the generator, as torch.manual_seed / Generator.manual_seed.</summary>
    public Generator ManualSeed(long seed)
    {
        InitialSeed = seed;
        _state[0] = (uint)(ulong)seed;
        for (int j = 1; j < N; j++)
        {
            _state[j] = 1812433253u * (_state[j - 1] ^ (_state[j - 1] >> 30)) + (uint)j;
        }
        _index = N;
        _nextDoubleNormal = null;
        return this;
    }

    /// <summary>A snapshot of the whole state, to restore with <see cref="SetState"/>.</summary>
    public byte[] GetState()
    {
        var bytes = new byte[N * 4 + 4 + 8 + 1 + 8];
        System.Buffer.BlockCopy(_state, 0, bytes, 0, N * 4);
        BitConverter.TryWriteBytes(bytes.AsSpan(N * 4), _index);
        BitConverter.TryWriteBytes(bytes.AsSpan(N * 4 + 4), InitialSeed);
        bytes[N * 4 + 12] = _nextDoubleNormal.HasValue ? (byte)1 : (byte)0;
        BitConverter.TryWriteBytes(bytes.AsSpan(N * 4 + 13), _nextDoubleNormal ?? 0);
        return bytes;
    }

    public void SetState(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != N * 4 + 21)
        {
            throw new TensorArgumentException("InvalidGeneratorState", $"a generator state is {N * 4 + 21} bytes, got {state.Length}");
        }
        int index = BitConverter.ToInt32(state, N * 4);
        if (index < 0 || index > N)
        {
            throw new TensorArgumentException("InvalidGeneratorState", $"generator state has position {index}, outside [0, {N}]");
        }
        System.Buffer.BlockCopy(state, 0, _state, 0, N * 4);
        _index = index;
        InitialSeed = BitConverter.ToInt64(state, N * 4 + 4);
        _nextDoubleNormal = state[N * 4 + 12] != 0 ? BitConverter.ToDouble(state, N * 4 + 13) : null;
    }

    /// <summary>The next 32 random bits (mt19937's output).</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>64 random bits from two draws, the first as the high half (PyTorch's random64).</summary>
    public ulong NextUInt64()
    {
        ulong hi = NextUInt32();
        ulong lo = NextUInt32();
        return (hi << 32) | lo;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_state[i] & 0x80000000u) | (_state[(i + 1) % N] & 0x7fffffffu);
            uint v = _state[(i + M) % N] ^ (y >> 1);
            if ((y & 1) != 0) v ^= 0x9908b0dfu;
            _state[i] = v;
        }
        _index = 0;
    }

    /// <summary>A float in [0, 1) from 24 random bits, as PyTorch's uniform_real_distribution&lt;float&gt;.</summary>
    internal float NextFloat() => (NextUInt32() & ((1u << 24) - 1)) * (1.0f / (1 << 24));

    /// <summary>A double in [0, 1) from 53 random bits, as PyTorch's uniform_real_distribution&lt;double&gt;.</summary>
    internal double NextDouble() => (NextUInt64() & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));

    /// <summary>Fills with U[from, to), PyTorch's uniform_ order and arithmetic.</summary>
    public void FillUniform(Span<float> dst, float from, float to)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = MathF.FusedMultiplyAdd(NextFloat(), to - from, from);
    }

    public void FillUniform(Span<double> dst, double from, double to)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = Math.FusedMultiplyAdd(NextDouble(), to - from, from);
    }

    /// <summary>
    /// Fills with N(mean, std²). Like PyTorch's CPU normal_: 16 or more elements take the batched
    /// Box-Muller path (uniforms first, then pairs i, i+8 within blocks of 16); fewer take the
    /// scalar path, which caches the second value of each Box-Muller pair.
    /// </summary>
    public void FillNormal(Span<float> dst, float mean, float std)
    {
        if (dst.Length >= 16)
        {
            FillUniform(dst, 0f, 1f);
            for (int i = 0; i + 16 <= dst.Length; i += 16) NormalFill16(dst.Slice(i, 16), mean, std);
            if (dst.Length % 16 != 0)
            {
                var tail = dst[^16..];
                FillUniform(tail, 0f, 1f);
                NormalFill16(tail, mean, std);
            }
            return;
        }
        for (int i = 0; i < dst.Length; i++) dst[i] = (float)NextNormal(mean, std);
    }

    public void FillNormal(Span<double> dst, double mean, double std)
    {
        if (dst.Length >= 16)
        {
            FillUniform(dst, 0d, 1d);
            for (int i = 0; i + 16 <= dst.Length; i += 16) NormalFill16(dst.Slice(i, 16), mean, std);
            if (dst.Length % 16 != 0)
            {
                var tail = dst[^16..];
                FillUniform(tail, 0d, 1d);
                NormalFill16(tail, mean, std);
            }
            return;
        }
        for (int i = 0; i < dst.Length; i++) dst[i] = NextNormal(mean, std);
    }

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

    /// <summary>One N(mean, std²) sample by PyTorch's scalar normal_distribution&lt;double&gt;.</summary>
    internal double NextNormal(double mean, double std)
    {
        if (_nextDoubleNormal is double cached)
        {
            _nextDoubleNormal = null;
            return cached * std + mean;
        }
        double u1 = NextDouble();
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        _nextDoubleNormal = r * Math.Sin(theta);
        return r * Math.Cos(theta) * std + mean;
    }

    /// <summary>An integer in [low, high), as PyTorch's random_from_to.</summary>
    internal long NextInt64(long low, long high)
    {
        ulong range = (ulong)(high - low);
        if (range >= 1UL << 32) return (long)(NextUInt64() % range) + low;
        return (long)(NextUInt32() % (uint)range) + low;
    }

    /// <summary>Fills with integers in [low, high).</summary>
    public void FillRandint(Span<long> dst, long low, long high)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = NextInt64(low, high);
    }

    /// <summary>A random permutation of 0..n-1, as torch.randperm on the CPU.</summary>
    public long[] Randperm(int n)
    {
        var r = new long[n];
        for (int i = 0; i < n; i++) r[i] = i;
        for (int i = 0; i < n - 1; i++)
        {
            int z = (int)(NextUInt32() % (uint)(n - i));
            (r[i], r[z + i]) = (r[z + i], r[i]);
        }
        return r;
    }

    /// <summary>Fills with 1 where a uniform double draw is below <paramref name="p"/>, else 0 (bernoulli_(p)).</summary>
    public void FillBernoulli(Span<float> dst, double p)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = NextDouble() < p ? 1f : 0f;
    }

    public void FillBernoulli(Span<double> dst, double p)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = NextDouble() < p ? 1d : 0d;
    }
}
