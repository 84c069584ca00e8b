using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Internal;

namespace NNTools.PesterLite.Commands;

/// <summary>PowerShell's own notions of collection, equality and text, as Pester uses them.</summary>
internal static class Values
{
    public static object? Unwrap(object? value) =>
        value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;

    /// <summary>$null as PowerShell sees it: also AutomationNull and a PSObject around nothing.</summary>
    public static bool IsNull(object? value) =>
        value is null || ReferenceEquals(value, AutomationNull.Value) || (value is PSObject wrapped && wrapped.BaseObject is null);

    /// <summary>True for what PowerShell enumerates in a pipeline: not strings, not dictionaries.</summary>
    public static bool IsCollection(object? value) => value is not null && LanguagePrimitives.GetEnumerable(value) is not null;

    /// <summary>The items of @(value): none for $null, the elements of a collection, else the value itself.</summary>
    public static List<object?> Items(object? value)
    {
        if (IsNull(value)) return [];
        return LanguagePrimitives.GetEnumerable(value) is { } items ? items.Cast<object?>().ToList() : [value];
    }

    public static int Count(object? value) => Items(value).Count;

    /// <summary>
    /// Pester's array equality: $null and empty equal each other; collections are equal item by
    /// item (nested ones recursively); scalars compare as <c>$expected -eq $actual</c>.
    /// </summary>
    public static bool AreEqual(object? actual, object? expected, bool ignoreCase)
    {
        var first = Items(actual);
        var second = Items(expected);
        bool firstEmpty = first.Count == 0 || (first.Count == 1 && IsNull(first[0]));
        bool secondEmpty = second.Count == 0 || (second.Count == 1 && IsNull(second[0]));
        if (firstEmpty || secondEmpty) return firstEmpty && secondEmpty;
        if (first.Count != second.Count) return false;
        for (int i = 0; i < first.Count; i++)
        {
            bool equal = IsCollection(first[i]) || IsCollection(second[i])
                ? AreEqual(first[i], second[i], ignoreCase)
                : ScalarEquals(second[i], first[i], ignoreCase);
            if (!equal) return false;
        }
        return true;
    }

    /// <summary><c>$left -eq $right</c> (or -ceq): the left side's type decides the conversion.</summary>
    public static bool ScalarEquals(object? left, object? right, bool ignoreCase = true) =>
        LanguagePrimitives.Equals(left, right, ignoreCase, CultureInfo.InvariantCulture);

    /// <summary>The text PowerShell's -like and -match see.</summary>
    public static string Text(object? value) => IsNull(value) ? "" : PSObject.AsPSObject(value).ToString();
}
