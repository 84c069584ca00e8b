using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.Printing;

/// <summary>
/// Tensor.ToString against PyTorch 1.13's repr() (Fixtures/printing/make_printing.py). Every case
/// rebuilds the printed tensor from its exact values and compares the whole string.
/// </summary>
[Collection(PrintOptionsCollection.Name)]
public class TensorPrintingTests
{
    private static readonly Lazy<JsonElement> Fixture = new(() => FixtureTensor.Load("printing", "printing.json").RootElement);

    private static JsonElement Case(string kind, int index) => Fixture.Value.GetProperty(kind)[index];

    private static TheoryData<int, string> Names(string kind)
    {
        var data = new TheoryData<int, string>();
        int i = 0;
        foreach (var c in Fixture.Value.GetProperty(kind).EnumerateArray())
        {
            data.Add(i++, c.TryGetProperty("name", out var n) ? n.GetString()! : c.GetProperty("options").GetRawText());
        }
        return data;
    }

    public static TheoryData<int, string> TensorCases => Names("tensors");

    public static TheoryData<int, string> OpCases => Names("ops");

    public static TheoryData<int, string> OptionCases => Names("options");

    private static Tensor ReadTensor(JsonElement c)
    {
        var t = FixtureTensor.Read(c.GetProperty("tensor"));
        return c.GetProperty("requires_grad").GetBoolean() ? t.RequiresGrad_() : t;
    }

    [Theory]
    [MemberData(nameof(TensorCases))]
    public void PrintsLikePyTorch(int index, string name)
    {
        var c = Case("tensors", index);
        Assert.Equal(c.GetProperty("expected").GetString(), ReadTensor(c).ToString(PrintSettings.Default));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Theory]
    [MemberData(nameof(OpCases))]
    public void PrintsGradFnLikePyTorch(int index, string name)
    {
        var c = Case("ops", index);
        var x = FixtureTensor.Read(c.GetProperty("input")).RequiresGrad_();
        Assert.Equal(c.GetProperty("expected").GetString(), ApplyOp(name, x).ToString(PrintSettings.Default));
    }

    /// <summary>The same expressions as make_printing.py's OPS table.</summary>
    private static Tensor ApplyOp(string name, Tensor x) => name switch
    {
        "mul scalar" => x * 2,
        "mul" => x * x,
        "add" => x + x,
        "add scalar" => x + 1,
        "sub" => x - x.Detach(),
        "sub scalar" => x - 1,
        "div scalar" => x / 2,
        "div" => x / (x.Detach() + 10),
        "neg" => -x,
        "pow 2" => x.Pow(2),
        "pow 3" => x.Pow(3),
        "pow tensor" => x.Abs().Detach().Pow(x),
        "exp" => x.Exp(),
        "log" => (x.Detach().Abs() + 1).RequiresGrad_().Log(),
        "sqrt" => (x.Detach().Abs() + 1).RequiresGrad_().Sqrt(),
        "rsqrt" => (x.Detach().Abs() + 1).RequiresGrad_().Rsqrt(),
        "reciprocal" => x.Reciprocal(),
        "abs" => x.Abs(),
        "tanh" => x.Tanh(),
        "sigmoid" => x.Sigmoid(),
        "relu" => x.Relu(),
        "clamp" => x.Clamp(-0.5, 0.5),
        "sum" => x.Sum(),
        "sum dim" => x.Sum(0),
        "mean" => x.Mean(),
        "mean dim" => x.Mean(1),
        "mean dim keepdim" => x.Mean(1, keepDim: true),
        "view" => x.View(3, 2),
        "reshape" => x.Reshape(6),
        "reshape copy" => x.t().Reshape(6),
        "flatten" => x.Flatten(),
        "t" => x.t(),
        "T" => x.T,
        "transpose" => x.Transpose(0, 1),
        "permute" => x.Permute(1, 0),
        "unsqueeze" => x.Unsqueeze(0),
        "squeeze" => x.Unsqueeze(0).Squeeze(),
        "squeeze dim" => x.Unsqueeze(1).Squeeze(1),
        "squeeze dim noop" => x.Squeeze(0),
        "expand" => x.Slice(0, 0, 1).Expand(3, 3),
        "select" => x.Select(0, 1),
        "slice" => x.Slice(1, 1, null),
        "double" => x.Double(),
        "clone" => x.Clone(),
        "maximum" => x.Maximum(x.Detach() * 0),
        _ => throw new ArgumentException($"no C# expression for fixture op '{name}'", nameof(name)),
    };

    [Theory]
    [MemberData(nameof(OptionCases))]
    public void PrintsWithOptionsLikePyTorch(int index, string options)
    {
        var c = Case("options", index);
        var o = c.GetProperty("options");
        PrintOptions.Set(
            precision: o.TryGetProperty("precision", out var p) ? p.GetInt32() : null,
            threshold: o.TryGetProperty("threshold", out var th) ? th.GetDouble() : null,
            edgeItems: o.TryGetProperty("edgeitems", out var e) ? e.GetInt32() : null,
            lineWidth: o.TryGetProperty("linewidth", out var l) ? l.GetInt32() : null,
            profile: o.TryGetProperty("profile", out var pr) ? pr.GetString() : null,
            sciMode: o.TryGetProperty("sci_mode", out var s) ? s.GetBoolean() : null);
        try
        {
            Assert.Equal(c.GetProperty("expected").GetString(), ReadTensor(c).ToString());
        }
        finally
        {
            PrintOptions.Reset();
        }
        Assert.Equal(PrintSettings.Default, PrintOptions.Current);
        Assert.False(string.IsNullOrEmpty(options));
    }
}
