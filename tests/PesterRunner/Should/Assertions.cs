using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;
using static NNTools.PesterLite.Commands.Format;

namespace NNTools.PesterLite.Commands;

/// <summary>One Should operator: whether it tests piped items as one array, and its test, which returns the failure message or null.</summary>
internal sealed record Assertion(bool TakesCollection, Func<ShouldCommand, object?, string?> Test);

/// <summary>Should's operators with Pester 5's meaning and (roughly) its failure messages.</summary>
internal static class Assertions
{
    public static Assertion For(string operatorName) => operatorName switch
    {
        "Be" => new(true, (c, a) => Be(c, a, ignoreCase: true)),
        "BeExactly" => new(true, (c, a) => Be(c, a, ignoreCase: false)),
        "BeGreaterThan" => new(false, (c, a) => Compare(c, a, r => r > 0, "greater than", "less than or equal to")),
        "BeLessThan" => new(false, (c, a) => Compare(c, a, r => r < 0, "less than", "greater than or equal to")),
        "BeGreaterOrEqual" => new(false, (c, a) => Compare(c, a, r => r >= 0, "greater than or equal to", "less than")),
        "BeLessOrEqual" => new(false, (c, a) => Compare(c, a, r => r <= 0, "less than or equal to", "greater than")),
        "BeLike" => new(false, (c, a) => Like(c, a, WildcardOptions.IgnoreCase, "like wildcard")),
        "BeLikeExactly" => new(false, (c, a) => Like(c, a, WildcardOptions.None, "case sensitive like wildcard")),
        "Match" => new(false, (c, a) => Match(c, a, RegexOptions.IgnoreCase, "match")),
        "MatchExactly" => new(false, (c, a) => Match(c, a, RegexOptions.None, "case sensitively match")),
        "BeTrue" => new(false, (c, a) => Truth(c, a, expected: true)),
        "BeFalse" => new(false, (c, a) => Truth(c, a, expected: false)),
        "BeNullOrEmpty" => new(true, BeNullOrEmpty),
        "Contain" => new(true, Contain),
        "BeIn" => new(false, BeIn),
        "HaveCount" => new(true, HaveCount),
        "BeOfType" => new(false, BeOfType),
        "Throw" => new(false, ThrowAssertion.Test),
        _ => throw new PSArgumentException($"Should has no operator '{operatorName}'."),
    };

    /// <summary>The failure message, if the assertion (or its negation under -Not) does not hold.</summary>
    internal static string? Verdict(ShouldCommand c, bool holds, Func<string> failed, Func<string> failedNegated) =>
        c.Not ? (holds ? failedNegated() : null) : (holds ? null : failed());

    private static string? Be(ShouldCommand c, object? actual, bool ignoreCase)
    {
        object? expected = c.ExpectedValue;
        bool equal = Values.AreEqual(actual, expected, ignoreCase);
        if (!equal && !c.Not && Values.Unwrap(actual) is string a && Values.Unwrap(expected) is string e)
            return StringDifference(c, a, e, ignoreCase);
        string exactly = ignoreCase ? "" : "exactly ";
        return Verdict(c, equal,
            () => $"Expected {exactly}{Nicely(expected)},{c.BecauseClause} but got {Nicely(actual)}.",
            () => $"Expected {exactly}{Nicely(expected)} to be different from the actual value,{c.BecauseClause} but got the same value.");
    }

    private static string StringDifference(ShouldCommand c, string actual, string expected, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int index = 0;
        while (index < actual.Length && index < expected.Length
               && string.Compare(actual, index, expected, index, 1, comparison) == 0) index++;
        string lengths = actual.Length == expected.Length
            ? $"String lengths are both {actual.Length}."
            : $"Expected length: {expected.Length}\nActual length:   {actual.Length}";
        return $"Expected strings to be the same,{c.BecauseClause} but they were different.\n{lengths}\n"
             + $"Strings differ at index {index}.\nExpected: '{expected}'\nBut was:  '{actual}'\n{new string(' ', index + 11)}^";
    }

    private static string? Compare(ShouldCommand c, object? actual, Func<int, bool> holds, string relation, string negatedRelation)
    {
        int order = LanguagePrimitives.Compare(actual, c.ExpectedValue, ignoreCase: true);
        return Verdict(c, holds(order),
            () => $"Expected the actual value to be {relation} {Nicely(c.ExpectedValue)},{c.BecauseClause} but got {Nicely(actual)}.",
            () => $"Expected the actual value to be {negatedRelation} {Nicely(c.ExpectedValue)},{c.BecauseClause} but got {Nicely(actual)}.");
    }

