namespace NNTools.Data;

/// <summary>
/// scikit-learn 1.2's make_moons, make_circles and make_blobs on plain arrays, with the same
/// arithmetic and the same order of random draws, so that a seed gives scikit-learn's values bit
/// for bit (see <see cref="NumpyMath"/> for the one machine dependence). X is row-major n x features.
/// </summary>
internal static class SampleGenerators
{
    internal readonly record struct Samples(double[] X, long[] Y, int Features);

    /// <summary>make_moons: an upper half circle (label 0) and a lower one shifted by (1, -0.5) (label 1).</summary>
    public static Samples Moons(int nSamplesOut, int nSamplesIn, double noise, bool shuffle, NumpyRandomState rng)
    {
        var tOut = NumpyMath.Linspace(0, Math.PI, nSamplesOut);
        var tIn = NumpyMath.Linspace(0, Math.PI, nSamplesIn);
        var x = new double[2 * (nSamplesOut + nSamplesIn)];
        var y = new long[nSamplesOut + nSamplesIn];
        for (int i = 0; i < nSamplesOut; i++)
        {
            x[2 * i] = NumpyMath.Cos(tOut[i]);
            x[2 * i + 1] = NumpyMath.Sin(tOut[i]);
        }
        for (int i = 0; i < nSamplesIn; i++)
        {
            int row = nSamplesOut + i;
            x[2 * row] = 1 - NumpyMath.Cos(tIn[i]);
            x[2 * row + 1] = 1 - NumpyMath.Sin(tIn[i]) - 0.5;
            y[row] = 1;
        }
        return ShuffleAndNoise(new Samples(x, y, 2), noise, shuffle, rng);
    }

    /// <summary>make_circles: a unit circle (label 0) around a circle of radius <paramref name="factor"/> (label 1).</summary>
    public static Samples Circles(int nSamplesOut, int nSamplesIn, double noise, double factor, bool shuffle, NumpyRandomState rng)
    {
        // endpoint=False, so that the first point is not repeated as the last.
        var tOut = NumpyMath.Linspace(0, 2 * Math.PI, nSamplesOut, endpoint: false);
        var tIn = NumpyMath.Linspace(0, 2 * Math.PI, nSamplesIn, endpoint: false);
        var x = new double[2 * (nSamplesOut + nSamplesIn)];
        var y = new long[nSamplesOut + nSamplesIn];
        for (int i = 0; i < nSamplesOut; i++)
        {
            x[2 * i] = NumpyMath.Cos(tOut[i]);
            x[2 * i + 1] = NumpyMath.Sin(tOut[i]);
        }
        for (int i = 0; i < nSamplesIn; i++)
        {
            int row = nSamplesOut + i;
            x[2 * row] = NumpyMath.Cos(tIn[i]) * factor;
            x[2 * row + 1] = NumpyMath.Sin(tIn[i]) * factor;
            y[row] = 1;
        }
        return ShuffleAndNoise(new Samples(x, y, 2), noise, shuffle, rng);
    }

    /// <summary>
    /// make_blobs: <paramref name="perCenter"/>[i] points drawn from N(centers[i], std[i]² I), labelled i,
    /// in center order, then shuffled. Centers, when null, are drawn uniformly from the box first.
    /// </summary>
    public static Samples Blobs(int[] perCenter, double[][]? centers, int features, double[] std,
        double boxMin, double boxMax, bool shuffle, NumpyRandomState rng)
    {
        int k = perCenter.Length;
        if (centers is null)
        {
            centers = new double[k][];
            for (int i = 0; i < k; i++)
            {
                centers[i] = new double[features];
                for (int j = 0; j < features; j++) centers[i][j] = rng.Uniform(boxMin, boxMax);
            }
        }
        int n = perCenter.Sum();
        var x = new double[n * features];
        var y = new long[n];
        int row = 0;
        for (int i = 0; i < k; i++)
        {
            for (int r = 0; r < perCenter[i]; r++, row++)
            {
                for (int j = 0; j < features; j++) x[row * features + j] = rng.Normal(centers[i][j], std[i]);
                y[row] = i;
            }
        }
        return shuffle ? Permute(new Samples(x, y, features), rng) : new Samples(x, y, features);
    }

    /// <summary>sklearn.utils.shuffle (a permutation of the rows), then X += normal(0, noise) drawn row-major.</summary>
    private static Samples ShuffleAndNoise(Samples s, double noise, bool shuffle, NumpyRandomState rng)
    {
        if (shuffle) s = Permute(s, rng);
        if (noise > 0)
        {
            for (int i = 0; i < s.X.Length; i++) s.X[i] += rng.Normal(0.0, noise);
        }
        return s;
    }

    private static Samples Permute(Samples s, NumpyRandomState rng)
    {
        var order = rng.Permutation(s.Y.Length);
        var x = new double[s.X.Length];
        var y = new long[s.Y.Length];
        for (int i = 0; i < order.Length; i++)
        {
            Array.Copy(s.X, order[i] * s.Features, x, i * s.Features, s.Features);
            y[i] = s.Y[order[i]];
        }
        return new Samples(x, y, s.Features);
    }
}
