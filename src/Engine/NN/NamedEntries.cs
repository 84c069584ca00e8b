namespace NNTools.NN;

/// <summary>
/// A module's registered parameters, buffers or children: values in registration order, found by
/// name through a dictionary, so registering the n-th entry costs the same as the first and a
/// Sequential of many layers builds in linear time.
/// </summary>
internal sealed class NamedEntries<T>(IEqualityComparer<string>? comparer = null)
{
    private readonly List<(string Name, T Value)> _entries = [];
    private readonly Dictionary<string, int> _index = new(comparer ?? StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>Replaces the value of an existing name in place (keeping its position) or adds it at the end.</summary>
    public void Set(string name, T value)
    {
        if (_index.TryGetValue(name, out int i))
        {
            _entries[i] = (name, value);
        }
        else
        {
            _index.Add(name, _entries.Count);
            _entries.Add((name, value));
        }
    }

    public bool Contains(string name) => _index.ContainsKey(name);

    public List<(string Name, T Value)>.Enumerator GetEnumerator() => _entries.GetEnumerator();
}
