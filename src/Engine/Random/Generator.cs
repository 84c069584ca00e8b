using System.Buffers.Binary;

namespace NNTools;

/// <summary>
/// A pseudo-random generator that reproduces PyTorch's CPU generator (CPUGeneratorImpl, PyTorch 1.13)
/// bit for bit: the same 32-bit Mersenne Twister (at::mt19937) seeded from the seed's low 32 bits,
/// the same transformations to floats, normals and integers, and the same state bytes as
/// torch.get_rng_state(), so one seed gives the same numbers here as torch.manual_seed gives there.
/// </summary>
/// <remarks>
/// A generator is not thread-safe; PyTorch locks its generator per call, callers here share one
/// generator between threads at their own risk.
/// </remarks>
public sealed class Generator
{
    /// <summary>PyTorch's seed for a generator nobody seeded (default_rng_seed_val, 67280421310721).</summary>
    public const long DefaultSeed = 67280421310721;

    /// <summary>Size of torch.get_rng_state(): CPUGeneratorImplState, the legacy block plus the float normal cache.</summary>
    public const int StateSize = 5056;

    /// <summary>Size of the older THGeneratorState layout that torch.set_rng_state still accepts.</summary>
    public const int LegacyStateSize = 5048;

    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _left;
    private int _next;
    private double? _nextDoubleNormal;
    private float? _nextFloatNormal;

    public Generator(long seed = DefaultSeed)
    {
        ManualSeed(seed);
    }

    private static readonly Generator s_processDefault = new();

    /// <summary>
    /// The generator used when no explicit generator is passed (torch's default CPU generator): the
    /// process's own, unless the host scopes defaults (<see cref="HostIntegration.DefaultGenerator"/>).
    /// PowerShell gives each runspace its own, so seeded runs in parallel runspaces repeat.
    /// </summary>
    public static Generator Default => HostIntegration.DefaultGenerator?.Invoke() ?? s_processDefault;

    /// <summary>
    /// Held by every draw and fill, as PyTorch's generators hold their mutex: a generator may be shared
    /// by several threads (the process default by every thread outside a host's scope), and mt19937's
    /// state must not be advanced by two at once (that corrupted it). Fills take it once for the whole span.
    /// </summary>
    private readonly object _gate = new();

    /// <summary>The seed this generator was last seeded with (torch's initial_seed(), read as a signed 64-bit value).</summary>
    public long InitialSeed { get; private set; }

    /// <summary>
    /// Re-seeds the generator, as torch.manual_seed / Generator.manual_seed: mt19937's init_genrand
    /// with the low 32 bits of the seed, and both cached normal samples dropped.
    /// </summary>
    public Generator ManualSeed(long seed)
    {
        lock (_gate)
        {
            InitialSeed = seed;
            _state[0] = (uint)seed;
            for (int j = 1; j < N; j++)
            {
                _state[j] = 1812433253u * (_state[j - 1] ^ (_state[j - 1] >> 30)) + (uint)j;
            }
            _left = 1;
            _next = 0;
            _nextDoubleNormal = null;
            _nextFloatNormal = null;
            return this;
        }
    }

