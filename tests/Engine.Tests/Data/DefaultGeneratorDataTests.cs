using NNTools.Data;
using NNTools.Tests.Support;

namespace NNTools.Tests.Data;

/// <summary>How the data sets use <see cref="Generator.Default"/>: only when no seed is given.</summary>
[Collection(DefaultGeneratorCollection.Name)]
public class DefaultGeneratorDataTests
{
    [Fact]
    public void WithoutARandomStateTheDefaultGeneratorDecides()
    {
        // The seed comes from Generator.Default, so re-seeding it repeats the set (sklearn's global
        // NumPy state is not ours, so such a set cannot equal scikit-learn's).
        Generator.Default.ManualSeed(123);
        var a = Datasets.MakeCircles(40, 0.1);
        var b = Datasets.MakeCircles(40, 0.1);
        Generator.Default.ManualSeed(123);
        var c = Datasets.MakeCircles(40, 0.1);
        Assert.Equal(a.X.ToDoubleArray(), c.X.ToDoubleArray());
        Assert.NotEqual(a.X.ToDoubleArray(), b.X.ToDoubleArray());
    }

    [Fact]
    public void NoisyRegressionLeavesTheDefaultGeneratorAloneWhenSeeded()
    {
        Generator.Default.ManualSeed(5);
        Datasets.MakeNoisyRegression(10, 0.1, seed: 1);
        var afterSeeded = Generator.Default.NextUInt32();
        Generator.Default.ManualSeed(5);
        Assert.Equal(Generator.Default.NextUInt32(), afterSeeded);
    }
}
