using NNTools.NN;

namespace NNTools.Tests.NN;

/// <summary>The registry behind a module's children, parameters and buffers: order kept, names found in constant time.</summary>
public class NamedEntriesTests
{
    /// <summary>Counts the name comparisons and hashes a registry makes.</summary>
    private sealed class CountingComparer : IEqualityComparer<string>
    {
        public long Calls { get; private set; }

        public bool Equals(string? x, string? y)
        {
            Calls++;
            return string.Equals(x, y, StringComparison.Ordinal);
        }

        public int GetHashCode(string obj)
        {
            Calls++;
            return StringComparer.Ordinal.GetHashCode(obj);
        }
    }

    [Fact]
    public void RegisteringChildrenCostsTheSameForTheLastAsForTheFirst()
    {
        // Building a Sequential was quadratic: every registration searched the names before it.
        foreach (int n in new[] { 1_000, 100_000 })
        {
            var comparer = new CountingComparer();
            var entries = new NamedEntries<int>(comparer);
            for (int i = 0; i < n; i++) entries.Set(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i);
            Assert.Equal(n, entries.Count);
            Assert.InRange(comparer.Calls, n, 3L * n);
        }
        var replaced = new NamedEntries<int>();
        replaced.Set("a", 1);
        replaced.Set("b", 2);
        replaced.Set("a", 3);
        var list = new List<(string, int)>();
        foreach (var entry in replaced) list.Add(entry);
        Assert.Equal([("a", 3), ("b", 2)], list);
    }
}
