using NNTools.NN;

namespace NNTools.Onnx.Tests;

/// <summary>ConvTranspose2d, the recurrent layers and LastTimeStep in ONNX files, run by ONNX Runtime.</summary>
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

    [Fact]
    public void BidirectionalTwoLayerLstmAgrees()
    {
        var generator = new Generator(10);
        var model = new Sequential(new LSTM(3, 5, numLayers: 2, batchFirst: true, dropout: 0.4, bidirectional: true, generator: generator), new LastTimeStep(),
            new Linear(10, 2, generator: generator));
        AssertAgrees(model, Tensor.Randn([4, 6, 3], DType.Float32, generator));
    }

    [Fact]
    public void GruAndRnnLayersAgree()
    {
        var generator = new Generator(11);
        var model = new Sequential(new GRU(3, 4, numLayers: 2, bidirectional: true, generator: generator), new RNN(8, 3, nonlinearity: "relu", generator: generator),
            new RNN(3, 2, bias: false, bidirectional: true, generator: generator), new LastTimeStep(0));
        AssertAgrees(model, Tensor.Randn([7, 2, 3], DType.Float32, generator));
    }

    // ONNX Runtime's CPU LSTM and GRU kernels take float32 only ("does not support double yet"): float64 files are written but not run here.
    [Fact]
    public void LstmWithoutBiasAsTheWholeModelAgrees()
    {
        var generator = new Generator(12);
        var model = new Sequential(new LSTM(2, 3, bias: false, batchFirst: true, generator: generator));
        AssertAgrees(model, Tensor.Randn([3, 5, 2], DType.Float32, generator));
    }

    [Fact]
    public void AnUnbatchedSequenceIsRefusedByName()
    {
        var model = new Sequential(new Linear(3, 3), new LSTM(3, 4));
        var e = Assert.Throws<TensorArgumentException>(() => OnnxExport.Serialize(model));
        Assert.Equal("OnnxUnsupportedLayer", e.ErrorId);
        Assert.Contains("'1' is a LSTM on a rank-2 input", e.Message);
    }
}
