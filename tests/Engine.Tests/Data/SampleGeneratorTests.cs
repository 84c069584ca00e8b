using System.Globalization;
using System.Text.Json;
using NNTools.Data;
using NNTools.Tests.Support;

namespace NNTools.Tests.Data;

/// <summary>MakeMoons / MakeCircles / MakeBlobs against scikit-learn 1.2.1, bit for bit in float64.</summary>
public class SampleGeneratorTests
{
    private static double? Noise(JsonElement c) => c.GetProperty("noise").ValueKind == JsonValueKind.Null ? null : c.GetProperty("noise").GetDouble();

    private static void AssertSame(JsonElement c, SampleSet actual, string context)
    {
        Assert.Equal(DType.Float64, actual.X.DType);
        Assert.Equal(DType.Int64, actual.Y.DType);
        var expectedX = FixtureTensor.Read(c.GetProperty("X"));
        Assert.Equal(expectedX.Shape, actual.X.Shape);
        DataFixture.AssertBitEqual(expectedX.ToDoubleArray(), actual.X.ToDoubleArray(), context);
        Assert.Equal(DataFixture.Longs(c.GetProperty("y")), actual.Y.FlatCopy<long>());
    }

    [Fact]
    public void MoonsMatchScikitLearn()
    {
        foreach (var c in DataFixture.Cases("moons"))
        {
            int n = c.GetProperty("n").GetInt32();
            long seed = c.GetProperty("seed").GetInt64();
            bool shuffle = c.GetProperty("shuffle").GetBoolean();
            var set = Datasets.MakeMoons(n, Noise(c) ?? 0, seed, shuffle, DType.Float64);
            AssertSame(c, set, $"make_moons({n}, noise={Noise(c)}, random_state={seed}, shuffle={shuffle})");
        }
    }

    [Fact]
    public void CirclesMatchScikitLearn()
    {
        foreach (var c in DataFixture.Cases("circles"))
        {
            int n = c.GetProperty("n").GetInt32();
            long seed = c.GetProperty("seed").GetInt64();
            double factor = c.GetProperty("factor").GetDouble();
            bool shuffle = c.GetProperty("shuffle").GetBoolean();
            var set = Datasets.MakeCircles(n, Noise(c) ?? 0, factor, seed, shuffle, DType.Float64);
            AssertSame(c, set, $"make_circles({n}, noise={Noise(c)}, factor={factor}, random_state={seed}, shuffle={shuffle})");
        }
    }

    [Fact]
    public void BlobsMatchScikitLearn()
    {
        foreach (var c in DataFixture.Cases("blobs"))
        {
            long seed = c.GetProperty("random_state").GetInt64();
            bool shuffle = !c.TryGetProperty("shuffle", out var sh) || sh.GetBoolean();
            double std = c.TryGetProperty("cluster_std", out var s) ? s.GetDouble() : 1.0;
            double[][]? centers = c.TryGetProperty("centers", out var ce) && ce.ValueKind == JsonValueKind.Array
                ? ce.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray()
                : null;
            int features = c.TryGetProperty("n_features", out var f) ? f.GetInt32() : 2;
            var ns = c.GetProperty("n_samples");
            SampleSet set;
            if (ns.ValueKind == JsonValueKind.Array)
            {
                set = Datasets.MakeBlobs(ns.EnumerateArray().Select(v => v.GetInt32()).ToArray(), centers, features, std, seed, shuffle, DType.Float64);
            }
            else if (centers is not null)
            {
                set = Datasets.MakeBlobs(ns.GetInt32(), centers, std, seed, shuffle, DType.Float64);
            }
            else
            {
                var box = c.TryGetProperty("center_box", out var b) ? b.EnumerateArray().Select(v => v.GetDouble()).ToArray() : [-10.0, 10.0];
                set = Datasets.MakeBlobs(ns.GetInt32(), features, c.GetProperty("centers").GetInt32(), std, box[0], box[1], seed, shuffle, DType.Float64);
            }
            AssertSame(c, set, $"make_blobs({c})");
        }
    }

