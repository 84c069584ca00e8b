using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace NNTools.PesterLite;

/// <summary>
/// Expands Pester's name templates: &lt;key&gt; is a -ForEach hashtable key (of the test's own
/// item, then of enclosing blocks' items), &lt;_&gt; the item itself, and &lt;key.Property&gt;
/// a property of either. Unknown templates stay as written, so a typo is visible.
/// </summary>
internal static partial class TestName
{
    [GeneratedRegex(@"<([\w.]+)>")]
    private static partial Regex Template();

    public static string Expand(string name, DataItem? data, Block parent)
    {
        var items = new[] { data }.Concat(parent.SelfAndAncestors().Select(b => b.Data)).OfType<DataItem>().ToList();
        return items.Count == 0 ? name : Template().Replace(name, m => Resolve(m.Groups[1].Value, items) ?? m.Value);
    }

    private static string? Resolve(string path, List<DataItem> items)
    {
        string[] parts = path.Split('.');
        foreach (var item in items)
        {
            object? value;
            if (parts[0] == "_") value = item.Item;
            else if (PSObject.AsPSObject(item.Item).BaseObject is IDictionary table && table.Contains(parts[0])) value = table[parts[0]];
            else continue;
            foreach (string property in parts.Skip(1))
                value = value is null ? null : PSObject.AsPSObject(value).Properties[property]?.Value;
            return LanguagePrimitives.ConvertTo<string>(value);
        }
        return null;
    }
}
