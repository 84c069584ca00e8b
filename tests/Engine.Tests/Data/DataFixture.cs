using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.Data;

/// <summary>Fixtures/data/data.json (made by make_data.py from NumPy, scikit-learn and PyTorch), parsed once.</summary>
internal static class DataFixture
{
    private static readonly Lazy<JsonElement> Root = new(() => FixtureTensor.Load("data", "data.json").RootElement.Clone());

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static IEnumerable<JsonElement> Cases(string name) => Get(name).EnumerateArray();

    public static double[] Doubles(JsonElement tensor) => FixtureTensor.Read(tensor).ToDoubleArray();

    public static long[] Longs(JsonElement tensor) => FixtureTensor.Read(tensor).FlatCopy<long>();

    /// <summary>Asserts two float64 arrays equal bit for bit, naming the first difference in ulps.</summary>
    public static void AssertBitEqual(double[] expected, double[] actual, string context)
    {
        Assert.True(expected.Length == actual.Length, $"length: expected {expected.Length}, got {actual.Length} ({context})");
        for (int i = 0; i < expected.Length; i++)
        {
            long e = BitConverter.DoubleToInt64Bits(expected[i]), a = BitConverter.DoubleToInt64Bits(actual[i]);
            Assert.True(e == a, $"element {i}: expected {expected[i]:R}, got {actual[i]:R} ({a - e} ulp) ({context})");
        }
    }
}
