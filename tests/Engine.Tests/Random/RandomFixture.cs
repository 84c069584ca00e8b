using System.Globalization;
using System.Text.Json;

namespace NNTools.Tests.Random;

/// <summary>
/// Loads Fixtures/random/random.json (written by make_random.py from PyTorch 1.13) and replays
/// its cases on the engine's generator. A case seeds a generator and runs ops in order; each op's
/// values are compared bit for bit: floats by their IEEE bit patterns, integers as themselves.
/// </summary>
internal static class RandomFixture
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "random", "random.json"))));

    public static JsonElement Case(string name) =>
        Document.Value.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> CaseNames(bool explicitGenerator)
    {
        var data = new TheoryData<string>();
        foreach (var c in Document.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("explicit").GetBoolean() == explicitGenerator) data.Add(c.GetProperty("name").GetString()!);
        }
        return data;
    }

    /// <summary>The case's seed, or null for a generator PyTorch never seeded (its default seed).</summary>
    public static long? Seed(JsonElement c) => c.GetProperty("seed").ValueKind == JsonValueKind.Null ? null : c.GetProperty("seed").GetInt64();

    /// <summary>
    /// Runs every op of case <paramref name="c"/> on <paramref name="generator"/> (null: the default
    /// generator) and asserts each result equals PyTorch's bit for bit.
    /// </summary>
    public static void Replay(JsonElement c, Generator? generator)
    {
        var ops = c.GetProperty("ops").EnumerateArray().ToArray();
        var g = generator ?? Generator.Default;
        for (int i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            string kind = op.GetProperty("op").GetString()!;
            string where = $"{c.GetProperty("name").GetString()} op {i} ({kind})";
            switch (kind)
            {
                case "get_state":
                    Assert.True(op.GetProperty("hex").GetString() == Convert.ToHexStringLower(g.GetState()), $"{where}: state bytes differ from torch.get_rng_state()");
                    break;
                case "set_state":
                    g.SetState(Convert.FromHexString(ops[op.GetProperty("from").GetInt32()].GetProperty("hex").GetString()!));
                    break;
                default:
                    AssertSame(where, Expected(op), Actual(op, generator));
                    break;
            }
        }
    }

    private static Tensor Actual(JsonElement op, Generator? g)
    {
        int[] Shape() => op.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        DType DTypeOf() => op.GetProperty("dtype").GetString() == "float64" ? DType.Float64 : DType.Float32;
        double Arg(string name) => double.Parse(op.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
        return op.GetProperty("op").GetString() switch
        {
            "rand" => Tensor.Rand(Shape(), DTypeOf(), g),
            "randn" => Tensor.Randn(Shape(), DTypeOf(), g),
            "randint" => Tensor.Randint(op.GetProperty("low").GetInt64(), op.GetProperty("high").GetInt64(), Shape(), DType.Int64, g),
            "randperm" => Tensor.Randperm(op.GetProperty("n").GetInt32(), g),
            "uniform_" => Target(op, Shape(), DTypeOf()).Uniform_(Arg("a"), Arg("b"), g),
            "normal_" => Target(op, Shape(), DTypeOf()).Normal_(Arg("mean"), Arg("std"), g),
            "bernoulli_" => Target(op, Shape(), DTypeOf()).Bernoulli_(Arg("p"), g),
            var other => throw new InvalidOperationException($"unknown fixture op {other}"),
        };
    }

    /// <summary>The tensor an in-place fill writes to, laid out as make_random.py's Recorder.empty made it.</summary>
    private static Tensor Target(JsonElement op, int[] s, DType dtype)
    {
        string layout = op.TryGetProperty("layout", out var l) ? l.GetString()! : "contiguous";
        return layout switch
        {
            "contiguous" => Tensor.Zeros(s, dtype),
            "transposed" => Tensor.Zeros([s[1], s[0]], dtype).T,
            "strided" => Tensor.Zeros([s[0], 2 * s[1]], dtype).Slice(1, null, null, 2),
            "permuted" => Tensor.Zeros([s[2], s[0], s[1]], dtype).Permute(1, 2, 0),
            _ => throw new InvalidOperationException($"unknown fixture layout {layout}"),
        };
    }

    private static (DType DType, ulong[] Bits) Expected(JsonElement op)
    {
        var values = op.GetProperty("values").EnumerateArray();
        string kind = op.GetProperty("op").GetString()!;
        if (kind is "randint" or "randperm") return (DType.Int64, values.Select(v => (ulong)v.GetInt64()).ToArray());
        return (op.GetProperty("dtype").GetString() == "float64" ? DType.Float64 : DType.Float32, values.Select(v => v.GetUInt64()).ToArray());
    }

    /// <summary>Bit patterns of a tensor's values: float32 as uint32, float64 as uint64, int64 as itself.</summary>
    public static ulong[] Bits(Tensor t) => t.DType switch
    {
        DType.Float32 => t.ToFloatArray().Select(v => (ulong)BitConverter.SingleToUInt32Bits(v)).ToArray(),
        DType.Float64 => t.ToDoubleArray().Select(BitConverter.DoubleToUInt64Bits).ToArray(),
        _ => t.ToInt64Array().Select(v => (ulong)v).ToArray(),
    };

    private static void AssertSame(string where, (DType DType, ulong[] Bits) expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        var bits = Bits(actual);
        Assert.Equal(expected.Bits.Length, bits.Length);
        var wrong = Enumerable.Range(0, bits.Length).Where(i => bits[i] != expected.Bits[i]).ToArray();
        if (wrong.Length == 0) return;
        int first = wrong[0];
        string Show(ulong b) => expected.DType switch
        {
            DType.Float32 => BitConverter.UInt32BitsToSingle((uint)b).ToString("R", CultureInfo.InvariantCulture),
            DType.Float64 => BitConverter.UInt64BitsToDouble(b).ToString("R", CultureInfo.InvariantCulture),
            _ => ((long)b).ToString(CultureInfo.InvariantCulture),
        };
        long maxUlps = wrong.Max(i => Math.Abs((long)(bits[i] - expected.Bits[i])));
        Assert.Fail($"{where}: {wrong.Length} of {bits.Length} values differ (largest gap {maxUlps} in bit pattern); first at {first}: torch {Show(expected.Bits[first])}, engine {Show(bits[first])}");
    }
}
