namespace NNTools;

/// <summary>Process-wide seeding, as torch.manual_seed.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Seeds the default generator (<see cref="Generator.Default"/>), as torch.manual_seed: afterwards
    /// Rand, Randn, Randint, Randperm and the random fills give PyTorch's numbers for that seed.
    /// </summary>
    /// <returns>The default generator.</returns>
    public static Generator ManualSeed(long seed) => Generator.Default.ManualSeed(seed);
}
