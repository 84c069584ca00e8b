namespace NNTools.Tests.Printing;

/// <summary>Tests that change the process-wide <see cref="PrintOptions"/> run one at a time, never beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PrintOptionsCollection
{
    public const string Name = "PrintOptions";
}
