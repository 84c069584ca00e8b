using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// Reads named values from pipeline rows as Import-Csv and [pscustomobject] give them (or
/// hashtables), for the cmdlets that turn rows into tensors and data sets.
/// </summary>
internal static class PSRow
{
    /// <summary>The value of <paramref name="name"/> in <paramref name="row"/>, unwrapped; false when the row has no such property or key.</summary>
    public static bool TryGetValue(object row, string name, out object? value)
    {
        var wrapped = PSObject.AsPSObject(row);
        value = null;
        if (wrapped.BaseObject is IDictionary table)
        {
            if (!table.Contains(name)) return false;
            value = Unwrap(table[name]);
            return true;
        }
        if (wrapped.Properties[name] is not { } property) return false;
        value = Unwrap(property.Value);
        return true;
    }

    /// <summary>The row's property (or key) names, for messages.</summary>
    public static IEnumerable<string> Names(object row)
    {
        var wrapped = PSObject.AsPSObject(row);
        return wrapped.BaseObject is IDictionary d ? d.Keys.Cast<object>().Select(k => k.ToString() ?? "") : wrapped.Properties.Select(p => p.Name);
    }

    /// <summary>A number from a numeric value, a bool, or text in the invariant culture (Import-Csv gives every field as text); null otherwise.</summary>
    public static double? AsNumber(object? value) => value switch
    {
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null,
        bool b => b ? 1 : 0,
        IConvertible c when value is not char and not DateTime => c.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static object? Unwrap(object? value) => value is PSObject p ? p.BaseObject : value;
}
