namespace NNTools.Tests.Random;

/// <summary>
/// Same seed, same numbers as PyTorch: every case of Fixtures/random/random.json replayed on an
/// explicit generator (torch.Generator().manual_seed(s)) must match bit for bit.
/// </summary>
public class PyTorchStreamTests
{
    public static TheoryData<string> ExplicitCases => RandomFixture.CaseNames(explicitGenerator: true);

    public static TheoryData<string> DefaultCases => RandomFixture.CaseNames(explicitGenerator: false);

    [Theory]
    [MemberData(nameof(ExplicitCases))]
    public void ExplicitGeneratorMatchesTorchBitForBit(string name)
    {
        var c = RandomFixture.Case(name);
        var seed = RandomFixture.Seed(c);
        RandomFixture.Replay(c, seed is long s ? new Generator(s) : new Generator());
    }

    /// <summary>The cases recorded on torch's default generator, replayed on a fresh generator with the same seed.</summary>
    [Theory]
    [MemberData(nameof(DefaultCases))]
    public void SeededGeneratorMatchesTorchBitForBit(string name)
    {
        var c = RandomFixture.Case(name);
        RandomFixture.Replay(c, new Generator(RandomFixture.Seed(c)!.Value));
    }
}
