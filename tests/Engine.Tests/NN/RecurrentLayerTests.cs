using NNTools.IO;
using NNTools.NN;

namespace NNTools.Tests.NN;

/// <summary>
/// The recurrent layers and ConvTranspose2d as the module's surface meets them: in a Sequential with
/// LastTimeStep, in the layer catalogue, in model files, and refusing bad shapes with stable ids.
/// </summary>
public class RecurrentLayerTests
{
    private static Sequential SequenceModel(Generator g) => new(
        new LSTM(2, 5, numLayers: 2, batchFirst: true, dropout: 0.3, bidirectional: true, generator: g), new LastTimeStep(), new Linear(10, 1, generator: g));

    [Fact]
    public void SequentialWithLastTimeStepTakesTheOutputsFinalStep()
    {
        var g = new Generator(5);
        var lstm = new LSTM(2, 3, batchFirst: true, generator: g);
        var x = Tensor.Randn([4, 6, 2], DType.Float32, g);
        var y = new Sequential(lstm, new LastTimeStep()).Forward(x);
        var r = lstm.Forward(x, null, null);
        Assert.Equal([4, 3], y.Shape);
        Assert.Equal(r.HN.Select(0, 0).ToFloatArray(), y.ToFloatArray());
        Assert.Equal(r.Output.Select(1, 5).ToFloatArray(), y.ToFloatArray());
        Assert.Equal([6, 3], new Sequential(new GRU(2, 3, generator: g), new LastTimeStep(0)).Forward(Tensor.Randn([5, 6, 2], DType.Float32, g)).Shape);
    }

    [Fact]
    public void CatalogueBuildsEachNewLayerWithItsArguments()
    {
        var rnn = (RNN)LayerCatalog.Create("rnn", new Dictionary<string, object?>
        {
            ["InputSize"] = 3, ["HiddenSize"] = 4, ["NumLayers"] = 2, ["Nonlinearity"] = "relu", ["BatchFirst"] = true, ["Dropout"] = 0.25, ["Bidirectional"] = true, ["NoBias"] = true,
        });
        Assert.Equal("RNN(3, 4, num_layers=2, bias=False, batch_first=True, dropout=0.25, bidirectional=True)", rnn.ToString());
        Assert.Equal("relu", rnn.Nonlinearity);
        Assert.Equal("LSTM(3, 4)", LayerCatalog.Create("LSTM", new Dictionary<string, object?> { ["InputSize"] = 3, ["HiddenSize"] = 4 }).ToString());
        Assert.Equal("GRU(3, 4, batch_first=True)",
            LayerCatalog.Create("GRU", new Dictionary<string, object?> { ["InputSize"] = 3, ["HiddenSize"] = 4, ["BatchFirst"] = true }).ToString());
        Assert.Equal("LastTimeStep(dim=1)", LayerCatalog.Create("LastTimeStep", new Dictionary<string, object?>()).ToString());
        var convt = LayerCatalog.Create("ConvTranspose2d", new Dictionary<string, object?>
        {
            ["InChannels"] = 4, ["OutChannels"] = 2, ["KernelSize"] = new[] { 3 }, ["Stride"] = new[] { 2 }, ["Padding"] = new[] { 1 }, ["OutputPadding"] = new[] { 1 }, ["Groups"] = 2,
        });
        Assert.Equal("ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), groups=2)", convt.ToString());
        Assert.Equal([1, 2, 10, 10], convt.Forward(Tensor.Zeros([1, 4, 5, 5], DType.Float32)).Shape);
    }

    [Fact]
    public void ModelFilesRebuildRecurrentAndTransposedLayers()
    {
        var g = new Generator(8);
        var model = new Sequential(SequenceModel(g), new ConvTranspose2d(1, 2, [2, 3], [2], [0, 1], [1, 0], dilation: [1, 2], dtype: DType.Float32, generator: g),
            new RNN(4, 2, nonlinearity: "relu", dtype: DType.Float64, generator: g), new GRU(2, 3, bias: false, generator: g));
        var loaded = ModelFile.Deserialize(ModelFile.Serialize(model));
        Assert.Equal(model.ToString(), loaded.ToString());
        Assert.Equal("relu", ((RNN)((Sequential)loaded)[2]).Nonlinearity);
        foreach (var (name, t) in model.StateDict()) Assert.Equal(t.ToDoubleArray(), loaded.StateDict()[name].ToDoubleArray());
        var x = Tensor.Randn([3, 7, 2], DType.Float32, g);
        // Eval mode: the LSTM's dropout between layers would draw different masks.
        Assert.Equal(model[0].Eval().Forward(x).ToFloatArray(), ((Sequential)loaded)[0].Eval().Forward(x).ToFloatArray());
    }

