using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.Differential;

/// <summary>
/// One recorded case of Fixtures/differential/differential.json.gz (see make_differential.py):
/// an op name, its inputs and named arguments, and PyTorch's outputs and gradients.
/// </summary>
public sealed class DifferentialCase(JsonElement e)
{
    public int Id { get; } = e.GetProperty("id").GetInt32();
    public string Family { get; } = e.GetProperty("family").GetString()!;
    public string Op { get; } = e.GetProperty("op").GetString()!;
    public Kw Kw { get; } = new(e.GetProperty("kw"));
    public bool Raises { get; } = e.GetProperty("raises").GetBoolean();
    public bool BackwardRaises { get; } = e.TryGetProperty("backward_raises", out var b) && b.GetBoolean();
    public JsonElement Json { get; } = e;

    /// <summary>
    /// True when torch computed float64 values through float32: any input or output is float32; or
    /// pow with an integer tensor base, whose log its backward takes in float32; or addcmul/addcdiv
    /// with an integer tensor, which its backward multiplies by the Python-float value (int64 times a
    /// Python float is float32).
    /// </summary>
    public bool Float32Involved { get; } = e.GetRawText().Contains("\"dtype\":\"float32\"", StringComparison.Ordinal)
        || (e.GetProperty("op").GetString() == "pow" && e.GetProperty("inputs")[0].GetProperty("dtype").GetString() is "int64" or "bool")
        || (e.GetProperty("op").GetString() is "addcmul" or "addcdiv" && e.GetRawText().Contains("\"dtype\":\"int64\"", StringComparison.Ordinal));

    /// <summary>A line naming the case for failure messages: id, op, arguments and each input's dtype, shape and view.</summary>
    public override string ToString()
    {
        var ins = Json.GetProperty("inputs").EnumerateArray().Select(i =>
            $"{i.GetProperty("dtype").GetString()}[{string.Join(",", i.GetProperty("shape").EnumerateArray())}]" +
            (i.GetProperty("view").ValueKind == JsonValueKind.String ? "." + i.GetProperty("view").GetString() : "") +
            (i.GetProperty("rg").GetBoolean() ? "(rg)" : ""));
        var torch = Json.TryGetProperty("error", out var err) ? $" torch: {err.GetString()}" : "";
        return $"case {Id} {Family}/{Op} kw={Json.GetProperty("kw").GetRawText()} inputs=[{string.Join(", ", ins)}]{torch}";
    }

    /// <summary>The cases of every differential*.json.gz fixture, parsed once per test run.</summary>
    public static IReadOnlyList<DifferentialCase> All => s_all.Value;

    private static readonly Lazy<IReadOnlyList<DifferentialCase>> s_all = new(() =>
    {
        var folder = Path.GetDirectoryName(FixtureTensor.PathOf("differential", "differential.json.gz"))!;
        var cases = new List<DifferentialCase>();
        var owner = new Dictionary<string, string>();
        foreach (var path in Directory.GetFiles(folder, "differential*.json.gz").Order(StringComparer.Ordinal))
        {
            using var file = File.OpenRead(path);
            using var gz = new GZipStream(file, CompressionMode.Decompress);
            using var doc = JsonDocument.Parse(gz);
            foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => new DifferentialCase(c.Clone())))
            {
                // One family per file: the replay runs a family as one test, so two files must not share a name.
                if (owner.TryGetValue(c.Family, out var other) && other != path)
                {
                    throw new InvalidDataException($"family {c.Family} is in both {other} and {path}");
                }
                owner[c.Family] = path;
                cases.Add(c);
            }
        }
        return cases;
    });
}

/// <summary>
/// A case's named arguments. A JSON number written with a point or exponent was a Python float,
/// otherwise a Python int: the two promote differently, so the replay calls the matching overload.
/// </summary>
public sealed class Kw(JsonElement e)
{
    public bool Has(string name) => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public int Int(string name) => e.GetProperty(name).GetInt32();

    public bool Bool(string name) => e.GetProperty(name).GetBoolean();

    public string Str(string name) => e.GetProperty(name).GetString()!;

    public int[] Ints(string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetInt32()).ToArray();

    public bool IsList(string name) => e.GetProperty(name).ValueKind == JsonValueKind.Array;

    public JsonElement Raw(string name) => e.GetProperty(name);

    /// <summary>A Python number as long (int), double (float) or bool.</summary>
    public object Num(string name) => Number(e.GetProperty(name));

    public static object Number(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ when v.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0 => v.GetDouble(),
        _ => v.GetInt64(),
    };

    public double Double(string name) => Convert.ToDouble(Num(name), CultureInfo.InvariantCulture);
}
