namespace NNTools.Data;

/// <summary>
/// The data sets the tutorials use: scikit-learn's synthetic generators (moons, circles, blobs), the
/// torch tutorials' noisy exponential, and two small real sets shipped inside the engine (iris, digits).
/// </summary>
/// <remarks>
/// With an integer <c>randomState</c> the synthetic sets equal scikit-learn 1.2's for the same
/// arguments, bit for bit in float64 (see <see cref="NumpyRandomState"/>, and <see cref="NumpyMath"/>
/// for the CPU dependence of NumPy's own sin and cos). With no random state a seed is drawn from
/// <see cref="Generator.Default"/>, so <c>Set-RandomSeed</c> still makes a run repeat; such a set
/// cannot equal scikit-learn's, whose unseeded draws come from NumPy's global state.
/// </remarks>
public static class Datasets
{
    /// <summary>The names <see cref="Get"/> accepts, for tab completion.</summary>
    public static IReadOnlyList<string> Names { get; } = ["moons", "circles", "blobs", "regression", "iris", "digits"];

    /// <summary>
    /// make_moons: two interleaving half circles, label 0 on top (points (cos t, sin t)) and label 1
    /// below ((1 - cos t, 1/2 - sin t)), t evenly spaced over [0, pi]; n / 2 rounded down on top. Gaussian
    /// noise of standard deviation <paramref name="noise"/> is added to each coordinate after shuffling.
    /// </summary>
    public static SampleSet MakeMoons(int nSamples = 100, double noise = 0.0, long? randomState = null, bool shuffle = true, DType dtype = DType.Float32)
    {
        CheckCommon(nSamples, noise, dtype);
        var s = SampleGenerators.Moons(nSamples / 2, nSamples - nSamples / 2, noise, shuffle, RandomState(randomState));
        return ToSet(s, dtype);
    }

    /// <summary>
    /// make_circles: a unit circle (label 0, n / 2 rounded down points) around a circle of radius
    /// <paramref name="factor"/> (label 1), angles evenly spaced over [0, 2 pi) without repeating the first,
    /// plus Gaussian noise of standard deviation <paramref name="noise"/>.
    /// </summary>
    public static SampleSet MakeCircles(int nSamples = 100, double noise = 0.0, double factor = 0.8, long? randomState = null, bool shuffle = true, DType dtype = DType.Float32)
    {
        CheckCommon(nSamples, noise, dtype);
        if (!(factor >= 0 && factor < 1))
        {
            throw Raise(new TensorArgumentException("InvalidFactor", $"'factor' has to be between 0 and 1, got {factor}"));
        }
        var s = SampleGenerators.Circles(nSamples / 2, nSamples - nSamples / 2, noise, factor, shuffle, RandomState(randomState));
        return ToSet(s, dtype);
    }

    /// <summary>
    /// make_blobs with <paramref name="centers"/> random centers drawn uniformly from the box
    /// [<paramref name="centerBoxMin"/>, <paramref name="centerBoxMax"/>]^features, then isotropic Gaussian
    /// clusters of standard deviation <paramref name="clusterStd"/>; the first n mod centers clusters get one
    /// point more. Labels are the cluster indices.
    /// </summary>
    public static SampleSet MakeBlobs(int nSamples = 100, int nFeatures = 2, int centers = 3, double clusterStd = 1.0,
        double centerBoxMin = -10.0, double centerBoxMax = 10.0, long? randomState = null, bool shuffle = true, DType dtype = DType.Float32)
    {
        CheckCommon(nSamples, 0, dtype);
        if (centers < 1) throw Raise(new TensorArgumentException("InvalidCenters", $"centers must be at least 1, got {centers}"));
        if (nFeatures < 1) throw Raise(new TensorArgumentException("InvalidFeatures", $"nFeatures must be at least 1, got {nFeatures}"));
        if (!(centerBoxMax - centerBoxMin is >= 0 and < double.PositiveInfinity))
        {
            throw Raise(new TensorArgumentException("InvalidCenterBox", $"center box ({centerBoxMin}, {centerBoxMax}) is not a finite interval with min <= max"));
        }
        return Blobs(SplitEvenly(nSamples, centers), null, nFeatures, clusterStd, centerBoxMin, centerBoxMax, randomState, shuffle, dtype);
    }

