using NNTools.Optim;

namespace NNTools.Tests.Optim;

public class OptimizerCatalogTests
{
    private static Tensor[] Params() => [Tensor.Zeros([2, 3]).RequiresGrad_()];

    [Fact]
    public void Every_kind_built_without_arguments_has_the_constructors_pytorch_defaults()
    {
        var direct = new Dictionary<string, Optimizer>
        {
            ["SGD"] = new SGD(Params(), 1e-3), ["Adam"] = new Adam(Params()), ["AdamW"] = new AdamW(Params()),
            ["RMSprop"] = new RMSprop(Params()), ["Adagrad"] = new Adagrad(Params()), ["Adadelta"] = new Adadelta(Params()),
            ["Adamax"] = new Adamax(Params()), ["NAdam"] = new NAdam(Params()), ["RAdam"] = new RAdam(Params()),
            ["LBFGS"] = new LBFGS(Params()),
        };
        Assert.Equal(direct.Keys.Order(), OptimizerCatalog.Names.Order());
        foreach (var kind in OptimizerCatalog.Kinds)
        {
            var built = kind.Build(Params(), null, null, new Dictionary<string, object?>());
            Assert.Equal(direct[kind.Name].GetType(), built.GetType());
            Assert.Equal(Format(direct[kind.Name]), Format(built));
        }
    }

    [Fact]
    public void Arguments_reach_the_optimizer_and_foreign_ones_are_refused()
    {
        var sgd = OptimizerCatalog.Find("sgd").Build(Params(), 0.5, 0.01, new Dictionary<string, object?> { ["momentum"] = 0.9, ["Nesterov"] = true });
        Assert.Equal(0.9, sgd.ParamGroups[0].Options["momentum"]);
        Assert.Equal(true, sgd.ParamGroups[0].Options["nesterov"]);
        Assert.Equal(0.01, sgd.ParamGroups[0].Options["weight_decay"]);
        var error = Assert.Throws<TensorArgumentException>(() =>
            OptimizerCatalog.Find("Adam").Build(Params(), null, null, new Dictionary<string, object?> { ["Momentum"] = 0.9 }));
        Assert.Equal("ParameterNotApplicable", error.ErrorId);
        Assert.Contains("-Betas", error.Message);
    }

    private static string Format(Optimizer o) => string.Join(";", o.ParamGroups[0].Options.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={PyFormat.Value(kv.Value)}"));
}
