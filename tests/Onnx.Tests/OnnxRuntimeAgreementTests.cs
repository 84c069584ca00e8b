using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NNTools.Autograd;
using NNTools.Data;
using NNTools.NN;

namespace NNTools.Onnx.Tests;

/// <summary>
/// Every exported model runs in ONNX Runtime and must give what the engine's own forward pass gives
/// (Invoke-Model's engine call, in eval mode) within 1e-5.
/// </summary>
public partial class OnnxRuntimeAgreementTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string, string?> Activations => new()
    {
        { "ReLU", null }, { "LeakyReLU", null }, { "Sigmoid", "Softmax" }, { "Tanh", "LogSoftmax" }, { "Identity", "Sigmoid" }, { "ReLU", "Tanh" },
        { "GELU", null }, { "SiLU", "Mish" }, { "ELU", "Softplus" }, { "Hardtanh", null },
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void MlpAgreesWithTheEngine(string activation, string? outputActivation)
    {
        var generator = new Generator(1);
        var model = Layers.Mlp([4, 16, 8, 3], activation, outputActivation, dropout: 0.3, generator: generator);
        AssertAgrees(model, Tensor.Randn([10, 4], DType.Float32, generator));
    }

    [Fact]
    public void LeakyReluSlopeAndBiaslessLinearAgree()
    {
        var generator = new Generator(2);
        var model = new Sequential(new Linear(5, 7, bias: false, generator: generator), new LeakyReLU(0.2), new Linear(7, 2, generator: generator));
        AssertAgrees(model, Tensor.Randn([6, 5], DType.Float32, generator));
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void SmoothActivationArgumentsAgree(DType dtype)
    {
        var generator = new Generator(9);
        var model = new Sequential(
            new Linear(4, 8, dtype: dtype, generator: generator), new GELU("tanh"), new Linear(8, 8, dtype: dtype, generator: generator), new ELU(0.5),
            new Linear(8, 8, dtype: dtype, generator: generator), new Softplus(2, 1), new Linear(8, 8, dtype: dtype, generator: generator), new Hardtanh(-0.5, 0.3));
        // Wide inputs, so Softplus passes its threshold and Hardtanh clips on both sides.
        AssertAgrees(model, Tensor.Randn([12, 4], dtype, generator) * 3.0);
    }

    [Fact]
    public void Float64MlpAgrees()
    {
        var generator = new Generator(3);
        var model = new Sequential(new Linear(3, 6, dtype: DType.Float64, generator: generator), new Tanh(), new Linear(6, 1, dtype: DType.Float64, generator: generator));
        AssertAgrees(model, Tensor.Randn([8, 3], DType.Float64, generator));
    }

    [Fact]
    public void ConvNetAgrees()
    {
        var generator = new Generator(4);
        var model = new Sequential(
            new Conv2d(2, 4, 3, padding: 1, generator: generator), new ReLU(), new MaxPool2d(2),
            new Sequential(new Conv2d(4, 6, [3, 2], stride: [1, 2], dilation: [2, 1], groups: 2, generator: generator), new Tanh()),
            new MaxPool2d(2, stride: 1, padding: 1, ceilMode: true),
            new Flatten(), new Dropout(0.5, generator), new Linear(6 * 2 * 3, 5, generator: generator), new LogSoftmax(1));
        var x = Tensor.Randn([3, 2, 10, 10], DType.Float32, generator);
        Assert.Equal([3, 5], Forward(model, x).Shape.ToArray());
        AssertAgrees(model, x);
    }

    [Fact]
    public void NormalisationAndAveragePoolingAgree()
    {
        var generator = new Generator(7);
        var model = new Sequential(
            new Conv2d(2, 4, 3, padding: 1, generator: generator), new BatchNorm2d(4), new ReLU(), new AvgPool2d([3], [2], [1]), new Dropout2d(0.2, generator),
            new Conv2d(4, 6, 1, generator: generator), new BatchNorm2d(6, affine: false), new AdaptiveAvgPool2d([1]), new Flatten(),
            new Linear(6, 8, generator: generator), new BatchNorm1d(8), new LayerNorm([8], 1e-3), new Linear(8, 3, generator: generator));
        var x = Tensor.Randn([5, 2, 7, 7], DType.Float32, generator);
        // A few training batches first, so the running statistics are not their starting 0 and 1.
        model.Train();
        for (int i = 0; i < 3; i++) model.Invoke(Tensor.Randn([5, 2, 7, 7], DType.Float32, generator));
        AssertAgrees(model, x);
    }

    [Fact]
    public void EmbeddingAgrees()
    {
        var generator = new Generator(8);
        var model = new Sequential(new Embedding(20, 4, generator), new LayerNorm([4]), new Flatten(), new Linear(12, 2, generator: generator));
        var tokens = new Tensor(new long[,] { { 1, 5, 19 }, { 0, 7, 7 } }, DType.Int64);
        var expected = Forward(model, tokens);
        using var session = new InferenceSession(OnnxExport.Serialize(model));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<long>(new long[] { 1, 5, 19, 0, 7, 7 }, [2, 3]))]);
        AssertClose(expected.ToDoubleArray(), [.. results.First().AsTensor<float>().Select(v => (double)v)]);
    }

    [Fact]
    public void LinearOnHigherRankInputAgrees()
    {
        var generator = new Generator(5);
        var model = new Sequential(new Conv2d(1, 2, 2, generator: generator), new Flatten(2), new Linear(9, 3, generator: generator), new Softmax(-1));
        AssertAgrees(model, Tensor.Randn([2, 1, 4, 4], DType.Float32, generator));
    }

    [Fact]
    public void PreprocessingRunsInsideTheGraph()
    {
        var rows = new List<object?[]>
        {
            new object?[] { 1.5, "red", 10.0, "s" }, new object?[] { -2.0, "blue", 12.0, "m" },
            new object?[] { 0.5, "green", 7.0, "l" }, new object?[] { 3.0, "red", 9.5, "m" },
        };
        var fitted = Preprocessing.Fit(["a", "colour", "b", "size"], rows, standardize: true, ["colour", "size"], CategoricalEncoding.OneHot, ["no", "yes"]);
        var preprocessing = new Preprocessing([.. fitted.Columns.Take(3), fitted.Columns[3] with { Encoding = CategoricalEncoding.Index }], fitted.Classes);
        Assert.Equal(6, preprocessing.Width);
        var generator = new Generator(6);
        var model = Layers.Mlp([6, 5, 2], generator: generator);
        model.Preprocessing = preprocessing;

        using var session = new InferenceSession(OnnxExport.Serialize(model));
        float[] numeric = [.. rows.SelectMany(r => new[] { (float)(double)r[0]!, (float)(double)r[2]! })];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(numeric, [rows.Count, 2])),
            NamedOnnxValue.CreateFromTensor("colour", new DenseTensor<string>(rows.Select(r => (string)r[1]!).ToArray(), [rows.Count, 1])),
            NamedOnnxValue.CreateFromTensor("size", new DenseTensor<string>(rows.Select(r => (string)r[3]!).ToArray(), [rows.Count, 1])),
        };
        using var results = session.Run(inputs);
        var expected = Forward(model, preprocessing.EncodeRows(rows)).ToDoubleArray();
        AssertClose(expected, results.First().AsTensor<float>().Select(v => (double)v).ToArray());
    }

    [Fact]
    public void NumericPreprocessingIsOneInput()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new object?[] { i * 3.0, 100.0 - i * i, 7.0 }).ToList();
        var model = Layers.Mlp([3, 4, 1], generator: new Generator(7));
        model.Preprocessing = Preprocessing.Fit(["x", "y", "constant"], rows, standardize: true);
        using var session = new InferenceSession(OnnxExport.Serialize(model));
        Assert.Equal(["features"], session.InputMetadata.Keys);
        float[] raw = [.. rows.SelectMany(r => r.Select(v => (float)(double)v!))];
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(raw, [rows.Count, 3]))]);
        AssertClose(Forward(model, model.Preprocessing.EncodeRows(rows)).ToDoubleArray(), results.First().AsTensor<float>().Select(v => (double)v).ToArray());
    }

    [Fact]
    public void ALayerWithoutAnOnnxFormIsRefusedByName()
    {
        var model = new Sequential(new Linear(2, 2), new Flatten(0, 0));
        var e = Assert.Throws<TensorArgumentException>(() => OnnxExport.Serialize(model));
        Assert.Equal("OnnxUnsupportedLayer", e.ErrorId);
        Assert.Contains("'1'", e.Message);
    }

    [Fact]
    public void TheFileDeclaresOpset17AndABatchDim()
    {
        using var session = new InferenceSession(OnnxExport.Serialize(Layers.Mlp([2, 3], generator: new Generator(8))));
        Assert.Equal([-1, 2], session.InputMetadata["input"].Dimensions);
        var proto = OnnxExport.ToModelProto(Layers.Mlp([2, 3]));
        Assert.Contains(proto.OpsetImport, o => o.Domain == "" && o.Version == 17);
    }

    private static Tensor Forward(Module model, Tensor x)
    {
        model.Eval();
        using var _ = GradMode.NoGrad();
        return model.Invoke(x);
    }

    private static void AssertAgrees(Module model, Tensor x)
    {
        var expected = Forward(model, x);
        using var session = new InferenceSession(OnnxExport.Serialize(model));
        var input = x.DType == DType.Float64
            ? NamedOnnxValue.CreateFromTensor("input", new DenseTensor<double>(x.ToDoubleArray(), x.Shape.ToArray()))
            : NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(x.ToFloatArray(), x.Shape.ToArray()));
        using var results = session.Run([input]);
        var output = results.First();
        double[] actual = x.DType == DType.Float64 ? output.AsTensor<double>().ToArray() : [.. output.AsTensor<float>().Select(v => (double)v)];
        var dims = x.DType == DType.Float64 ? output.AsTensor<double>().Dimensions.ToArray() : output.AsTensor<float>().Dimensions.ToArray();
        Assert.Equal(expected.Shape.ToArray(), dims);
        AssertClose(expected.ToDoubleArray(), actual);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"element {i}: NNTools {expected[i]}, ONNX Runtime {actual[i]}");
        }
    }
}