    /// <summary>make_blobs around given centers (one row of coordinates per cluster).</summary>
    public static SampleSet MakeBlobs(int nSamples, double[][] centers, double clusterStd = 1.0, long? randomState = null, bool shuffle = true, DType dtype = DType.Float32)
    {
        CheckCommon(nSamples, 0, dtype);
        int features = CheckCenters(centers);
        return Blobs(SplitEvenly(nSamples, centers.Length), centers, features, clusterStd, 0, 0, randomState, shuffle, dtype);
    }

    /// <summary>
    /// make_blobs with n_samples given per cluster: <paramref name="samplesPerCenter"/>[i] points around
    /// centers[i], the centers drawn from the box [-10, 10]^features when <paramref name="centers"/> is null.
    /// </summary>
    public static SampleSet MakeBlobs(int[] samplesPerCenter, double[][]? centers = null, int nFeatures = 2, double clusterStd = 1.0,
        long? randomState = null, bool shuffle = true, DType dtype = DType.Float32)
    {
        ThrowIfNull(samplesPerCenter);
        CheckCommon(samplesPerCenter.Sum(), 0, dtype);
        if (samplesPerCenter.Any(c => c < 0)) throw Raise(new TensorArgumentException("InvalidSampleCount", $"samples per center must not be negative, got [{string.Join(", ", samplesPerCenter)}]"));
        if (centers is not null)
        {
            nFeatures = CheckCenters(centers);
            if (centers.Length != samplesPerCenter.Length)
            {
                throw Raise(new TensorArgumentException("InvalidCenters",
                    $"Length of `n_samples` not consistent with number of centers. Got {samplesPerCenter.Length} sample counts and {centers.Length} centers"));
            }
        }
        return Blobs(samplesPerCenter, centers, nFeatures, clusterStd, -10.0, 10.0, randomState, shuffle, dtype);
    }

    /// <summary>
    /// The torch tutorials' 1-d regression: x = linspace(-1, 1, n) as [n, 1], y = exp(x) + noise randn(n, 1),
    /// computed as <c>torch.manual_seed(seed); x = torch.linspace(-1, 1, n).unsqueeze(1);
    /// y = torch.exp(x) + noise * torch.randn(x.size())</c> does, with a fresh generator seeded with
    /// <paramref name="seed"/> (the default generator is left alone), or the default generator when null.
    /// </summary>
    public static SampleSet MakeNoisyRegression(int nSamples = 100, double noise = 0.1, long? seed = null, DType dtype = DType.Float32)
    {
        CheckCommon(nSamples, noise, dtype);
        var generator = seed is long s ? new Generator(s) : Generator.Default;
        var x = Tensor.Linspace(-1, 1, nSamples, dtype).Unsqueeze(1);
        var y = x.Exp() + noise * Tensor.Randn([nSamples, 1], dtype, generator);
        return new SampleSet(x, y);
    }

    /// <summary>load_iris: 150 flowers, 4 measurements in cm, 3 species (50 each).</summary>
    public static RealDataset LoadIris(DType dtype = DType.Float32) => RealDatasets.Iris(CheckFloat(dtype));

    /// <summary>load_digits: 1797 8x8 images of handwritten digits, pixel counts 0..16, 10 classes.</summary>
    public static RealDataset LoadDigits(DType dtype = DType.Float32) => RealDatasets.Digits(CheckFloat(dtype));

