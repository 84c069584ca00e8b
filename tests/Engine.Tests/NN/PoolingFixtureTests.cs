using System.Text.Json;
using NNTools.NN;
using NNTools.Tests.Support;

namespace NNTools.Tests.NN;

/// <summary>AvgPool2d, AdaptiveAvgPool2d and Dropout2d against PyTorch 1.13 (Fixtures/nn/pool.json, from make_pool.py).</summary>
public class PoolingFixtureTests
{
    public static TheoryData<int> Cases() => FixtureTensor.CaseIndices("nn", "pool.json");

    private static int[]? Ints(JsonElement kw, string key) =>
        kw.TryGetProperty(key, out var v) ? [.. v.EnumerateArray().Select(e => e.GetInt32())] : null;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_gradient_and_printout_match_PyTorch(int index)
    {
        using var doc = FixtureTensor.Load("nn", "pool.json");
        var c = doc.RootElement[index];
        var kw = c.GetProperty("kwargs");
        string name = c.GetProperty("layer").GetString()!;
        Module m = name switch
        {
            "AvgPool2d" => new AvgPool2d(Ints(kw, "kernel_size")!, Ints(kw, "stride"), Ints(kw, "padding")),
            "AdaptiveAvgPool2d" => new AdaptiveAvgPool2d(Ints(kw, "output_size")!),
            _ => new Dropout2d(kw.GetProperty("p").GetDouble(), new Generator(c.GetProperty("seed").GetInt64())),
        };
        Assert.Equal(c.GetProperty("repr").GetString(), m.ToString());
        var x = FixtureTensor.Read(c.GetProperty("x"));
        if (m is Dropout2d)
        {
            FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("y")), m.Forward(x), 1e-6, 1e-7, "masked output");
            m.Eval();
            Assert.Same(x, m.Forward(x));
            return;
        }
        x.RequiresGrad_();
        var y = m.Forward(x);
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("y")), y, 1e-5, 1e-6, name + " y");
        y.Backward(FixtureTensor.Read(c.GetProperty("up")));
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("x_grad")), x.Grad!, 1e-5, 1e-6, name + " x grad");
    }

    [Fact]
    public void Refuses_bad_sizes_and_inputs_naming_them()
    {
        Assert.Contains("pad=2 and kernel_size=2", Assert.Throws<TensorArgumentException>(() => new AvgPool2d(2, padding: 2)).Message);
        Assert.Contains("[4, 4]", Assert.Throws<ShapeMismatchException>(() => new AvgPool2d(2).Forward(Tensor.Zeros(4, 4))).Message);
        Assert.Equal("PoolSizes", Assert.Throws<TensorArgumentException>(() => new AdaptiveAvgPool2d([0])).ErrorId);
        Assert.Equal("InvalidProbability", Assert.Throws<TensorArgumentException>(() => new Dropout2d(1.5)).ErrorId);
    }
}
