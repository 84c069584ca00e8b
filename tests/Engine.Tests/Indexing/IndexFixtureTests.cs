using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.Indexing;

/// <summary>Indexing, assignment and joining against PyTorch 1.13 (Fixtures/indexing/make_indexing.py).</summary>
public class IndexFixtureTests
{
    private static readonly JsonDocument Doc = FixtureTensor.Load("indexing", "indexing.json");

    private static JsonElement Root => Doc.RootElement;

    private static Tensor Source(string name) => FixtureTensor.Read(Root.GetProperty("tensors").GetProperty(name));

    public static TheoryData<int> Cases(string section) => new(Enumerable.Range(0, Doc.RootElement.GetProperty(section).GetArrayLength()));

    public static TheoryData<int> GetCases => Cases("get");

    public static TheoryData<int> SetCases => Cases("set");

    public static TheoryData<int> ErrorCases => Cases("errors");

    public static TheoryData<int> OpCases => Cases("ops");

    [Theory]
    [MemberData(nameof(GetCases))]
    public void ReadMatchesPyTorch(int i)
    {
        var c = Root.GetProperty("get")[i];
        var expr = c.GetProperty("expr").GetString()!;
        var x = Source(c.GetProperty("source").GetString()!);
        bool floating = x.IsFloatingPoint();
        if (floating) x.RequiresGrad = true;
        var r = x[expr];
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("result")), r, context: expr);
        if (!floating) return;
        var w = Tensor.Arange(1, r.Numel() + 1, 1, DType.Float64).Reshape(r.Shape).To(r.DType);
        (r * w).Sum().Backward();
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("grad")), x.Grad!, context: "grad of " + expr);
    }

    [Theory]
    [MemberData(nameof(SetCases))]
    public void AssignmentMatchesPyTorch(int i)
    {
        var c = Root.GetProperty("set")[i];
        var y = Source(c.GetProperty("source").GetString()!);
        var v = c.GetProperty("value");
        Tensor value = v.TryGetProperty("tensor", out var tv) ? FixtureTensor.Read(tv) : Number(v.GetProperty("number"));
        string context;
        if (c.TryGetProperty("expr", out var e))
        {
            context = e.GetString()!;
            y[context] = value;
        }
        else
        {
            var indices = c.GetProperty("indices").EnumerateArray().Select(x => (object?)FixtureTensor.Read(x)).ToArray();
            bool accumulate = c.GetProperty("accumulate").GetBoolean();
            context = $"index_put_ accumulate={accumulate}";
            y.IndexPut_(indices, value, accumulate);
        }
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("result")), y, context: context);
    }

    private static Tensor Number(JsonElement n) => n.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ when n.TryGetInt64(out long l) && !n.GetRawText().Contains('.') => l,
        _ => n.GetDouble(),
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void InvalidIndexThrowsPyTorchsMessage(int i)
    {
        var c = Root.GetProperty("errors")[i];
        var x = Source(c.GetProperty("source").GetString()!);
        var expr = c.GetProperty("expr").GetString()!;
        var ex = Assert.Throws<TensorIndexException>(() => x[expr]);
        Assert.Equal(c.GetProperty("message").GetString(), ex.Message);
        Assert.Throws<TensorIndexException>(() => x[expr] = 0.0);
    }

    [Theory]
    [MemberData(nameof(OpCases))]
    public void OpMatchesPyTorch(int i)
    {
        var c = Root.GetProperty("ops")[i];
        var name = c.GetProperty("op").GetString()!;
        var inputs = c.GetProperty("inputs").EnumerateArray().Select(FixtureTensor.Read).ToArray();
        var grads = c.TryGetProperty("grads", out var g) ? g.EnumerateArray().ToArray() : [];
        for (int k = 0; k < grads.Length; k++)
        {
            if (grads[k].ValueKind != JsonValueKind.Null) inputs[k].RequiresGrad = true;
        }
        var outs = Run(name, inputs);
        var expected = c.GetProperty("results").EnumerateArray().Select(FixtureTensor.Read).ToArray();
        Assert.Equal(expected.Length, outs.Length);
        for (int k = 0; k < outs.Length; k++) FixtureTensor.AssertClose(expected[k], outs[k], context: $"{name} result {k}");
        if (grads.Length == 0) return;
        Tensor? loss = null;
        foreach (var o in outs)
        {
            var term = (o * Tensor.Arange(1, o.Numel() + 1, 1, DType.Float64).Reshape(o.Shape).To(o.DType)).Sum();
            loss = loss is null ? term : loss + term;
        }
        loss!.Backward();
        for (int k = 0; k < grads.Length; k++)
        {
            if (grads[k].ValueKind == JsonValueKind.Null) continue;
            FixtureTensor.AssertClose(FixtureTensor.Read(grads[k]), inputs[k].Grad!, context: $"{name} grad {k}");
        }
    }

    private static Tensor[] Run(string name, Tensor[] x) => name switch
    {
        "cat0" or "catBoolLong" => [Tensor.Cat(x)],
        "cat1" or "catSkipEmpty" => [Tensor.Cat(x, 1)],
        "catPromote" => [Tensor.Cat(x, -1)],
        "stack0" => [Tensor.Stack(x)],
        "stack2" => [Tensor.Stack(x, 2)],
        "stackNeg" => [Tensor.Stack(x, -2)],
        "split2" => x[0].Split(2, 2),
        "splitSizes" => x[0].Split([1, 2], 1),
        "chunk4" => x[0].Chunk(4),
        "chunk3dim1" => x[0].Chunk(3, 1),
        "unbind1" => x[0].Unbind(1),
        "repeat" => [x[0].Repeat(2, 1, 3)],
        "repeat1d" => [x[0].Repeat(3)],
        "flip" => [x[0].Flip(0, 2)],
        "flipNeg" => [x[0].Flip(-1)],
        "gather1" => [x[0].Gather(1, x[1])],
        "gather0" => [x[0].Gather(0, x[1])],
        "scatterAdd" => [x[0].ScatterAdd(1, x[1], x[2])],
        "indexSelect" => [x[0].IndexSelect(2, x[1])],
        "indexSelect0" => [x[0].IndexSelect(0, x[1])],
        "maskedSelect" or "maskedSelectBroadcast" => [x[0].MaskedSelect(x[1])],
        "maskedFill" => [x[0].MaskedFill(x[1], -7.5)],
        "maskedFillLong" => [x[0].MaskedFill(x[1], 2.9)],
        "maskedFillTensor" => [x[0].MaskedFill(x[1], x[2])],
        "nonzero" or "nonzeroFloat" => [x[0].Nonzero()],
        _ => throw new InvalidOperationException($"unknown fixture op {name}"),
    };
}