    [Fact]
    public void DropoutRunsBetweenLayersInTrainingOnly()
    {
        var g = new Generator(4);
        var lstm = new LSTM(2, 3, numLayers: 2, dropout: 1.0, generator: g);
        var x = Tensor.Randn([5, 2, 2], DType.Float32, g);
        // With p = 1 the second layer reads zeros, so its output is what a zero input gives.
        var zeros = new LSTM(3, 3, generator: new Generator(1));
        zeros.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight_ih_l0"] = lstm.StateDict()["weight_ih_l1"], ["weight_hh_l0"] = lstm.StateDict()["weight_hh_l1"],
            ["bias_ih_l0"] = lstm.StateDict()["bias_ih_l1"], ["bias_hh_l0"] = lstm.StateDict()["bias_hh_l1"],
        });
        Assert.Equal(zeros.Forward(Tensor.Zeros([5, 2, 3], DType.Float32)).ToFloatArray(), lstm.Forward(x).ToFloatArray());
        lstm.Eval();
        Assert.NotEqual(zeros.Forward(Tensor.Zeros([5, 2, 3], DType.Float32)).ToFloatArray(), lstm.Forward(x).ToFloatArray());
    }

    public static TheoryData<string, Action> BadCalls => new()
    {
        { "RnnInputSize", () => new LSTM(3, 4).Forward(Tensor.Zeros([5, 2, 2], DType.Float32)) },
        { "RnnInputRank", () => new GRU(3, 4).Forward(Tensor.Zeros([5, 2, 2, 3], DType.Float32)) },
        { "RnnEmptySequence", () => new RNN(3, 4).Forward(Tensor.Zeros([0, 2, 3], DType.Float32)) },
        { "RnnStateShape", () => new GRU(3, 4).Forward(Tensor.Zeros([5, 2, 3], DType.Float32), Tensor.Zeros([1, 3, 4], DType.Float32)) },
        { "RnnStateShape", () => new LSTM(3, 4).Forward(Tensor.Zeros([5, 3], DType.Float32), Tensor.Zeros([1, 1, 4], DType.Float32), Tensor.Zeros([1, 1, 4], DType.Float32)) },
        { "RnnStateShape", () => new LSTM(3, 4).Forward(Tensor.Zeros([5, 2, 3], DType.Float32), Tensor.Zeros([1, 2, 4], DType.Float32), null) },
        { "RnnDType", () => new LSTM(3, 4).Forward(Tensor.Zeros([5, 2, 3], DType.Float64)) },
        { "RnnInputSize", () => new GRUCell(3, 4).Forward(Tensor.Zeros([2, 5], DType.Float32)) },
        { "RnnStateShape", () => new RNNCell(3, 4).Forward(Tensor.Zeros([2, 3], DType.Float32), Tensor.Zeros([3, 4], DType.Float32)) },
        { "RnnInputRank", () => new LSTMCell(3, 4).Forward(Tensor.Zeros([1, 2, 3], DType.Float32)) },
        { "InvalidRecurrentSize", () => new LSTM(3, 0) },
        { "InvalidRecurrentSize", () => new GRU(3, 4, numLayers: 0) },
        { "InvalidProbability", () => new RNN(3, 4, dropout: 1.5) },
        { "UnknownNonlinearity", () => new RNN(3, 4, nonlinearity: "sigmoid") },
        { "LastTimeStepShape", () => new LastTimeStep(2).Forward(Tensor.Zeros([4, 3], DType.Float32)) },
        { "ConvOutputPadding", () => new ConvTranspose2d(2, 2, [3], [1], outputPadding: [1]) },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void BadCallsRaiseTheirErrorId(string id, Action call) =>
        Assert.Equal(id, Assert.ThrowsAny<TensorException>(call).ErrorId);

    [Fact]
    public void ErrorMessagesNameTheShapes()
    {
        var e = Assert.ThrowsAny<TensorException>(() => new GRU(3, 4, numLayers: 2).Forward(Tensor.Zeros([5, 2, 3], DType.Float32), Tensor.Zeros([1, 2, 4], DType.Float32)));
        Assert.Equal("Expected hx of size (2, 2, 4), got [1, 2, 4]", e.Message);
        e = Assert.ThrowsAny<TensorException>(() => new LSTM(3, 4).Forward(Tensor.Zeros([5, 2, 7], DType.Float32)));
        Assert.Equal("input.size(-1) must be equal to input_size. Expected 3, got 7", e.Message);
    }
}