    private static string? Like(ShouldCommand c, object? actual, WildcardOptions options, string what)
    {
        string pattern = Values.Text(c.ExpectedValue);
        bool match = WildcardPattern.Get(pattern, options).IsMatch(Values.Text(actual));
        return Verdict(c, match,
            () => $"Expected {what} {Nicely(pattern)} to match {Nicely(actual)},{c.BecauseClause} but it did not match.",
            () => $"Expected {what} {Nicely(pattern)} to not match {Nicely(actual)},{c.BecauseClause} but it did match.");
    }

    private static string? Match(ShouldCommand c, object? actual, RegexOptions options, string what)
    {
        bool match = Regex.IsMatch(Values.Text(actual), c.RegularExpression, options | RegexOptions.CultureInvariant);
        return Verdict(c, match,
            () => $"Expected regular expression {Nicely(c.RegularExpression)} to {what} {Nicely(actual)},{c.BecauseClause} but it did not match.",
            () => $"Expected regular expression {Nicely(c.RegularExpression)} to not {what} {Nicely(actual)},{c.BecauseClause} but it did match.");
    }

    // Pester's BeTrue and BeFalse test PowerShell truthiness, not the [bool] type.
    private static string? Truth(ShouldCommand c, object? actual, bool expected) =>
        Verdict(c, LanguagePrimitives.IsTrue(actual) == expected,
            () => $"Expected {Nicely(expected)},{c.BecauseClause} but got {Nicely(actual)}.",
            () => $"Expected {Nicely(!expected)},{c.BecauseClause} but got {Nicely(actual)}.");

    private static string? BeNullOrEmpty(ShouldCommand c, object? actual)
    {
        object? value = Values.Unwrap(actual);
        bool empty = Values.IsNull(value) || value is "" || (value is IDictionary table && table.Count == 0)
                     || (Values.IsCollection(value) && Values.Count(value) == 0);
        return Verdict(c, empty,
            () => $"Expected $null or empty,{c.BecauseClause} but got {Nicely(actual)}.",
            () => $"Expected a value,{c.BecauseClause} but got $null or empty.");
    }

    private static string? Contain(ShouldCommand c, object? actual) =>
        Verdict(c, Values.Items(actual).Any(item => Values.ScalarEquals(item, c.ExpectedValue)),
            () => $"Expected {Nicely(c.ExpectedValue)} to be found in collection {Nicely(actual)},{c.BecauseClause} but it was not found.",
            () => $"Expected {Nicely(c.ExpectedValue)} to not be found in collection {Nicely(actual)},{c.BecauseClause} but it was found.");

    private static string? BeIn(ShouldCommand c, object? actual) =>
        Verdict(c, Values.Items(c.ExpectedValue).Any(item => Values.ScalarEquals(item, actual)),
            () => $"Expected collection {Nicely(c.ExpectedValue)} to contain {Nicely(actual)},{c.BecauseClause} but it was not found.",
            () => $"Expected collection {Nicely(c.ExpectedValue)} to not contain {Nicely(actual)},{c.BecauseClause} but it was found.");

    private static string? HaveCount(ShouldCommand c, object? actual)
    {
        int expected = LanguagePrimitives.ConvertTo<int>(c.ExpectedValue);
        if (expected < 0) throw new PSArgumentException("Should -HaveCount needs a count of 0 or more.");
        int count = Values.Count(actual);
        return Verdict(c, count == expected,
            () => $"Expected a collection with size {expected},{c.BecauseClause} but got collection with size {count} {Nicely(actual)}.",
            () => $"Expected a collection with size different from {expected},{c.BecauseClause} but got collection with that size {Nicely(actual)}.");
    }

    private static string? BeOfType(ShouldCommand c, object? actual)
    {
        var type = ResolveType(c.ExpectedType);
        object? value = actual is PSObject wrapped ? wrapped.BaseObject : actual;
        bool holds = !Values.IsNull(value) && (type.IsInstanceOfType(value) || type.IsInstanceOfType(actual));
        string got = $"{Nicely(actual)} with type {TypeName(Values.IsNull(value) ? null : value!.GetType())}";
        return Verdict(c, holds,
            () => $"Expected the value to have type {TypeName(type)} or any of its subtypes,{c.BecauseClause} but got {got}.",
            () => $"Expected the value to not have type {TypeName(type)} or any of its subtypes,{c.BecauseClause} but got {got}.");
    }

    private static Type ResolveType(object expected)
    {
        if (Values.Unwrap(expected) is Type type) return type;
        string name = Values.Text(expected).Trim().TrimStart('[').TrimEnd(']');
        return LanguagePrimitives.TryConvertTo<Type>(name, out var resolved) && resolved is not null
            ? resolved
            : throw new PSArgumentException($"Could not find type [{name}]. Make sure that the assembly that contains that type is loaded.");
    }
}
