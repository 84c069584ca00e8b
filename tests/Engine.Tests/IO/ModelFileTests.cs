using System.Text.Json;
using NNTools.IO;
using NNTools.NN;
using NNTools.Tests.NN;
using NNTools.Tests.Support;
using static NNTools.Tests.IO.IOTestSupport;

namespace NNTools.Tests.IO;

/// <summary>
/// Models saved and loaded: PyTorch's state_dict keys and shapes, the architecture description, a
/// user's own class, the error cases, and both directions with PyTorch (Fixtures/io).
/// </summary>
public class ModelFileTests
{
    private static Sequential Nested(Generator g) => new(
        new Sequential(new Linear(2, 16, generator: g), new ReLU()),
        new Sequential(new Linear(16, 16, generator: g), new Tanh(), new Dropout(0.1, g)),
        new Linear(16, 1, generator: g),
        new Sigmoid());

    [Fact]
    public void MlpRoundTripsWithoutCode()
    {
        var model = Layers.Mlp([3, 8, 8, 2], "LeakyReLU", "LogSoftmax", dropout: 0.25, generator: new Generator(1));
        var loaded = ModelFile.Deserialize(ModelFile.Serialize(model));
        Assert.Equal(model.ToString(), loaded.ToString());
        foreach (var (name, t) in model.StateDict()) AssertBitwiseEqual(t, loaded.StateDict()[name], name);
        var x = Tensor.Randn([5, 3], DType.Float32, new Generator(2));
        AssertBitwiseEqual(model.Eval().Forward(x), loaded.Eval().Forward(x));
        Assert.All(loaded.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void KeysAndShapesArePyTorchs()
    {
        var data = SafeTensors.Deserialize(ModelFile.Serialize(Nested(new Generator(0))));
        Assert.Equal(["0.0.bias", "0.0.weight", "1.0.bias", "1.0.weight", "2.bias", "2.weight"], data.Tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([16, 2], data.Tensors["0.0.weight"].Shape);
        Assert.Equal([1], data.Tensors["2.bias"].Shape);
        Assert.Equal("pt", data.Metadata["format"]);
    }

    [Fact]
    public void DescribesEveryBuiltInLayerAndBuildsItBack()
    {
        var model = new Sequential(new Flatten(), new Linear(4, 3, bias: false, dtype: DType.Float64), new LeakyReLU(0.2), new Dropout(0.5),
            new Sequential(new Linear(3, 3, dtype: DType.Float64), new Sigmoid(), new Tanh()), new ReLU(), new Identity(), new Softmax(1), new LogSoftmax(-1));
        var json = Architecture.Describe(model)!;
        Assert.Equal(
            "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Flatten\",\"start_dim\":1,\"end_dim\":-1}," +
            "{\"type\":\"Linear\",\"in\":4,\"out\":3,\"bias\":false,\"dtype\":\"float64\"},{\"type\":\"LeakyReLU\",\"negative_slope\":0.2}," +
            "{\"type\":\"Dropout\",\"p\":0.5},{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":3,\"out\":3,\"bias\":true,\"dtype\":\"float64\"}," +
            "{\"type\":\"Sigmoid\"},{\"type\":\"Tanh\"}]},{\"type\":\"ReLU\"},{\"type\":\"Identity\"},{\"type\":\"Softmax\",\"dim\":1},{\"type\":\"LogSoftmax\",\"dim\":-1}]}",
            json);
        var built = Architecture.Build(json);
        Assert.Equal(model.ToString(), built.ToString());
        Assert.Equal(DType.Float64, built.Parameters().First().DType);
        Assert.Equal("{\"type\":\"ReLU\"}", Architecture.Describe(new ReLU()));
        Assert.Null(Architecture.Describe(new ToyModel()));
        Assert.Null(Architecture.Describe(new Sequential(new Linear(1, 1), new ToyModel())));
    }

    [Fact]
    public void RebuildingDoesNotMoveTheDefaultRandomStream()
    {
        var bytes = ModelFile.Serialize(Layers.Mlp([2, 50, 1]));
        Generator.Default.ManualSeed(9);
        var expected = Tensor.Rand(3).ToFloatArray();
        Generator.Default.ManualSeed(9);
        ModelFile.Deserialize(bytes);
        Assert.Equal(expected, Tensor.Rand(3).ToFloatArray());
    }

    [Fact]
    public void UserClassesSaveWeightsAndLoadIntoAModelBuiltInCode()
    {
        var model = new ToyModel();
        var bytes = ModelFile.Serialize(model, new Dictionary<string, string> { ["epoch"] = "12" });
        var e = Assert.Throws<TensorDataException>(() => ModelFile.Deserialize(bytes));
        Assert.Equal("NoArchitecture", e.ErrorId);
        Assert.Contains("LoadInto", e.Message);
        var fresh = new ToyModel();
        var result = ModelFile.LoadInto(bytes, fresh);
        Assert.Empty(result.MissingKeys);
        foreach (var (name, t) in model.StateDict()) AssertBitwiseEqual(t, fresh.StateDict()[name], name);
        Assert.Equal("12", SafeTensors.Deserialize(bytes).Metadata["epoch"]);
    }

    [Fact]
    public void LoadIntoNamesMissingUnexpectedKeysAndShapes()
    {
        var bytes = ModelFile.Serialize(new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2)));
        var e = Assert.Throws<TensorDataException>(() => ModelFile.LoadInto(bytes, new ToyModel()));
        Assert.Equal("StateDictKeys", e.ErrorId);
        Assert.Contains("missing keys (in the model, not in the file): [fc1.weight, fc1.bias, fc2.weight, fc2.bias]", e.Message);
        Assert.Contains("unexpected keys (in the file, not in the model): [", e.Message);
        Assert.Contains("2.weight", e.Message);
        e = Assert.Throws<TensorDataException>(() => ModelFile.LoadInto(bytes, new Sequential(new Linear(3, 5), new ReLU(), new Linear(5, 2))));
        Assert.Equal("StateDictShape", e.ErrorId);
        Assert.Contains("size mismatch for 0.weight: the data has shape [4, 3], the model has [5, 3]", e.Message);
        var partial = new Sequential(new Linear(3, 4));
        var result = ModelFile.LoadInto(bytes, partial, strict: false);
        Assert.Empty(result.MissingKeys);
        Assert.Equal(["2.weight", "2.bias"], result.UnexpectedKeys.Order(StringComparer.Ordinal).Reverse());
    }

    [Theory]
    [InlineData("{\"type\":\"Conv9d\"}", "UnknownLayerType")]
    [InlineData("{\"type\":\"Linear\",\"in\":2}", "InvalidArchitecture")]
    [InlineData("{\"type\":\"Linear\",\"in\":-2,\"out\":1,\"bias\":true,\"dtype\":\"float32\"}", "InvalidArchitecture")]
    [InlineData("{\"type\":\"Linear\",\"in\":2,\"out\":1,\"bias\":\"yes\",\"dtype\":\"float32\"}", "InvalidArchitecture")]
    [InlineData("{\"type\":\"Linear\",\"in\":2,\"out\":1,\"bias\":true,\"dtype\":\"float16\"}", "InvalidArchitecture")]
    [InlineData("{\"type\":\"Linear\",\"in\":2,\"out\":1,\"bias\":true,\"dtype\":\"int64\"}", "InvalidArchitecture")]
    [InlineData("{\"type\":\"Dropout\",\"p\":2}", "InvalidArchitecture")]
    [InlineData("{\"type\":\"Sequential\",\"layers\":{}}", "InvalidArchitecture")]
    [InlineData("{\"type\":\"Sequential\",\"layers\":[3]}", "InvalidArchitecture")]
    [InlineData("[]", "InvalidArchitecture")]
    [InlineData("{\"type\":", "InvalidArchitecture")]
    [InlineData("{\"type\":\"ReLU\",\"type\":\"Tanh\"}", "InvalidArchitecture")]
    [InlineData("{\"type\":\"Linear\",\"in\":100000,\"out\":100000,\"bias\":true,\"dtype\":\"float32\"}", "ArchitectureTooLarge")]
    [InlineData("{\"type\":\"Linear\",\"in\":2147483647,\"out\":2147483647,\"bias\":true,\"dtype\":\"float32\"}", "ArchitectureTooLarge")]
    public void BadArchitecturesInAFileAreRefusedBeforeBuilding(string description, string errorId)
    {
        var bytes = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["weight"] = Tensor.Zeros(1, 2), ["bias"] = Tensor.Zeros(1) },
            new Dictionary<string, string> { [ModelFile.ArchitectureKey] = description });
        var e = Assert.Throws<TensorDataException>(() => ModelFile.Deserialize(bytes));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
    }

    [Fact]
    public void ArchitectureThatDoesNotFitItsWeights()
    {
        var bytes = ModelFile.Serialize(new Linear(2, 3));
        var data = SafeTensors.Deserialize(bytes);
        data.Metadata[ModelFile.ArchitectureKey] = Architecture.Describe(new Linear(2, 2))!;
        var e = Assert.Throws<TensorDataException>(() => ModelFile.Deserialize(SafeTensors.Serialize(data.Tensors, data.Metadata)));
        Assert.Equal("StateDictShape", e.ErrorId);
    }

    [Fact]
    public void FileOverloadsRoundTrip()
    {
        using var dir = new ScratchDir();
        var path = dir.File("model.safetensors");
        var model = Nested(new Generator(4));
        ModelFile.Save(path, model);
        var loaded = ModelFile.Load(path);
        Assert.Equal(model.ToString(), loaded.ToString());
        var into = Nested(new Generator(5));
        ModelFile.LoadInto(path, into);
        var x = Tensor.Randn([4, 2], DType.Float32, new Generator(6));
        AssertBitwiseEqual(model.Eval().Forward(x), into.Eval().Forward(x));
        var missing = Assert.Throws<TensorDataException>(() => ModelFile.LoadInto(path, new ToyModel()));
        Assert.Contains(path, missing.Message);
    }

    [Fact]
    public void LoadsAModelTrainedAndSavedByPyTorch()
    {
        using var doc = FixtureTensor.Load("io", "torch_mlp.json");
        var path = FixtureTensor.PathOf("io", "torch_mlp.safetensors");
        var model = ModelFile.Load(path).Eval();
        var input = FixtureTensor.Read(doc.RootElement.GetProperty("input"));
        FixtureTensor.AssertClose(FixtureTensor.Read(doc.RootElement.GetProperty("output")), model.Forward(input), 1e-5, 1e-5);
        Assert.Equal(doc.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetString()), model.StateDict().Keys);
        // Saved again, the model is the same bytes PyTorch wrote: keys, shapes, order, metadata.
        Assert.Equal(File.ReadAllBytes(path), ModelFile.Serialize(model));
        var handBuilt = new Sequential(new Flatten(), new Linear(2, 16), new LeakyReLU(0.2), new Dropout(0.1),
            new Linear(16, 16), new Tanh(), new Linear(16, 3), new LogSoftmax(-1));
        ModelFile.LoadInto(path, handBuilt);
        AssertBitwiseEqual(model.Forward(input), handBuilt.Eval().Forward(input));
    }

    [Fact]
    public void AModelSavedHerePredictsTheSameInPyTorch()
    {
        using var ours = FixtureTensor.Load("io", "nntools_mlp.json");
        using var theirs = FixtureTensor.Load("io", "nntools_mlp_torch.json");
        var model = ModelFile.Load(FixtureTensor.PathOf("io", "nntools_mlp.safetensors")).Eval();
        var input = FixtureTensor.Read(ours.RootElement.GetProperty("input"));
        var output = model.Forward(input);
        FixtureTensor.AssertClose(FixtureTensor.Read(ours.RootElement.GetProperty("output")), output, 1e-6, 1e-7); // kernels may sum in another order than when the fixture was written
        FixtureTensor.AssertClose(FixtureTensor.Read(theirs.RootElement.GetProperty("output")), output, 1e-5, 1e-6);
    }

    /// <summary>
    /// Trains a small nested model here and writes it with its predictions to Fixtures/io; then
    /// check_nntools_model.py loads it in PyTorch, checks the predictions and records PyTorch's.
    /// </summary>
    [RegenerateFact]
    public void RegenerateNNToolsModelFixture()
    {
        var g = new Generator(21);
        var model = Nested(g);
        var x = Tensor.Randn([64, 2], DType.Float32, g);
        var y = (x * x).Sum(1, keepDim: true).Lt(1.0).To(DType.Float32);
        double loss = 0;
        for (int step = 0; step < 200; step++)
        {
            model.ZeroGrad();
            var l = Functional.BinaryCrossEntropy(model.Forward(x), y);
            l.Backward();
            loss = l.ToDouble();
            using var _ = NNTools.Autograd.GradMode.NoGrad();
            foreach (var p in model.Parameters()) p.Sub_(p.Grad! * 0.5);
        }
        model.Eval();
        var probe = Tensor.Randn([8, 2], DType.Float32, g);
        var dir = SourceFixtureDir();
        ModelFile.Save(Path.Combine(dir, "nntools_mlp.safetensors"), model, overwrite: true);
        var json = new Dictionary<string, object> { ["input"] = Json(probe), ["output"] = Json(model.Forward(probe)), ["final_loss"] = loss };
        File.WriteAllText(Path.Combine(dir, "nntools_mlp.json"), JsonSerializer.Serialize(json) + "\n");
        Assert.True(loss < 0.4, $"training did not converge: loss {loss}");
    }

    private static Dictionary<string, object> Json(Tensor t) => new()
    {
        ["dtype"] = "float32",
        ["shape"] = t.Shape,
        ["data"] = t.ToFloatArray().Select(v => (double)v).ToArray(),
    };
}
