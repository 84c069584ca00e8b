using System.Text.Json;
using NNTools.Autograd;
using NNTools.Tests.Support;

namespace NNTools.Tests.Autograd;

/// <summary>
/// In-place writes on graph tensors against PyTorch 1.13 (Fixtures/inplace/make_inplace.py): each
/// scenario below is the fixture's Python function of the same name, run on the same leaves.
/// </summary>
public class InPlaceGraphTests
{
    private static readonly Dictionary<string, Func<Dictionary<string, Tensor>, Tensor>> Scenarios = new()
    {
        ["clone_setitem_scalar"] = t =>
        {
            var y = t["x"].Clone();
            y[0] = 0;
            return y;
        },
        ["mul_then_add_scalar"] = t => (t["x"] * 2).Add_(1),
        ["buffer_add_param"] = t => Tensor.Zeros(3).Add_(t["w"]),
        ["setitem_column_from_value"] = t =>
        {
            var y = t["x"].Clone();
            y[":, 1"] = t["v"] * 3;
            return y;
        },
        ["mul_by_operand"] = t => (t["x"] * 2).Mul_(t["w"]),
        ["div_by_operand"] = t => (t["x"] + 3).Div_(t["w"] + 5),
        ["sub_alpha_add"] = t => (t["x"] * 1.5).Add_(t["w"], alpha: -0.5).Sub_(t["w"]),
        ["write_through_view"] = t =>
        {
            var y = t["x"].Clone();
            y[1].Mul_(3);
            return y;
        },
        ["view_read_after_base_write"] = t =>
        {
            var y = t["x"].Clone();
            var a = y[0];
            y.Mul_(2);
            return a * 1;
        },
        ["view_of_view_write"] = t =>
        {
            var y = t["x"] * 1;
            y[1]["0:2"].Mul_(t["v"]);
            return y;
        },
        ["consumer_before_write"] = t =>
        {
            var y = t["x"].Clone();
            var z = y * 3;
            y[0] = 5;
            return z + y;
        },
        ["advanced_setitem"] = t =>
        {
            var y = t["x"].Clone();
            y["[0, 1], [2, 0]"] = t["v"];
            return y;
        },
        ["advanced_put_accumulate"] = t =>
            (t["x"] * 1).IndexPut_([new Tensor(new long[] { 0, 0, 1 }), new Tensor(new long[] { 1, 1, 2 })], t["w"] * 2, accumulate: true),
        ["setitem_broadcast_value"] = t =>
        {
            var y = t["x"].Clone();
            y[":, 1:"] = t["s"];
            return y;
        },
        ["copy_into_float64_buffer"] = t => Tensor.Zeros([2, 3], DType.Float64).Copy_(t["x"]),
        ["fill_view"] = t =>
        {
            var y = t["x"] * 2;
            y[0].Fill_(7);
            return y;
        },
        ["masked_fill_graph"] = t => (t["x"] * 2).MaskedFill_(t["x"].Detach().Gt(0.0), 0.5),
        ["clamp_graph"] = t => (t["x"] * 3).Clamp_(-1, 2),
        ["chain_of_writes"] = t =>
        {
            var y = t["x"] * 1;
            y.Add_(t["w"]);
            y[1] = t["w"] * t["w"];
            y.Mul_(t["w"]);
            // Python's y[:, 0] += v: an in-place add on the view, then the view assigned to itself.
            var column = y[":, 0"];
            column.Add_(t["v"]);
            y[":, 0"] = column;
            return y;
        },
        ["zero_then_add"] = t => (t["x"] * 2).Zero_().Add_(t["w"]),
        ["exp_then_add"] = t =>
        {
            var y = t["x"] * 2;
            var z = y.Exp();
            y.Add_(1);
            return z + y;
        },
        ["add_self"] = t =>
        {
            var y = t["x"] * 2;
            return y.Add_(y);
        },
        ["sigmoid_then_mul"] = t => t["x"].Sigmoid().Mul_(2),
        ["mul_saved_then_write"] = t =>
        {
            var y = t["x"] * 2;
            var z = y * t["w"];
            y.Add_(1);
            return z;
        },
        ["leaf_add"] = t => t["x"].Add_(1),
        ["leaf_view_write"] = t => t["x"][0].Add_(1),
        ["add_transposed"] = t =>
        {
            var m = t["x"].Detach()[":, :2"].Clone();
            return m.Add_(m.t());
        },
        ["add_overlapping_slice"] = t =>
        {
            var b = Tensor.Arange(6.0);
            b["1:"].Add_(b[":5"]);
            return b;
        },
        ["add_first_element"] = t =>
        {
            var b = Tensor.Arange(6.0);
            return b.Add_(b[0]);
        },
        ["write_expanded"] = t => Tensor.Zeros(3, 1).Expand(3, 3).Add_(1),
        ["no_grad_view_write"] = t =>
        {
            var y = t["x"] * 2;
            Tensor r;
            using (GradMode.NoGrad()) r = y[0];
            r.Mul_(2);
            return y;
        },
    };

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var name in FixtureTensor.LoadNamedCases("inplace", "inplace.json").Keys) names.Add(name);
        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesPyTorch(string name)
    {
        var c = FixtureTensor.LoadNamedCases("inplace", "inplace.json")[name];
        var leaves = c.GetProperty("inputs").EnumerateObject().ToDictionary(p => p.Name, p => FixtureTensor.Read(p.Value).RequiresGrad_());
        var scenario = Scenarios[name];
        if (c.TryGetProperty("error", out var error))
        {
            var e = Assert.ThrowsAny<TensorException>(() =>
            {
                var o = scenario(leaves);
                (o * Weights(o)).Sum().Backward();
            });
            // PyTorch names a tensor by its legacy type name and by the node that made it; compare up to there.
            var expected = error.GetString()!;
            int cut = expected.IndexOf(" [", StringComparison.Ordinal);
            Assert.StartsWith(cut < 0 ? expected : expected[..cut], e.Message);
            return;
        }
        var output = scenario(leaves);
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("value")), output, rtol: 1e-6, atol: 1e-6, context: name);
        Assert.Equal(c.GetProperty("requires_grad").GetBoolean(), output.RequiresGrad);
        Assert.Equal(c.GetProperty("grad_fn").GetString(), output.GradFn?.Name);
        (output * Weights(output)).Sum().Backward();
        foreach (var g in c.GetProperty("grads").EnumerateObject())
        {
            var actual = leaves[g.Name].Grad;
            if (g.Value.ValueKind == JsonValueKind.Null) Assert.True(actual is null, $"{name}: {g.Name} should get no gradient");
            else FixtureTensor.AssertClose(FixtureTensor.Read(g.Value), actual!, rtol: 1e-5, atol: 1e-5, context: $"{name}: grad of {g.Name}");
        }
    }

    /// <summary>1..n in the shape and dtype of <paramref name="t"/>: a loss that weighs every element differently.</summary>
    private static Tensor Weights(Tensor t) => Tensor.Arange(1, t.Numel() + 1).To(t.DType).Reshape(t.Shape);

    [Fact]
    public void WritesThroughViewsAndIndicesAgreeWithFiniteDifferences()
    {
        GradAssert.Check(t =>
        {
            var (x, v, w) = (t[0], t[1], t[2]);
            var y = x * 1.5;
            y[":, 1"] = v * v;
            y[0].Mul_(w);
            var column = y[":, 2"];
            column.Add_(y[":, 0"].Clone().Sin());
            y["[1, 2], [0, 3]"] = v["1:"].Exp();
            y.Div_(w.Cos() + 2);
            return y.Square();
        }, GradAssert.Uniform(1, -1, 1, 3, 4), GradAssert.Uniform(2, -1, 1, 3), GradAssert.Uniform(3, -1, 1, 4));
    }

    [Fact]
    public void ABackwardThatNeedsAnOverwrittenValueNamesItsShapeAndVersions()
    {
        var x = Tensor.Ones(2, 3).RequiresGrad_();
        var y = x.Sigmoid();
        y.Mul_(2);
        var e = Assert.Throws<AutogradException>(() => y.Sum().Backward());
        Assert.Equal("SavedTensorModified", e.ErrorId);
        Assert.Contains("[torch.FloatTensor [2, 3]], which SigmoidBackward0 saved, is at version 1; expected version 0 instead", e.Message);
    }

    [Fact]
    public void ARetainedGraphWithRebasedTensorsGivesTheSameGradientTwice()
    {
        var x = new Tensor(new[] { 1f, 2f, 3f }).RequiresGrad_();
        var y = x * 2;
        var before = y * 3;
        y[0] = 10;
        y.Mul_(x);
        var loss = (before + y).Sum();
        loss.Backward(retainGraph: true);
        var first = x.Grad!.ToFloatArray();
        x.Grad = null;
        loss.Backward();
        Assert.Equal(first, x.Grad!.ToFloatArray());
        // d/dx of 6x + [10 x0, 2 x1^2, 2 x2^2]: 6 + [10, 4 x1, 4 x2].
        Assert.Equal(new[] { 16f, 14f, 18f }, first);
    }

    [Fact]
    public void NoGradWritesLeaveLeavesAndGraphsAlone()
    {
        // The optimizers' updates: in place on a leaf under no-grad, no node, the leaf stays a leaf.
        var w = Tensor.Ones(3).RequiresGrad_();
        var y = w * 2;
        using (GradMode.NoGrad())
        {
            w.Sub_(Tensor.Full([3], 0.5));
            y.Add_(1);
        }
        Assert.True(w.IsLeaf);
        Assert.Equal("MulBackward0", y.GradFn!.Name);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f }, w.ToFloatArray());
        Assert.Equal(new[] { 3f, 3f, 3f }, y.ToFloatArray());
    }

    [Fact]
    public void EveryScenarioHasAFixtureCase()
    {
        Assert.Equal(Scenarios.Keys.Order(), FixtureTensor.LoadNamedCases("inplace", "inplace.json").Keys.Order());
    }
}