    [Fact]
    public void BenchmarkMoonsCsvIsReproducedExactly()
    {
        // moons.csv is the W3 benchmark's input: make_moons(200, noise=0.1, random_state=0) printed with repr.
        var lines = DataFixture.Get("moons_csv").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("x0,x1,label", lines[0]);
        Assert.Equal(201, lines.Length);
        var set = Datasets.MakeMoons(200, 0.1, 0, dtype: DType.Float64);
        var x = set.X.ToDoubleArray();
        var y = set.Y.FlatCopy<long>();
        for (int i = 0; i < 200; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(double.Parse(cells[0], CultureInfo.InvariantCulture), x[2 * i]);
            Assert.Equal(double.Parse(cells[1], CultureInfo.InvariantCulture), x[2 * i + 1]);
            Assert.Equal(long.Parse(cells[2], CultureInfo.InvariantCulture), y[i]);
            // Shortest round-trip text is the same in .NET and Python for these values.
            Assert.Equal(cells[0], x[2 * i].ToString("R", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Float32IsTheDefaultAndIsTheRoundedFloat64()
    {
        var f32 = Datasets.MakeMoons(50, 0.2, 4);
        var f64 = Datasets.MakeMoons(50, 0.2, 4, dtype: DType.Float64);
        Assert.Equal(DType.Float32, f32.X.DType);
        Assert.Equal([50, 2], f32.X.Shape);
        Assert.Equal([50], f32.Y.Shape);
        Assert.Equal(f64.X.ToDoubleArray().Select(v => (float)v), f32.X.ToFloatArray());
        Assert.Equal(f64.Y.FlatCopy<long>(), f32.Y.FlatCopy<long>());
    }

    [Fact]
    public void LabelsAndCountsFollowScikitLearnsSplit()
    {
        var moons = Datasets.MakeMoons(7, randomState: 1).Y.FlatCopy<long>();
        Assert.Equal(3, moons.Count(v => v == 0));
        Assert.Equal(4, moons.Count(v => v == 1));
        var blobs = Datasets.MakeBlobs(10, centers: 3, randomState: 0).Y.FlatCopy<long>();
        Assert.Equal([4, 3, 3], Enumerable.Range(0, 3).Select(k => blobs.Count(v => v == k)).ToArray());
    }

    [Fact]
    public void BadArgumentsAreRejectedWithStableIds()
    {
        Assert.Equal("InvalidSampleCount", Assert.Throws<TensorArgumentException>(() => Datasets.MakeMoons(-1)).ErrorId);
        Assert.Equal("InvalidNoise", Assert.Throws<TensorArgumentException>(() => Datasets.MakeMoons(10, -0.1)).ErrorId);
        var factor = Assert.Throws<TensorArgumentException>(() => Datasets.MakeCircles(10, factor: 1.0));
        Assert.Equal("InvalidFactor", factor.ErrorId);
        Assert.Contains("'factor' has to be between 0 and 1", factor.Message);
        Assert.Equal("InvalidSeed", Assert.Throws<TensorArgumentException>(() => Datasets.MakeMoons(10, randomState: -5)).ErrorId);
        Assert.Equal("FloatingDTypeRequired", Assert.Throws<DTypeMismatchException>(() => Datasets.MakeMoons(10, dtype: DType.Int64)).ErrorId);
        Assert.Equal("InvalidCenters", Assert.Throws<TensorArgumentException>(() => Datasets.MakeBlobs(10, centers: 0)).ErrorId);
        Assert.Equal("InvalidScale", Assert.Throws<TensorArgumentException>(() => Datasets.MakeBlobs(10, clusterStd: -1)).ErrorId);
        var ragged = Assert.Throws<ShapeMismatchException>(() => Datasets.MakeBlobs(10, [[0.0, 1.0], [2.0]]));
        Assert.Contains("center 1 has 1 coordinates", ragged.Message);
        var counts = Assert.Throws<TensorArgumentException>(() => Datasets.MakeBlobs([3, 3], [[0.0, 0.0]]));
        Assert.Contains("2 sample counts and 1 centers", counts.Message);
    }
}
