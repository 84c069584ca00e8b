using NNTools.NN;

namespace NNTools.Tests.NN;

/// <summary>The activation layers as New-Layer and model files meet them: catalogue arguments, torch's printouts, rebuilding.</summary>
public class SmoothActivationLayerTests
{
    [Theory]
    [InlineData("GELU", "GELU(approximate='none')")]
    [InlineData("SiLU", "SiLU()")]
    [InlineData("ELU", "ELU(alpha=1.0)")]
    [InlineData("Softplus", "Softplus(beta=1, threshold=20)")]
    [InlineData("Hardtanh", "Hardtanh(min_val=-1.0, max_val=1.0)")]
    [InlineData("Mish", "Mish()")]
    public void Defaults_print_as_torch_prints_them(string name, string expected) =>
        Assert.Equal(expected, LayerCatalog.Create(name, new Dictionary<string, object?>()).ToString());

    [Fact]
    public void Catalogue_arguments_reach_the_layer()
    {
        Assert.Equal("GELU(approximate='tanh')", LayerCatalog.Create("gelu", new Dictionary<string, object?> { ["Approximate"] = "TANH" }).ToString());
        Assert.Equal("ELU(alpha=0.5)", LayerCatalog.Create("ELU", new Dictionary<string, object?> { ["Alpha"] = 0.5 }).ToString());
        Assert.Equal("Softplus(beta=0.5, threshold=10)",
            LayerCatalog.Create("Softplus", new Dictionary<string, object?> { ["Beta"] = 0.5, ["Threshold"] = 10.0 }).ToString());
        Assert.Equal("Hardtanh(min_val=-2.0, max_val=0.5)",
            LayerCatalog.Create("Hardtanh", new Dictionary<string, object?> { ["MinVal"] = -2.0, ["MaxVal"] = 0.5 }).ToString());
    }

    [Fact]
    public void Bad_arguments_are_refused_with_the_values()
    {
        Assert.Equal("InvalidApproximate", Assert.Throws<TensorArgumentException>(() => new GELU("sigmoid")).ErrorId);
        var bounds = Assert.Throws<TensorArgumentException>(() => new Hardtanh(1, 1));
        Assert.Equal("InvalidBounds", bounds.ErrorId);
        Assert.Contains("min_val=1.0 and max_val=1.0", bounds.Message);
        var integer = Assert.Throws<DTypeMismatchException>(() => new SiLU().Invoke(Tensor.FromBuffer(new long[] { 1, 2 }, [2])));
        Assert.Contains("\"silu_cpu\" not implemented for 'Long'", integer.Message);
    }

    [Fact]
    public void Layers_are_their_tensor_functions_and_survive_a_model_file_description()
    {
        var model = new Sequential(new Linear(3, 4, generator: new Generator(1)), new GELU("tanh"), new SiLU(), new ELU(0.5),
            new Softplus(2, 1), new Hardtanh(-0.5, 0.25), new Mish());
        var x = Tensor.Randn([5, 3], DType.Float32, new Generator(2)) * 3.0;
        var h = ((Linear)model[0]).Invoke(x);
        var expected = h.Gelu("tanh").Silu().Elu(0.5).Softplus(2, 1).Hardtanh(-0.5, 0.25).Mish();
        Assert.Equal(expected.ToFloatArray(), model.Invoke(x).ToFloatArray());

        var rebuilt = (Sequential)Architecture.Build(Architecture.Describe(model)!);
        Assert.Equal(model.ToString(), rebuilt.ToString());
        Assert.Equal(0.5, ((ELU)rebuilt[3]).Alpha);
        Assert.Equal(1, ((Softplus)rebuilt[4]).Threshold);
    }

    [Fact]
    public void Hardtanh_passes_no_gradient_at_its_bounds_unlike_clamp()
    {
        var x = Tensor.FromBuffer(new[] { -1.0, 0.0, 1.0, 2.0 }, [4]).RequiresGrad_();
        x.Hardtanh().Sum().Backward();
        Assert.Equal(new[] { 0.0, 1.0, 0.0, 0.0 }, x.Grad!.ToDoubleArray());
        Assert.Equal(new long[] { -1, 0, 1, 1 }, Tensor.FromBuffer(new long[] { -3, 0, 1, 5 }, [4]).Hardtanh().ToInt64Array());
    }

    [Fact]
    public void Mlp_takes_the_new_activations_by_name()
    {
        var mlp = Layers.Mlp([2, 3, 1], "gelu", "Softplus", generator: new Generator(0));
        Assert.IsType<GELU>(mlp[1]);
        Assert.IsType<Softplus>(mlp[3]);
    }
}
