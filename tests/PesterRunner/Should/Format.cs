using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text;

namespace NNTools.PesterLite.Commands;

/// <summary>Values written as Pester's Format-Nicely writes them in failure messages: 'text', $null, @(1, 2).</summary>
internal static class Format
{
    private const int MaxItems = 20;

    public static string Nicely(object? value, int depth = 0)
    {
        value = Values.Unwrap(value);
        return value switch
        {
            null => "$null",
            _ when Values.IsNull(value) => "$null",
            bool b => b ? "$true" : "$false",
            string s => $"'{s}'",
            Type t => TypeName(t),
            ScriptBlock sb => "{" + sb + "}",
            PSObject custom => "PSObject{" + string.Join("; ", custom.Properties.Select(p => $"{p.Name}={Nicely(p.Value, depth + 1)}")) + "}",
            IDictionary table => "@{" + string.Join("; ", table.Cast<DictionaryEntry>().Select(e => $"{e.Key}={Nicely(e.Value, depth + 1)}")) + "}",
            _ when Values.IsCollection(value) => Collection(value, depth),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    public static string TypeName(Type? type) => type is null ? "$null" : $"[{type.FullName}]";

    private static string Collection(object value, int depth)
    {
        if (depth > 2) return "@(...)";
        var items = Values.Items(value);
        var text = new StringBuilder("@(");
        text.AppendJoin(", ", items.Take(MaxItems).Select(item => Nicely(item, depth + 1)));
        if (items.Count > MaxItems) text.Append($", ... {items.Count - MaxItems} more");
        return text.Append(')').ToString();
    }
}
