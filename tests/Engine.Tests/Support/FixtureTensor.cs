using System.Globalization;
using System.Text.Json;

namespace NNTools.Tests.Support;

/// <summary>Reads fixtures written by Fixtures/fixture_util.py: tensors as dtype, shape and flat data.</summary>
public static class FixtureTensor
{
    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static JsonDocument Load(params string[] parts) => JsonDocument.Parse(File.ReadAllText(PathOf(parts)));

    /// <summary>A fixture file's top-level array of cases keyed by their "name", for tests that pick cases by name.</summary>
    public static Dictionary<string, JsonElement> LoadNamedCases(params string[] parts)
    {
        using var doc = Load(parts);
        return doc.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
    }

    /// <summary>The indices 0..n-1 of a fixture file's top-level array, as theory data (one test case per fixture case).</summary>
    public static TheoryData<int> CaseIndices(params string[] parts)
    {
        using var doc = Load(parts);
        return new TheoryData<int>(Enumerable.Range(0, doc.RootElement.GetArrayLength()));
    }

    public static Tensor Read(JsonElement e)
    {
        var dtype = DTypes.Parse(e.GetProperty("dtype").GetString()!);
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().ToArray();
        Tensor flat = dtype switch
        {
            DType.Float32 => Tensor.FromBuffer(data.Select(x => (float)Number(x)).ToArray(), [data.Length]),
            DType.Float64 => Tensor.FromBuffer(data.Select(Number).ToArray(), [data.Length]),
            DType.Int64 => Tensor.FromBuffer(data.Select(x => x.GetInt64()).ToArray(), [data.Length]),
            DType.Int32 => Tensor.FromBuffer(data.Select(x => x.GetInt32()).ToArray(), [data.Length]),
            DType.UInt8 => Tensor.FromBuffer(data.Select(x => x.GetByte()).ToArray(), [data.Length]),
            _ => Tensor.FromBuffer(data.Select(x => x.GetBoolean()).ToArray(), [data.Length]),
        };
        return flat.Reshape(shape);
    }

    private static double Number(JsonElement x) => x.ValueKind == JsonValueKind.String
        ? x.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        }
        : x.GetDouble();

    /// <summary>
    /// Asserts same dtype, same shape, and values within atol + rtol |expected| (NaN equals NaN),
    /// naming the first element that differs.
    /// </summary>
    public static void AssertClose(Tensor expected, Tensor actual, double rtol = 1e-6, double atol = 1e-7, string? context = null)
    {
        var where = context is null ? "" : $" ({context})";
        Assert.True(expected.DType == actual.DType, $"dtype: expected {expected.DType}, got {actual.DType}{where}");
        Assert.True(expected.Shape.SequenceEqual(actual.Shape),
            $"shape: expected [{string.Join(", ", expected.Shape)}], got [{string.Join(", ", actual.Shape)}]{where}");
        var e = expected.ToDoubleArray();
        var a = actual.ToDoubleArray();
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i]) && double.IsNaN(a[i])) continue;
            if (e[i] == a[i]) continue;
            Assert.True(Math.Abs(e[i] - a[i]) <= atol + rtol * Math.Abs(e[i]),
                $"element {i}: expected {e[i]:R}, got {a[i]:R}{where}");
        }
    }
}
