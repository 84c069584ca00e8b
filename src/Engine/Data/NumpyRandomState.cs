namespace NNTools.Data;

/// <summary>
/// A bit-exact port of NumPy's legacy <c>np.random.RandomState</c> for the draws scikit-learn's
/// sample generators make: the same seed gives the same numbers as NumPy, so a data set made here
/// with <c>random_state=0</c> is the one scikit-learn makes.
/// </summary>
/// <remarks>
/// The bit source is the 32-bit Mersenne Twister seeded by init_genrand (NumPy's legacy
/// <c>mt19937_seed</c>), the same algorithm and seeding as <see cref="Generator"/>, which this class
/// uses for the raw bits. On top of it come NumPy's legacy transformations: 53-bit doubles from two
/// draws, the polar Box-Muller gauss that caches its second value, and masked rejection sampling
/// for integers. Like RandomState, one instance is one stream; it is not thread-safe.
/// </remarks>
public sealed class NumpyRandomState
{
    private readonly Generator _bits;
    private double? _cachedGauss;

    /// <summary>RandomState(seed): <paramref name="seed"/> must lie in [0, 2^32 - 1], as NumPy requires.</summary>
    public NumpyRandomState(long seed)
    {
        if (seed < 0 || seed > uint.MaxValue)
        {
            throw Raise(new TensorArgumentException("InvalidSeed", $"Seed must be between 0 and 2**32 - 1, got {seed}"));
        }
        _bits = new Generator(seed);
    }

    /// <summary>The next 32 random bits (mt19937's output).</summary>
    public uint NextUInt32() => _bits.NextUInt32();

    /// <summary>64 random bits from two draws, the first as the high half (NumPy's mt19937_next64).</summary>
    public ulong NextUInt64() => _bits.NextUInt64();

    /// <summary>
    /// random_sample(): a double in [0, 1) from 53 bits, ((a &gt;&gt; 5) 2^26 + (b &gt;&gt; 6)) / 2^53
    /// with a and b two successive 32-bit draws.
    /// </summary>
    public double RandomSample()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>uniform(low, high): low + (high - low) u with u from <see cref="RandomSample"/>.</summary>
    public double Uniform(double low = 0.0, double high = 1.0) => low + (high - low) * RandomSample();

    /// <summary>
    /// standard_normal(): NumPy's legacy gauss, Marsaglia's polar method. Each accepted pair
    /// (x1, x2) gives f x2 now and caches f x1 for the next call, with f = sqrt(-2 ln r² / r²).
    /// </summary>
    public double StandardNormal()
    {
        if (_cachedGauss is double cached)
        {
            _cachedGauss = null;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * RandomSample() - 1.0;
            x2 = 2.0 * RandomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _cachedGauss = f * x1;
        return f * x2;
    }

    /// <summary>normal(loc, scale): loc + scale g with g from <see cref="StandardNormal"/>.</summary>
    public double Normal(double loc = 0.0, double scale = 1.0)
    {
        if (!(scale >= 0)) throw Raise(new TensorArgumentException("InvalidScale", $"scale < 0 (got {scale})"));
        return loc + scale * StandardNormal();
    }

    /// <summary>
    /// An integer in [0, <paramref name="max"/>] by NumPy's random_interval: draws masked to the
    /// smallest all-ones mask covering max, rejected while above max; 32-bit draws when max fits.
    /// </summary>
    public ulong RandomInterval(ulong max)
    {
        if (max == 0) return 0;
        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        ulong value;
        if (max <= uint.MaxValue)
        {
            while ((value = NextUInt32() & mask) > max) { }
        }
        else
        {
            while ((value = NextUInt64() & mask) > max) { }
        }
        return value;
    }

    /// <summary>randint(low, high): an integer in [low, high), NumPy's masked rejection sampling.</summary>
    public long Randint(long low, long high)
    {
        if (high <= low) throw Raise(new TensorArgumentException("InvalidRange", $"low >= high (low={low}, high={high})"));
        return low + (long)RandomInterval((ulong)(high - low - 1));
    }

    /// <summary>
    /// shuffle(x) of a 1-d array in place: Fisher-Yates from the end, swapping element i with
    /// random_interval(i) for i = n-1 down to 1.
    /// </summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = (int)RandomInterval((ulong)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>permutation(n): 0..n-1 shuffled by <see cref="Shuffle{T}"/>.</summary>
    public long[] Permutation(int n)
    {
        if (n < 0) throw Raise(new TensorArgumentException("InvalidRange", $"negative dimensions are not allowed (n={n})"));
        var result = new long[n];
        for (int i = 0; i < n; i++) result[i] = i;
        Shuffle<long>(result);
        return result;
    }
}
