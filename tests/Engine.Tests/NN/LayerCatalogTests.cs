using NNTools.NN;

namespace NNTools.Tests.NN;

public class LayerCatalogTests
{
    [Fact]
    public void Every_kind_builds_from_its_required_arguments_and_prints_as_its_type()
    {
        var required = new Dictionary<ArgumentKind, object> { [ArgumentKind.Count] = 3, [ArgumentKind.Window] = new[] { 2 }, [ArgumentKind.Shape] = new[] { 4 } };
        foreach (var kind in LayerCatalog.Kinds)
        {
            var values = kind.Arguments.Where(a => a.Required).ToDictionary(a => a.Name, a => (object?)required[a.Kind]);
            var layer = LayerCatalog.Create(kind.Name, values);
            Assert.StartsWith(kind.Name + "(", layer.ToString());
        }
    }

    [Fact]
    public void Names_are_matched_in_any_case_and_optional_arguments_keep_pytorch_defaults()
    {
        var layer = (Conv2d)LayerCatalog.Create("conv2D", new Dictionary<string, object?> { ["inchannels"] = 1, ["OutChannels"] = 2, ["KernelSize"] = new[] { 3 } });
        Assert.Equal("Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1))", layer.ToString());
        Assert.Equal("Flatten(start_dim=1, end_dim=-1)", LayerCatalog.Create("Flatten", new Dictionary<string, object?>()).ToString());
    }

    [Fact]
    public void A_missing_required_argument_and_a_foreign_one_are_named()
    {
        var missing = Assert.Throws<TensorArgumentException>(() => LayerCatalog.Create("Linear", new Dictionary<string, object?> { ["InFeatures"] = 2 }));
        Assert.Equal("MissingArgument", missing.ErrorId);
        Assert.Contains("-OutFeatures", missing.Message);
        var foreign = Assert.Throws<TensorArgumentException>(() => LayerCatalog.Create("ReLU", new Dictionary<string, object?> { ["P"] = 0.5 }));
        Assert.Equal("ParameterNotApplicable", foreign.ErrorId);
        Assert.Contains("ReLU", foreign.Message);
        var unknown = Assert.Throws<TensorArgumentException>(() => LayerCatalog.Find("Transformer"));
        Assert.Contains("Linear, Conv2d", unknown.Message);
    }
}