    /// <summary>
    /// The whole state in torch.get_rng_state()'s byte layout (<see cref="StateSize"/> bytes, little-endian):
    /// seed, left, seeded, next, the 624 state words widened to 64 bits, the cached double normal in
    /// normal_y with its flag, then the cached float normal with its flag. Bytes from PyTorch load here
    /// with <see cref="SetState"/> and the other way round.
    /// </summary>
    public byte[] GetState()
    {
        lock (_gate)
        {
            var bytes = new byte[StateSize];
            var s = bytes.AsSpan();
            BinaryPrimitives.WriteInt64LittleEndian(s, InitialSeed);
            BinaryPrimitives.WriteInt32LittleEndian(s[8..], _left);
            BinaryPrimitives.WriteInt32LittleEndian(s[12..], 1);
            BinaryPrimitives.WriteUInt64LittleEndian(s[16..], (ulong)_next);
            for (int i = 0; i < N; i++) BinaryPrimitives.WriteUInt64LittleEndian(s[(24 + 8 * i)..], _state[i]);
            if (_nextDoubleNormal is double d)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(s[5024..], d);
                BinaryPrimitives.WriteInt32LittleEndian(s[5040..], 1);
            }
            if (_nextFloatNormal is float f)
            {
                BinaryPrimitives.WriteSingleLittleEndian(s[5048..], f);
                bytes[5052] = 1;
            }
            return bytes;
        }
    }

    /// <summary>
    /// Restores a state from <see cref="GetState"/> or torch.get_rng_state() (<see cref="StateSize"/> bytes),
    /// or from the legacy <see cref="LegacyStateSize"/>-byte layout, whose cached normal is rebuilt from
    /// normal_rho·sin(2π·normal_x) as CPUGeneratorImpl::set_state does.
    /// </summary>
    public void SetState(byte[] state)
    {
        lock (_gate)
        {
            ThrowIfNull(state);
            if (state.Length != StateSize && state.Length != LegacyStateSize)
            {
                throw Raise(new TensorArgumentException("InvalidGeneratorState",
                    $"Expected either a legacy generator state of size {LegacyStateSize} or a generator state of size {StateSize} but found the input RNG state size to be {state.Length}"));
            }
            var s = state.AsSpan();
            int left = BinaryPrimitives.ReadInt32LittleEndian(s[8..]);
            int seeded = BinaryPrimitives.ReadInt32LittleEndian(s[12..]);
            uint next = (uint)BinaryPrimitives.ReadUInt64LittleEndian(s[16..]);
            if (seeded != 1 || left <= 0 || left > N || next > N)
            {
                throw Raise(new TensorArgumentException("InvalidGeneratorState",
                    $"Invalid mt19937 state: seeded={seeded}, left={left}, next={next}; expected seeded=1, left in [1, {N}], next in [0, {N}]"));
            }
            InitialSeed = BinaryPrimitives.ReadInt64LittleEndian(s);
            _left = left;
            _next = (int)next;
            for (int i = 0; i < N; i++) _state[i] = (uint)BinaryPrimitives.ReadUInt64LittleEndian(s[(24 + 8 * i)..]);
            bool normalValid = BinaryPrimitives.ReadInt32LittleEndian(s[5040..]) != 0;
            if (state.Length == StateSize)
            {
                _nextDoubleNormal = normalValid ? BinaryPrimitives.ReadDoubleLittleEndian(s[5024..]) : null;
                _nextFloatNormal = state[5052] != 0 ? BinaryPrimitives.ReadSingleLittleEndian(s[5048..]) : null;
            }
            else
            {
                double rho = BinaryPrimitives.ReadDoubleLittleEndian(s[5032..]);
                double x = BinaryPrimitives.ReadDoubleLittleEndian(s[5016..]);
                _nextDoubleNormal = normalValid ? rho * Math.Sin(2 * Math.PI * x) : null;
                _nextFloatNormal = null;
            }
        }
    }

    /// <summary>The next 32 random bits: at::mt19937's operator(), which twists lazily when the block is used up.</summary>
    public uint NextUInt32()
    {
        lock (_gate) return Draw32();
    }

    private uint Draw32()
    {
        if (--_left == 0) Twist();
        uint y = _state[_next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>64 random bits from two draws, the first as the high half (CPUGeneratorImpl::random64).</summary>
    public ulong NextUInt64()
    {
        lock (_gate) return Draw64();
    }

    private ulong Draw64()
    {
        ulong hi = Draw32();
        ulong lo = Draw32();
        return (hi << 32) | lo;
    }

    /// <summary>mt19937's next_state: regenerates all 624 words.</summary>
    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_state[i] & 0x80000000u) | (_state[(i + 1) % N] & 0x7fffffffu);
            uint v = _state[(i + M) % N] ^ (y >> 1);
            if ((y & 1) != 0) v ^= 0x9908b0dfu;
            _state[i] = v;
        }
        _left = N;
        _next = 0;
    }

    /// <summary>A float in [0, 1) from the low 24 bits of one draw, as uniform_real_distribution&lt;float&gt;.</summary>
    private float NextFloat() => (Draw32() & ((1u << 24) - 1)) * (1.0f / (1 << 24));

    /// <summary>A double in [0, 1) from the low 53 bits of a 64-bit draw, as uniform_real_distribution&lt;double&gt;.</summary>
    private double NextDouble() => (Draw64() & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));

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
