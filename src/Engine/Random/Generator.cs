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
public sealed partial class Generator
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
}
