using System.Text;
using NNTools.IO;
using NNTools.NN;

namespace NNTools.Tests.IO;

/// <summary>
/// The limits of <see cref="ModuleLimits"/> hold the same on export and import: a model at a limit
/// round-trips, one beyond it is refused (LimitsExceeded) on either side, and a file claiming an
/// absurd model is refused before the work grows.
/// </summary>
public class ArchitectureLimitsTests
{
    private static Module Chain(int levels)
    {
        Module top = new Identity();
        for (int level = 2; level <= levels; level++) top = new Sequential(top);
        return top;
    }

    /// <summary>A description of Sequentials nested <paramref name="levels"/> deep, the deepest one empty.</summary>
    private static string NestedDescription(int levels)
    {
        var sb = new StringBuilder();
        for (int i = 1; i < levels; i++) sb.Append("{\"type\":\"Sequential\",\"layers\":[");
        sb.Append("{\"type\":\"Sequential\",\"layers\":[]}");
        for (int i = 1; i < levels; i++) sb.Append("]}");
        return sb.ToString();
    }

    private static string FlatDescription(int layers) =>
        "{\"type\":\"Sequential\",\"layers\":[" + string.Join(",", Enumerable.Repeat("{\"type\":\"Identity\"}", layers)) + "]}";

    private static TensorLimitException Refused(string description, string errorId)
    {
        var bytes = SafeTensors.Serialize(new Dictionary<string, Tensor>(), new Dictionary<string, string> { [ModelFile.ArchitectureKey] = description });
        var e = Assert.Throws<TensorLimitException>(() => ModelFile.Deserialize(bytes));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
        return e;
    }

    [Theory]
    [InlineData(32)] // exported but did not import: the JSON reader's default depth of 64
    [InlineData(ModuleLimits.MaxDepth)]
    public void ModelsNestedUpToTheLimitRoundTrip(int levels)
    {
        var loaded = ModelFile.Deserialize(ModelFile.Serialize(Chain(levels)));
        Assert.Equal(levels, loaded.Modules().Count());
        Assert.Equal(ModuleLimits.MaxDepth, Architecture.Build(NestedDescription(ModuleLimits.MaxDepth)).Modules().Count());
    }

    [Theory]
    [InlineData(ModuleLimits.MaxDepth + 1)]
    [InlineData(ModuleLimits.MaxDepth + 2)]
    [InlineData(1_000_000)]
    public void DescriptionsNestedBeyondTheLimitAreRefused(int levels)
    {
        var e = Refused(NestedDescription(levels), "ModuleNestingTooDeep");
        Assert.Contains($"the {ModuleLimits.MaxDepth} levels of modules a model may nest (ModuleLimits.MaxDepth)", e.Message);
    }

    [Fact]
    public void ExportRefusesWhatImportWouldRefuse()
    {
        var innermost = new Sequential();
        Module top = innermost;
        for (int level = 2; level <= ModuleLimits.MaxDepth; level++) top = new Sequential(top);
        innermost.Append(new Identity()); // top is now one level too deep
        Assert.Equal("ModuleNestingTooDeep", Assert.Throws<TensorLimitException>(() => ModelFile.Serialize(top)).ErrorId);

        var wide = new Sequential(Enumerable.Range(0, ModuleLimits.MaxModules).Select(_ => (Module)new Identity()));
        var e = Assert.Throws<TensorLimitException>(() => ModelFile.Serialize(wide));
        Assert.Equal("TooManyModules", e.ErrorId);
        Assert.Contains($"more than {ModuleLimits.MaxModules} modules", e.Message);
    }

    [Fact]
    public void AModelOfExactlyTheMostModulesRoundTrips()
    {
        // The Sequential itself and MaxModules - 1 layers.
        var model = Architecture.Build(FlatDescription(ModuleLimits.MaxModules - 1));
        var loaded = (Sequential)ModelFile.Deserialize(ModelFile.Serialize(model));
        Assert.Equal(ModuleLimits.MaxModules - 1, loaded.Count);
    }

    [Theory]
    [InlineData(ModuleLimits.MaxModules)]
    [InlineData(1_000_000)]
    public void DescriptionsOfTooManyModulesAreRefusedBeforeBuilding(int layers)
    {
        var e = Refused(FlatDescription(layers), "TooManyModules");
        Assert.Equal($"the architecture's model holds {layers} layers, which makes more than the {ModuleLimits.MaxModules} modules a model may hold (ModuleLimits.MaxModules)", e.Message);
    }

    [Fact]
    public void ModulesAreCountedAcrossNestedSequentials()
    {
        string half = FlatDescription(ModuleLimits.MaxModules / 2);
        var e = Refused("{\"type\":\"Sequential\",\"layers\":[" + half + "," + half + "]}", "TooManyModules");
        Assert.Contains("model.layers[1]", e.Message);
    }
}
