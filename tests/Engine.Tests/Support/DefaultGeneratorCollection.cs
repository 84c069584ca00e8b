namespace NNTools.Tests.Support;

/// <summary>
/// Tests that re-seed or draw from <see cref="Generator.Default"/> and depend on its sequence: xunit runs
/// this collection on its own, after the parallel ones, so no other test draws in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultGeneratorCollection
{
    public const string Name = "Generator.Default";
}
