using System.Globalization;
using System.Text.Json.Nodes;

namespace NNTools.Commands;

/// <summary>
/// The plain values of an optimizer's state dict (hyper-parameters, steps, flags) as JSON that keeps
/// their .NET type: ["f", "0.001"] for a double (written with "R", so NaN, infinities and every bit
/// survive), ["l", 5], ["b", true], ["s", "text"], ["fa", [...]], ["ia", [...]], ["n"] for null.
/// LoadStateDict checks types, so a double must not come back as a long.
/// </summary>
internal static class TaggedValue
{
    public static JsonNode ToJson(object? value) => value switch
    {
        null => new JsonArray("n"),
        double d => new JsonArray("f", Real(d)),
        float f => new JsonArray("f", Real(f)),
        long l => new JsonArray("l", l),
        int i => new JsonArray("l", i),
        bool b => new JsonArray("b", b),
        string s => new JsonArray("s", s),
        double[] a => new JsonArray("fa", new JsonArray([.. a.Select(d => (JsonNode)Real(d))])),
        int[] a => new JsonArray("ia", new JsonArray([.. a.Select(i => (JsonNode)i)])),
        _ => throw new NotSupportedException($"an optimizer state value of type {value.GetType().Name} cannot be serialized"),
    };

    public static object? FromJson(JsonNode node)
    {
        var pair = node.AsArray();
        return pair[0]!.GetValue<string>() switch
        {
            "n" => null,
            "f" => Parse(pair[1]!),
            "l" => pair[1]!.GetValue<long>(),
            "b" => pair[1]!.GetValue<bool>(),
            "s" => pair[1]!.GetValue<string>(),
            "fa" => pair[1]!.AsArray().Select(n => Parse(n!)).ToArray(),
            "ia" => pair[1]!.AsArray().Select(n => n!.GetValue<int>()).ToArray(),
            var tag => throw new FormatException($"unknown value tag '{tag}' in serialized optimizer state"),
        };
    }

    private static string Real(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static double Parse(JsonNode n) => double.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture);
}
