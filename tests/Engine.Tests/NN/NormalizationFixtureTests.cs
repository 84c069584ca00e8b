using System.Text.Json;
using NNTools.NN;
using NNTools.Tests.Support;

namespace NNTools.Tests.NN;

/// <summary>
/// BatchNorm1d/2d, LayerNorm and Embedding against PyTorch 1.13 (Fixtures/nn/norm.json, written by
/// make_norm.py): two training batches (outputs, input and parameter gradients, running statistics),
/// an eval pass, printouts and state dict keys; Embedding's seeded weight bit for bit.
/// </summary>
public class NormalizationFixtureTests
{
    // float32 sums over a batch in another order than ATen's: a few ulps on values of order 1.
    private const double Tol = 2e-5;

    public static TheoryData<int> Cases() => FixtureTensor.CaseIndices("nn", "norm.json");

    private static Module Build(JsonElement c)
    {
        var kw = c.GetProperty("kwargs");
        double D(string k, double d) => kw.TryGetProperty(k, out var v) ? v.GetDouble() : d;
        bool B(string k) => !kw.TryGetProperty(k, out var v) || v.GetBoolean();
        return c.GetProperty("layer").GetString() switch
        {
            "BatchNorm1d" => new BatchNorm1d(kw.GetProperty("num_features").GetInt32(), D("eps", 1e-5), D("momentum", 0.1), B("affine"), B("track_running_stats")),
            "BatchNorm2d" => new BatchNorm2d(kw.GetProperty("num_features").GetInt32(), D("eps", 1e-5), D("momentum", 0.1), B("affine"), B("track_running_stats")),
            "LayerNorm" => new LayerNorm([.. kw.GetProperty("normalized_shape").EnumerateArray().Select(e => e.GetInt32())], D("eps", 1e-5), B("elementwise_affine")),
            "Embedding" => new Embedding(kw.GetProperty("num_embeddings").GetInt32(), kw.GetProperty("embedding_dim").GetInt32(), new Generator(c.GetProperty("seed").GetInt64())),
            var other => throw new InvalidOperationException(other),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prints_and_names_its_state_as_PyTorch(int index)
    {
        using var doc = FixtureTensor.Load("nn", "norm.json");
        var c = doc.RootElement[index];
        var m = Build(c);
        Assert.Equal(c.GetProperty("repr").GetString(), m.ToString());
        Assert.Equal(c.GetProperty("keys").EnumerateArray().Select(k => k.GetString()), m.StateDict().Keys);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_backward_and_running_statistics_match_PyTorch(int index)
    {
        using var doc = FixtureTensor.Load("nn", "norm.json");
        var c = doc.RootElement[index];
        var m = Build(c);
        string name = c.GetProperty("layer").GetString()!;
        if (name == "Embedding")
        {
            var emb = (Embedding)m;
            FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("weight")), emb.Weight, 0, 0, "seeded weight");
            var y = emb.Forward(FixtureTensor.Read(c.GetProperty("idx")));
            FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("y")), y, 0, 0, "y");
            y.Backward(FixtureTensor.Read(c.GetProperty("up")));
            FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("weight_grad")), emb.Weight.Grad!, Tol, Tol, "weight grad");
            return;
        }
        int step = 0;
        foreach (var s in c.GetProperty("steps").EnumerateArray())
        {
            string where = $"{name} {c.GetProperty("kwargs").GetRawText()} step {step++}";
            var x = FixtureTensor.Read(s.GetProperty("x")).RequiresGrad_();
            var y = m.Forward(x);
            FixtureTensor.AssertClose(FixtureTensor.Read(s.GetProperty("y")), y, Tol, Tol, where + " y");
            y.Backward(FixtureTensor.Read(s.GetProperty("up")));
            FixtureTensor.AssertClose(FixtureTensor.Read(s.GetProperty("x_grad")), x.Grad!, Tol, Tol, where + " x grad");
            foreach (var (pname, p) in m.NamedParameters())
            {
                FixtureTensor.AssertClose(FixtureTensor.Read(s.GetProperty(pname + "_grad")), p.Grad!, Tol, Tol, where + " " + pname + " grad");
                p.Grad = null;
            }
            foreach (var (bname, b) in m.NamedBuffers())
            {
                FixtureTensor.AssertClose(FixtureTensor.Read(s.GetProperty(bname)), b, Tol, Tol, where + " " + bname);
            }
        }
        m.Eval();
        var evalY = m.Forward(FixtureTensor.Read(c.GetProperty("eval_x")));
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("eval_y")), evalY, Tol, Tol, name + " eval");
    }

    [Fact]
    public void Refuses_an_input_of_the_wrong_rank_or_channels_and_a_single_value_per_channel()
    {
        Assert.Equal("BatchNormInputShape", Assert.Throws<ShapeMismatchException>(() => new BatchNorm2d(3).Forward(Tensor.Zeros(2, 3, 4))).ErrorId);
        Assert.Contains("[2, 5]", Assert.Throws<ShapeMismatchException>(() => new BatchNorm1d(3).Forward(Tensor.Zeros(2, 5))).Message);
        Assert.Equal("BatchNormSingleValue", Assert.Throws<TensorArgumentException>(() => new BatchNorm1d(3).Forward(Tensor.Zeros(1, 3))).ErrorId);
        Assert.Equal("LayerNormInputShape", Assert.Throws<ShapeMismatchException>(() => new LayerNorm([4]).Forward(Tensor.Zeros(2, 5))).ErrorId);
        Assert.Equal("EmbeddingIndexDType", Assert.Throws<TensorArgumentException>(() => new Embedding(4, 2).Forward(Tensor.Zeros(3))).ErrorId);
    }
}

public class NormalizationModelFileTests
{
    [Fact]
    public void A_model_with_normalisation_and_embedding_layers_round_trips_through_a_model_file_with_its_running_statistics()
    {
        var bn = new Sequential([new Linear(3, 4, generator: new Generator(1)), new BatchNorm1d(4, momentum: 0.2), new LayerNorm([4], 1e-3), new BatchNorm1d(4, affine: false, trackRunningStats: false)]);
        bn.Forward(Tensor.Randn([8, 3], DType.Float32, new Generator(2)));
        var emb = new Sequential([new Embedding(5, 2, new Generator(3))]);
        var pools = new Sequential([new AvgPool2d([3, 2], [1, 2], [1, 0]), new Dropout2d(0.3), new AdaptiveAvgPool2d([2, 1])]);
        var conv = new Sequential([new Conv2d(2, 4, [3, 2], [2, 1], [1, 0], [1, 2], groups: 2, bias: false, generator: new Generator(4)),
            new MaxPool2d([2], [1], [1], null, ceilMode: true), new Conv2d(4, 3, 1, generator: new Generator(5))]);
        foreach (var model in new Module[] { bn, emb, pools, conv })
        {
            var copy = NNTools.IO.ModelFile.Deserialize(NNTools.IO.ModelFile.Serialize(model));
            Assert.Equal(model.ToString(), copy.ToString());
            var expected = model.StateDict();
            Assert.Equal(expected.Keys, copy.StateDict().Keys);
            foreach (var (name, t) in expected) FixtureTensor.AssertClose(t, copy.StateDict()[name], 0, 0, name);
        }
    }
}
