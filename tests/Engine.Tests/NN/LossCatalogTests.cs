using NNTools.NN;
using NNTools.Optim;
using NNTools.Optim.Schedulers;

namespace NNTools.Tests.NN;

public class LossAndSchedulerCatalogTests
{
    [Theory]
    [InlineData("mse", typeof(MSELoss))]
    [InlineData("MSELoss", typeof(MSELoss))]
    [InlineData("crossentropyloss", typeof(CrossEntropyLoss))]
    [InlineData("BCEWithLogits", typeof(BCEWithLogitsLoss))]
    public void Loss_names_match_in_any_case_with_or_without_the_Loss_suffix(string name, Type expected) =>
        Assert.IsType(expected, LossCatalog.Create(name));

    [Fact]
    public void Loss_options_reach_the_loss_and_keep_torch_defaults_otherwise()
    {
        var ce = (CrossEntropyLoss)LossCatalog.Find("CrossEntropy").Build(Reduction.Sum, new Dictionary<string, object?> { ["labelsmoothing"] = 0.2 });
        Assert.Equal(0.2, ce.LabelSmoothing);
        Assert.Equal(-100, ce.IgnoreIndex);
        Assert.Equal(Reduction.Sum, ce.Reduction);
        var error = Assert.Throws<TensorArgumentException>(() => LossCatalog.Find("MSE").Build(Reduction.Mean, new Dictionary<string, object?> { ["Weight"] = null }));
        Assert.Equal("ParameterNotApplicable", error.ErrorId);
        Assert.Equal("UnknownLoss", Assert.Throws<TensorArgumentException>(() => LossCatalog.Find("Hinge")).ErrorId);
    }

    [Fact]
    public void Every_schedule_builds_from_its_required_arguments_and_a_missing_one_is_named()
    {
        var required = new Dictionary<ArgumentKind, object>
        {
            [ArgumentKind.Count] = 2, [ArgumentKind.NonNegative] = 0.5, [ArgumentKind.Epochs] = new[] { 2 },
            [ArgumentKind.EpochFunction] = (Func<int, double>)(epoch => 1.0 / (epoch + 1)),
        };
        // OneCycleLR's length is given one of two ways, so neither is required on its own.
        foreach (var kind in SchedulerCatalog.Kinds)
        {
            var optimizer = new SGD([Tensor.Zeros([2]).RequiresGrad_()], 0.1);
            var values = kind.Arguments.Where(a => a.Required).ToDictionary(a => a.Name,
                a => (object?)(a.Kind == ArgumentKind.Schedulers ? new ILRScheduler[] { new StepLR(optimizer, 2), new StepLR(optimizer, 3) } : required[a.Kind]));
            if (kind.Name == "OneCycleLR") values["TotalSteps"] = 10;
            Assert.Equal(kind.Name, kind.Build(optimizer, values).GetType().Name);
        }
        var missing = Assert.Throws<TensorArgumentException>(() =>
            SchedulerCatalog.Find("StepLR").Build(new SGD([Tensor.Zeros([2]).RequiresGrad_()], 0.1), new Dictionary<string, object?>()));
        Assert.Equal("MissingArgument", missing.ErrorId);
        Assert.Contains("-StepSize", missing.Message);
    }
}
