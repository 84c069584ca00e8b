using System.Text.Json;
using NNTools.NN;
using NNTools.Tests.Support;

namespace NNTools.Tests.NN;

/// <summary>The MNIST-style conv net of the tutorial, as a PowerShell class would write it.</summary>
public class ConvModel : Module
{
    public Conv2d conv1 { get; } = new(1, 20, 5);
    public Conv2d conv2 { get; } = new(20, 20, 5);

    public override Tensor Forward(Tensor input) => conv2.Forward(conv1.Forward(input).Relu()).Relu();
}

/// <summary>Conv2d and MaxPool2d forward values, indices and gradients, printouts and seeded init against PyTorch (Fixtures/conv/conv.json).</summary>
public class ConvFixtureTests
{
    private static JsonDocument Load() => FixtureTensor.Load("conv", "conv.json");

    private static TheoryData<string> Names(string section)
    {
        using var doc = Load();
        var data = new TheoryData<string>();
        foreach (var c in doc.RootElement.GetProperty(section).EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static TheoryData<string> ConvCases() => Names("conv");

    public static TheoryData<string> PoolCases() => Names("pool");

    private static JsonElement Case(JsonDocument doc, string section, string name) =>
        doc.RootElement.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    private static (double Rtol, double Atol) Tolerance(Tensor t) => t.DType == DType.Float32 ? (1e-5, 2e-5) : (1e-12, 1e-12);

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2dForwardAndGradientsMatchPyTorch(string name)
    {
        using var doc = Load();
        var c = Case(doc, "conv", name);
        var input = FixtureTensor.Read(c.GetProperty("input")).RequiresGrad_();
        var weight = FixtureTensor.Read(c.GetProperty("weight")).RequiresGrad_();
        var bias = c.TryGetProperty("bias", out var b) ? FixtureTensor.Read(b).RequiresGrad_() : null;
        var output = Tensor.Conv2d(input, weight, bias, Ints(c.GetProperty("stride")), Ints(c.GetProperty("padding")),
            Ints(c.GetProperty("dilation")), c.GetProperty("groups").GetInt32());
        var (rtol, atol) = Tolerance(input);
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("out")), output, rtol, atol, $"{name} forward");
        if (output.Ndim == 4) Assert.Equal("ConvolutionBackward0", output.GradFn!.Name);
        output.Backward(FixtureTensor.Read(c.GetProperty("gout")));
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("ginput")), input.Grad!, rtol, atol, $"{name} input grad");
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("gweight")), weight.Grad!, rtol, atol, $"{name} weight grad");
        if (bias is not null) FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("gbias")), bias.Grad!, rtol, atol, $"{name} bias grad");
    }

    [Theory]
    [MemberData(nameof(PoolCases))]
    public void MaxPool2dValuesIndicesAndGradientMatchPyTorch(string name)
    {
        using var doc = Load();
        var c = Case(doc, "pool", name);
        var input = FixtureTensor.Read(c.GetProperty("input")).RequiresGrad_();
        var stride = c.GetProperty("stride").ValueKind == JsonValueKind.Null ? null : Ints(c.GetProperty("stride"));
        var (values, indices) = input.MaxPool2dWithIndices(Ints(c.GetProperty("kernel")), stride, Ints(c.GetProperty("padding")),
            Ints(c.GetProperty("dilation")), c.GetProperty("ceil_mode").GetBoolean());
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("out")), values, 0, 0, $"{name} values");
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("indices")), indices, 0, 0, $"{name} indices");
        values.Backward(FixtureTensor.Read(c.GetProperty("gout")));
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("ginput")), input.Grad!, 1e-6, 1e-7, $"{name} input grad");
    }

    [Fact]
    public void TutorialModelPrintsInitialisesAndRunsLikePyTorch()
    {
        using var doc = Load();
        var c = doc.RootElement.GetProperty("model");
        Generator.Default.ManualSeed(0);
        var model = new ConvModel();
        Assert.Equal("Conv" + c.GetProperty("print").GetString(), model.ToString());
        var state = model.StateDict();
        Assert.Equal(new[] { "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias" }, state.Keys);
        foreach (var kv in c.GetProperty("state").EnumerateObject())
        {
            FixtureTensor.AssertClose(FixtureTensor.Read(kv.Value), state[kv.Name], 0, 0, kv.Name);
        }
        var y = model.Forward(FixtureTensor.Read(c.GetProperty("x")));
        Assert.Equal(new[] { 1, 20, 20, 20 }, y.Shape);
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("y")), y, 1e-5, 2e-6, "y");
    }

    [Fact]
    public void ConvNetWithPoolingMatchesPyTorch()
    {
        using var doc = Load();
        var c = doc.RootElement.GetProperty("net");
        Generator.Default.ManualSeed(7);
        var net = new Sequential(new Conv2d(1, 20, 5), new ReLU(), new MaxPool2d(2), new Conv2d(20, 20, 5), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Linear(320, 10));
        Assert.Equal(c.GetProperty("print").GetString(), net.ToString());
        var y = net.Forward(FixtureTensor.Read(c.GetProperty("x")));
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("y")), y, 1e-5, 2e-6, "y");
    }

    [Fact]
    public void SeededInitialisationIsBitIdentical()
    {
        using var doc = Load();
        foreach (var init in doc.RootElement.GetProperty("inits").EnumerateArray())
        {
            Generator.Default.ManualSeed(init.GetProperty("seed").GetInt64());
            var layers = new Dictionary<string, Conv2d>
            {
                ["grouped"] = new(4, 6, [3, 5], groups: 2),
                ["nobias"] = new(3, 2, 3, bias: false),
                ["double"] = new(2, 3, 2, dtype: DType.Float64),
            };
            foreach (var (key, layer) in layers)
            {
                var state = layer.StateDict();
                var expected = init.GetProperty(key);
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name), state.Keys);
                foreach (var kv in expected.EnumerateObject())
                {
                    FixtureTensor.AssertClose(FixtureTensor.Read(kv.Value), state[kv.Name], 0, 0, $"seed {init.GetProperty("seed")} {key}.{kv.Name}");
                }
            }
        }
    }

    [Fact]
    public void LayersPrintLikePyTorch()
    {
        using var doc = Load();
        var p = doc.RootElement.GetProperty("prints");
        Assert.Equal(p.GetProperty("conv_full").GetString(), new Conv2d(4, 6, [3, 5], [2], [1, 2], [2], groups: 2, bias: false).ToString());
        Assert.Equal(p.GetProperty("pool_default").GetString(), new MaxPool2d(2).ToString());
        Assert.Equal(p.GetProperty("pool_tuples").GetString(), new MaxPool2d([2, 3], [1, 2], [1], ceilMode: true).ToString());
        Assert.Equal(p.GetProperty("pool_mixed").GetString(), new MaxPool2d([3], [1], [1, 1], [2]).ToString());
    }

    [Fact]
    public void HalvingMaxPoolKeepsTheFirstOfEqualMaximaWithItsSign()
    {
        // torch.nn.functional.max_pool2d_with_indices(torch.tensor([[[[-0., 0.], [0., -0.]]]]), 2) gives
        // value -0. at index 0, and [[0., -0.], [-0., 0.]] gives +0. at index 0: the scan keeps the first.
        var (v1, i1) = Tensor.From(new float[] { -0f, 0f, 0f, -0f }).Reshape(1, 1, 2, 2).MaxPool2dWithIndices([2]);
        Assert.True(float.IsNegative(v1.ToFloatArray()[0]), "of -0 then +0 the value should be the first, -0");
        Assert.Equal(0L, i1.ToInt64Array()[0]);
        var (v2, i2) = Tensor.From(new float[] { 0f, -0f, -0f, 0f }).Reshape(1, 1, 2, 2).MaxPool2dWithIndices([2]);
        Assert.False(float.IsNegative(v2.ToFloatArray()[0]));
        Assert.Equal(0L, i2.ToInt64Array()[0]);
    }
}
