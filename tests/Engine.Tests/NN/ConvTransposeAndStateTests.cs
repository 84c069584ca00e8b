using NNTools.IO;
using NNTools.NN;
using NNTools.Tests.Support;

namespace NNTools.Tests.NN;

/// <summary>Two recurrent layers in one model, as the fixture's PyTorch module holds them (properties discovered by name).</summary>
public class RecurrentPair : Module
{
    public RecurrentPair(Generator generator)
    {
        lstm = new LSTM(3, 4, numLayers: 2, batchFirst: true, bidirectional: true, generator: generator);
        gru = new GRU(8, 2, generator: generator);
    }

    public LSTM lstm { get; }
    public GRU gru { get; }

    public override Tensor Forward(Tensor input) => gru.Forward(lstm.Forward(input).Transpose(0, 1));
}

/// <summary>
/// ConvTranspose2d's values and gradients against PyTorch, and recurrent state dicts moving between
/// NNTools and PyTorch as safetensors (Fixtures/nn/recurrent.json and recurrent_torch.safetensors).
/// </summary>
public class ConvTransposeAndStateTests
{
    public static TheoryData<string> ConvTransposeCases() =>
        RecurrentFixtureTests.Names("convt");

    private static int[] Ints(System.Text.Json.JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    [Theory]
    [MemberData(nameof(ConvTransposeCases))]
    public void ConvTranspose2dForwardAndGradientsMatchPyTorch(string name)
    {
        var c = RecurrentFixtureTests.Case("convt", name);
        var input = RecurrentFixtureTests.Read(c, "input").RequiresGrad_();
        var weight = RecurrentFixtureTests.Read(c, "weight").RequiresGrad_();
        var bias = c.TryGetProperty("bias", out var b) ? FixtureTensor.Read(b).RequiresGrad_() : null;
        var output = Tensor.ConvTranspose2d(input, weight, bias, Ints(c.GetProperty("stride")), Ints(c.GetProperty("padding")),
            Ints(c.GetProperty("output_padding")), c.GetProperty("groups").GetInt32(), Ints(c.GetProperty("dilation")));
        var (rtol, atol) = input.DType == DType.Float32 ? (1e-5, 2e-5) : (1e-12, 1e-12);
        FixtureTensor.AssertClose(RecurrentFixtureTests.Read(c, "out"), output, rtol, atol, $"{name} forward");
        output.Backward(RecurrentFixtureTests.Read(c, "gout"));
        FixtureTensor.AssertClose(RecurrentFixtureTests.Read(c, "ginput"), input.Grad!, rtol, atol, $"{name} input grad");
        FixtureTensor.AssertClose(RecurrentFixtureTests.Read(c, "gweight"), weight.Grad!, rtol, atol, $"{name} weight grad");
        if (bias is not null) FixtureTensor.AssertClose(RecurrentFixtureTests.Read(c, "gbias"), bias.Grad!, rtol, atol, $"{name} bias grad");
    }

    [Fact]
    public void ConvTranspose2dIsTheAdjointOfConv2d()
    {
        // <conv(x), y> = <x, conv_transpose(y)> for the same weight: the defining property, on odd sizes.
        var gen = new Generator(3);
        var x = Tensor.Randn([2, 4, 9, 7], DType.Float64, gen);
        var w = Tensor.Randn([3, 4, 3, 2], DType.Float64, gen);
        int[] s = [2, 3], p = [1, 0], d = [1, 2];
        var y = Tensor.Conv2d(x, w, null, s, p, d, groups: 1);
        var u = Tensor.Randn(y.Shape, DType.Float64, gen);
        var back = Tensor.ConvTranspose2d(u, w, null, s, p, [0, 0], 1, d);
        int[] op = [x.Size(2) - back.Size(2), x.Size(3) - back.Size(3)];
        back = Tensor.ConvTranspose2d(u, w, null, s, p, op, 1, d);
        Assert.Equal(x.Shape, back.Shape);
        Assert.Equal((y * u).Sum().ToDouble(), (x * back).Sum().ToDouble(), 1e-10);
    }

    [Theory]
    [InlineData(3, 4, 5, 5, "ConvChannels", "to have 4 channels")]
    [InlineData(4, 4, 5, 5, "ConvOutputPadding", "output_padding=[2, 2]")]
    [InlineData(4, 4, 0, 5, "ConvInputTooSmall", "[1, 4, 0, 5]")]
    [InlineData(4, 4, 5, 5, "ConvInputTooSmall", "(-1 x -1)")]
    public void ConvTranspose2dRefusesWhatPyTorchRefuses(int channels, int weightIn, int h, int w, string id, string words)
    {
        var x = Tensor.Zeros([1, channels, h, w], DType.Float32);
        var weight = Tensor.Zeros([weightIn, 2, 3, 3], DType.Float32);
        int[] padding = words.StartsWith("(-1", StringComparison.Ordinal) ? [6] : [0];
        int[] outputPadding = id == "ConvOutputPadding" ? [2] : [0];
        var e = Assert.ThrowsAny<TensorException>(() => Tensor.ConvTranspose2d(x, weight, null, [2], padding, outputPadding));
        Assert.Equal(id, e.ErrorId);
        Assert.Contains(words, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TorchWrittenRecurrentStateDictLoadsAndRunsAsInPyTorch()
    {
        var model = new RecurrentPair(new Generator(99));
        var file = SafeTensors.Load(FixtureTensor.PathOf("nn", "recurrent_torch.safetensors"));
        model.LoadStateDict(file.Tensors);
        var rt = RecurrentFixtureTests.Section("roundtrip");
        var y = model.Forward(RecurrentFixtureTests.Read(rt, "x"));
        FixtureTensor.AssertClose(RecurrentFixtureTests.Read(rt, "y"), y, 1e-5, 1e-6, "torch weights, NNTools forward");
    }

    [Fact]
    public void SeededRecurrentStateDictSerializesToTorchsBytes()
    {
        // The same seed draws the same weights under the same names: our file is byte for byte torch's, so torch loads it.
        var rt = RecurrentFixtureTests.Section("roundtrip");
        var model = new RecurrentPair(new Generator(rt.GetProperty("seed").GetInt64()));
        var ours = SafeTensors.Serialize(model.StateDict(), new Dictionary<string, string> { ["format"] = "pt" });
        Assert.Equal(File.ReadAllBytes(FixtureTensor.PathOf("nn", "recurrent_torch.safetensors")), ours);
    }
}