    /// <summary>
    /// One entry for the cmdlets: a data set by name (one of <see cref="Names"/>, any case) with the
    /// common options. Unset options take each generator's default (100 samples; noise 0, or 0.1 for
    /// regression). The real sets are fixed, so they take neither a sample count nor noise.
    /// </summary>
    public static SampleSet Get(string name, int? nSamples = null, double? noise = null, long? seed = null, DType dtype = DType.Float32)
    {
        ThrowIfNull(name);
        switch (name.ToLowerInvariant())
        {
            case "moons": return MakeMoons(nSamples ?? 100, noise ?? 0.0, seed, dtype: dtype);
            case "circles": return MakeCircles(nSamples ?? 100, noise ?? 0.0, randomState: seed, dtype: dtype);
            case "blobs":
                if (noise is not null) throw Raise(NotApplicable(name, "noise"));
                return MakeBlobs(nSamples ?? 100, randomState: seed, dtype: dtype);
            case "regression": return MakeNoisyRegression(nSamples ?? 100, noise ?? 0.1, seed, dtype);
            case "iris":
            case "digits":
                if (nSamples is not null) throw Raise(NotApplicable(name, "sample count"));
                if (noise is not null) throw Raise(NotApplicable(name, "noise"));
                return (name.Equals("iris", StringComparison.OrdinalIgnoreCase) ? LoadIris(dtype) : LoadDigits(dtype)).ToSampleSet();
            default:
                throw Raise(new TensorArgumentException("UnknownDataset", $"unknown data set '{name}'; expected one of: {string.Join(", ", Names)}"));
        }
    }

    private static TensorArgumentException NotApplicable(string name, string option) =>
        new("OptionNotApplicable", $"the {name.ToLowerInvariant()} data set takes no {option}");

    private static SampleSet Blobs(int[] perCenter, double[][]? centers, int features, double clusterStd,
        double boxMin, double boxMax, long? randomState, bool shuffle, DType dtype)
    {
        if (!(clusterStd >= 0)) throw Raise(new TensorArgumentException("InvalidScale", $"clusterStd must be non-negative, got {clusterStd}"));
        var std = Enumerable.Repeat(clusterStd, perCenter.Length).ToArray();
        var s = SampleGenerators.Blobs(perCenter, centers, features, std, boxMin, boxMax, shuffle, RandomState(randomState));
        return ToSet(s, dtype);
    }

    /// <summary>scikit-learn's split of n points over k clusters: n / k each, one more for the first n mod k.</summary>
    private static int[] SplitEvenly(int n, int k)
    {
        var counts = new int[k];
        for (int i = 0; i < k; i++) counts[i] = n / k + (i < n % k ? 1 : 0);
        return counts;
    }

    private static int CheckCenters(double[][] centers)
    {
        ThrowIfNull(centers);
        if (centers.Length == 0 || centers[0] is null || centers[0].Length == 0)
        {
            throw Raise(new TensorArgumentException("InvalidCenters", "centers must have at least one row with at least one coordinate"));
        }
        int features = centers[0].Length;
        for (int i = 1; i < centers.Length; i++)
        {
            if (centers[i] is null || centers[i].Length != features)
            {
                throw Raise(new ShapeMismatchException("InvalidCenters", $"center {i} has {centers[i]?.Length ?? 0} coordinates, center 0 has {features}"));
            }
        }
        return features;
    }

    /// <summary>The stream for a random state: RandomState(seed), or one seeded from the default generator.</summary>
    private static NumpyRandomState RandomState(long? randomState) =>
        new(randomState ?? Generator.Default.NextUInt32());

    private static void CheckCommon(int nSamples, double noise, DType dtype)
    {
        if (nSamples < 0) throw Raise(new TensorArgumentException("InvalidSampleCount", $"nSamples must be non-negative, got {nSamples}"));
        if (!(noise >= 0)) throw Raise(new TensorArgumentException("InvalidNoise", $"noise must be a non-negative standard deviation, got {noise}"));
        CheckFloat(dtype);
    }

    private static DType CheckFloat(DType dtype) => dtype.IsFloating()
        ? dtype
        : throw Raise(new DTypeMismatchException("FloatingDTypeRequired", $"data set features must be float32 or float64, got {dtype.TorchName()}"));

    private static SampleSet ToSet(SampleGenerators.Samples s, DType dtype) =>
        new(Tensor.FromBuffer(s.X, [s.Y.Length, s.Features]).CastRaw(dtype), Tensor.FromBuffer(s.Y, [s.Y.Length]));
}
