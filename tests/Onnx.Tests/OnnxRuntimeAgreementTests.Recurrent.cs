using NNTools.NN;

namespace NNTools.Onnx.Tests;

/// <summary>ConvTranspose2d in ONNX files, and the recurrent layers, which have no ONNX export yet and are refused by name.</summary>
public partial class OnnxRuntimeAgreementTests
{
    [Fact]
    public void TransposedConvolutionsAgree()
    {
        var generator = new Generator(9);
        var model = new Sequential(
            new ConvTranspose2d(3, 4, [3], [2], [1], [1], generator: generator), new ReLU(),
            new ConvTranspose2d(4, 6, [2, 3], [1, 2], [0, 1], [0, 1], groups: 2, bias: false, dilation: [2, 1], generator: generator), new Tanh(),
            new ConvTranspose2d(6, 2, [1], [2], generator: generator));
        var x = Tensor.Randn([2, 3, 4, 5], DType.Float32, generator);
        Assert.Equal([2, 2, 19, 39], Forward(model, x).Shape.ToArray());
        AssertAgrees(model, x);
    }

    [Theory]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    [InlineData("RNN")]
    [InlineData("LastTimeStep")]
    public void RecurrentLayersAreRefusedByName(string type)
    {
        Module layer = type switch
        {
            "LSTM" => new LSTM(3, 4, batchFirst: true),
            "GRU" => new GRU(3, 4, batchFirst: true),
            "RNN" => new RNN(3, 4, batchFirst: true),
            _ => new LastTimeStep(),
        };
        var model = new Sequential(new Linear(3, 3), layer, new Linear(4, 1));
        var e = Assert.Throws<TensorArgumentException>(() => OnnxExport.Serialize(model));
        Assert.Equal("OnnxUnsupportedLayer", e.ErrorId);
        Assert.Contains($"'1' is a {type}", e.Message);
    }
}
