namespace NNTools.Tests.Random;

/// <summary>Tests that seed and draw from the process-wide generator run alone, so no other test draws in between.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultGeneratorCollection
{
    public const string Name = "Default generator";
}

/// <summary>Tensor.ManualSeed then the factories without a generator: torch.manual_seed then torch.rand / randn / ...</summary>
[Collection(DefaultGeneratorCollection.Name)]
public class DefaultGeneratorTests
{
    public static TheoryData<string> DefaultCases => RandomFixture.CaseNames(explicitGenerator: false);

    [Theory]
    [MemberData(nameof(DefaultCases))]
    public void ManualSeedThenDefaultGeneratorMatchesTorchBitForBit(string name)
    {
        var c = RandomFixture.Case(name);
        Tensor.ManualSeed(RandomFixture.Seed(c)!.Value);
        RandomFixture.Replay(c, generator: null);
    }

    [Fact]
    public void ManualSeedSeedsTheDefaultGeneratorAndReturnsIt()
    {
        var g = Tensor.ManualSeed(1L << 40 | 7);
        Assert.Same(Generator.Default, g);
        Assert.Equal(1L << 40 | 7, g.InitialSeed);
        Assert.Equal(new Generator(1L << 40 | 7).GetState(), g.GetState());
    }

    [Fact]
    public void ReseedingDropsTheCachedNormal()
    {
        Tensor.ManualSeed(3);
        var first = Tensor.Randn(1).ToDouble();
        Tensor.ManualSeed(3);
        Assert.Equal(first, Tensor.Randn(1).ToDouble());
    }
}
