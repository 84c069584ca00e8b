using NNTools.Data;

namespace NNTools.Tests.Data;

/// <summary>NumpyRandomState against np.random.RandomState streams (Fixtures/data/make_data.py).</summary>
public class NumpyRandomStateTests
{
    public static TheoryData<long> Seeds() => new(DataFixture.Cases("streams").Select(s => s.GetProperty("seed").GetInt64()));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void StreamMatchesNumpyBitForBit(long seed)
    {
        var s = DataFixture.Cases("streams").Single(c => c.GetProperty("seed").GetInt64() == seed);
        var rs = new NumpyRandomState(seed);
        // The same calls, in the same order, as make_data.py: each draw depends on every one before it.
        Check("random_sample", Enumerable.Range(0, 7).Select(_ => rs.RandomSample()));
        Check("normal", Enumerable.Range(0, 5).Select(_ => rs.Normal()));
        Check("uniform", Enumerable.Range(0, 4).Select(_ => rs.Uniform(-3, 5)));
        Check("normal_loc_scale", Enumerable.Range(0, 3).Select(_ => rs.Normal(1.5, 2.0)));
        var idx = Enumerable.Range(0, 23).Select(i => (long)i).ToArray();
        rs.Shuffle<long>(idx);
        Assert.Equal(DataFixture.Longs(s.GetProperty("shuffle23")), idx);
        Assert.Equal(DataFixture.Longs(s.GetProperty("permutation10")), rs.Permutation(10));
        Assert.Equal(DataFixture.Longs(s.GetProperty("randint")), Enumerable.Range(0, 6).Select(_ => rs.Randint(-4, 1000)).ToArray());
        Assert.Equal(DataFixture.Longs(s.GetProperty("randint_2p40")), Enumerable.Range(0, 4).Select(_ => rs.Randint(0, 1L << 40)).ToArray());
        Check("random_sample_after", Enumerable.Range(0, 3).Select(_ => rs.RandomSample()));

        void Check(string key, IEnumerable<double> actual) =>
            DataFixture.AssertBitEqual(DataFixture.Doubles(s.GetProperty(key)), actual.ToArray(), $"seed {seed}, {key}");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1L << 32)]
    public void SeedOutsideUInt32IsRejectedLikeNumpy(long seed)
    {
        var e = Assert.Throws<TensorArgumentException>(() => new NumpyRandomState(seed));
        Assert.Equal("InvalidSeed", e.ErrorId);
        Assert.Contains("2**32 - 1", e.Message);
        Assert.Contains(seed.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void RandomIntervalStaysWithinItsBound()
    {
        var rs = new NumpyRandomState(9);
        Assert.Equal(0UL, rs.RandomInterval(0));
        for (int i = 0; i < 200; i++) Assert.InRange(rs.RandomInterval(5), 0UL, 5UL);
        for (int i = 0; i < 50; i++) Assert.InRange(rs.RandomInterval((1UL << 33) + 1), 0UL, (1UL << 33) + 1);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var rs = new NumpyRandomState(0);
        Assert.Equal("InvalidScale", Assert.Throws<TensorArgumentException>(() => rs.Normal(0, -1)).ErrorId);
        Assert.Equal("InvalidRange", Assert.Throws<TensorArgumentException>(() => rs.Randint(3, 3)).ErrorId);
        Assert.Equal("InvalidRange", Assert.Throws<TensorArgumentException>(() => rs.Permutation(-1)).ErrorId);
    }
}
