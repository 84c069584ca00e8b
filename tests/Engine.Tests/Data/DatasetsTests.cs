using NNTools.Data;
using NNTools.Tests.Support;

namespace NNTools.Tests.Data;

/// <summary>The shipped real data sets against load_iris / load_digits, the noisy regression against torch, and Datasets.Get.</summary>
public class DatasetsTests
{
    [Theory]
    [InlineData("iris")]
    [InlineData("digits")]
    public void RealSetsMatchScikitLearn(string name)
    {
        var expected = DataFixture.Get(name);
        var set = name == "iris" ? Datasets.LoadIris(DType.Float64) : Datasets.LoadDigits(DType.Float64);
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()), set.Data.Shape);
        int n = set.Data.Shape[0], f = set.Data.Shape[1];
        var x = set.Data.ToDoubleArray();
        DataFixture.AssertBitEqual(DataFixture.Doubles(expected.GetProperty("first_rows")), x[..(3 * f)], $"{name} first rows");
        DataFixture.AssertBitEqual(DataFixture.Doubles(expected.GetProperty("last_row")), x[^f..], $"{name} last row");
        Assert.Equal(expected.GetProperty("sum").GetDouble(), x.Sum(), 9);
        var target = set.Target.FlatCopy<long>();
        Assert.Equal(DType.Int64, set.Target.DType);
        Assert.Equal([n], set.Target.Shape);
        Assert.Equal(expected.GetProperty("class_counts").EnumerateArray().Select(v => v.GetInt32()),
            set.TargetNames.Select((_, k) => target.Count(t => t == k)));
        Assert.Equal(expected.GetProperty("target_head").EnumerateArray().Select(v => v.GetInt64()), target[..20]);
        Assert.Equal(expected.GetProperty("target_tail").EnumerateArray().Select(v => v.GetInt64()), target[^20..]);
        Assert.Equal(expected.GetProperty("feature_names").EnumerateArray().Select(v => v.GetString()), set.FeatureNames);
        Assert.Equal(expected.GetProperty("target_names").EnumerateArray().Select(v => v.GetString()), set.TargetNames);
    }

    [Fact]
    public void RealSetsDefaultToFloat32AndDigitsHaveImages()
    {
        var iris = Datasets.LoadIris();
        Assert.Equal(DType.Float32, iris.Data.DType);
        Assert.Equal(5.1f, iris.Data.ToFloatArray()[0]);
        Assert.Null(iris.Images);
        var digits = Datasets.LoadDigits();
        Assert.Equal([1797, 8, 8], digits.Images!.Shape);
        var pixels = digits.Data.ToFloatArray();
        Assert.Equal(0f, pixels.Min());
        Assert.Equal(16f, pixels.Max());
        Assert.Equal(pixels[8 * 3 + 4], digits.Images.ToFloatArray()[8 * 3 + 4]);
    }

    [Fact]
    public void NoisyRegressionMatchesTorch()
    {
        foreach (var c in DataFixture.Cases("regression"))
        {
            var x = FixtureTensor.Read(c.GetProperty("x"));
            var y = FixtureTensor.Read(c.GetProperty("y"));
            var set = Datasets.MakeNoisyRegression(c.GetProperty("n").GetInt32(), c.GetProperty("noise").GetDouble(), c.GetProperty("seed").GetInt64(), x.DType);
            string context = $"n={c.GetProperty("n")}, seed={c.GetProperty("seed")}, {x.DType}";
            FixtureTensor.AssertClose(x, set.X, 0, 0, context);
            // x is exact; y may differ in the last bit of a float32 value, where the engine's float32 exp or
            // randn's Box-Muller (MathF log/sin/cos) rounds differently from PyTorch's vectorized kernels.
            FixtureTensor.AssertClose(y, set.Y, x.DType == DType.Float32 ? 1e-6 : 1e-14, 0, context);
        }
    }

    [Fact]
    public void LinspaceMatchesTorchBitForBit()
    {
        // MakeNoisyRegression's x is Tensor.Linspace, so it must be torch.linspace's exact values.
        foreach (var c in DataFixture.Cases("linspace"))
        {
            var expected = FixtureTensor.Read(c.GetProperty("out"));
            var actual = Tensor.Linspace(c.GetProperty("start").GetDouble(), c.GetProperty("end").GetDouble(), c.GetProperty("steps").GetInt32(), expected.DType);
            FixtureTensor.AssertClose(expected, actual, 0, 0, $"linspace({c.GetProperty("start")}, {c.GetProperty("end")}, {c.GetProperty("steps")}, {expected.DType})");
        }
    }

    [Fact]
    public void NamesCoverEveryEntryOfGet()
    {
        foreach (var name in Datasets.Names)
        {
            var set = Datasets.Get(name, seed: 0);
            Assert.Equal(DType.Float32, set.X.DType);
            Assert.Equal(set.X.Shape[0], set.Y.Shape[0]);
        }
        Assert.Equal([150, 4], Datasets.Get("IRIS").X.Shape);
        Assert.Equal([40, 1], Datasets.Get("regression", 40, 0.2, 3).Y.Shape);
        Assert.Equal(Datasets.MakeMoons(30, 0.1, 2).X.ToFloatArray(), Datasets.Get("Moons", 30, 0.1, 2).X.ToFloatArray());
        Assert.Equal(["setosa", "versicolor", "virginica"], Datasets.Get("iris").TargetNames);
    }

    [Fact]
    public void GetRejectsUnknownNamesAndInapplicableOptions()
    {
        var unknown = Assert.Throws<TensorArgumentException>(() => Datasets.Get("mnist"));
        Assert.Equal("UnknownDataset", unknown.ErrorId);
        Assert.Contains("'mnist'", unknown.Message);
        Assert.Contains("moons, circles, blobs, regression, iris, digits", unknown.Message);
        Assert.Equal("OptionNotApplicable", Assert.Throws<TensorArgumentException>(() => Datasets.Get("iris", nSamples: 10)).ErrorId);
        Assert.Equal("OptionNotApplicable", Assert.Throws<TensorArgumentException>(() => Datasets.Get("digits", noise: 0.1)).ErrorId);
        Assert.Equal("OptionNotApplicable", Assert.Throws<TensorArgumentException>(() => Datasets.Get("blobs", noise: 0.1)).ErrorId);
    }
}
