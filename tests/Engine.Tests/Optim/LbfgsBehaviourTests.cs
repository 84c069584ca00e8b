using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Tests.Optim;

/// <summary>LBFGS's contract beyond PyTorch's numbers: closures required, one group, the catalogue entry, state that survives a round trip, training.</summary>
public class LbfgsBehaviourTests
{
    private static Tensor Quadratic(Tensor w) => (w - Tensor.From(new[] { 1.0, -2.0, 3.0 })).Pow(2).Sum();

    private static Func<Tensor> Closure(Optimizer opt, Tensor w) => () =>
    {
        opt.ZeroGrad();
        var loss = Quadratic(w);
        loss.Backward();
        return loss;
    };

    [Fact]
    public void StepWithoutClosureIsRefused()
    {
        var w = Tensor.Zeros([3], DType.Float64).RequiresGrad_();
        var opt = new LBFGS([w]);
        Assert.True(opt.RequiresClosure);
        Assert.Equal("ClosureRequired", Assert.Throws<TensorArgumentException>(() => opt.Step()).ErrorId);
    }

    [Fact]
    public void OneParameterGroupOnly()
    {
        var opt = new LBFGS([Tensor.Zeros([3], DType.Float64).RequiresGrad_()]);
        opt.AddParamGroup([Tensor.Zeros([2], DType.Float64).RequiresGrad_()]);
        Assert.Equal("LbfgsParamGroups", Assert.Throws<TensorArgumentException>(() => opt.Step(() => Tensor.Scalar(0.0))).ErrorId);
    }

    [Fact]
    public void SettingsAreChecked()
    {
        var w = new[] { Tensor.Zeros([3], DType.Float64).RequiresGrad_() };
        Assert.Equal("InvalidLineSearch", Assert.Throws<TensorArgumentException>(() => new LBFGS(w, lineSearchFn: "backtracking")).ErrorId);
        Assert.Equal("InvalidLbfgsCount", Assert.Throws<TensorArgumentException>(() => new LBFGS(w, maxIter: 0)).ErrorId);
        Assert.Equal("ParameterDType", Assert.Throws<DTypeMismatchException>(() => new LBFGS([w[0], Tensor.Zeros(2).RequiresGrad_()])).ErrorId);
        Assert.Equal(25.0, new LBFGS(w, maxIter: 20).ParamGroups[0]["max_eval"]);
    }

    [Fact]
    public void CatalogueBuildsItWithPyTorchsDefaults()
    {
        var w = Tensor.Zeros([3], DType.Float64).RequiresGrad_();
        var opt = OptimizerCatalog.Find("lbfgs").Build([w], null, null, new Dictionary<string, object?> { ["LineSearchFn"] = "StrongWolfe" });
        var g = opt.ParamGroups[0];
        Assert.Equal(1.0, g.Lr);
        Assert.Equal("strong_wolfe", g["line_search_fn"]);
        Assert.Equal(100.0, g["history_size"]);
        Assert.Contains("line_search_fn: strong_wolfe", opt.ToString());
        Assert.Contains("lr: 1.0", opt.ToString());
        Assert.Equal("ParameterNotApplicable", Assert.Throws<TensorArgumentException>(() =>
            OptimizerCatalog.Find("LBFGS").Build([w], null, 0.1, new Dictionary<string, object?>())).ErrorId);
    }

    [Fact]
    public void SolvesAQuadraticInOneStep()
    {
        var w = Tensor.Zeros([3], DType.Float64).RequiresGrad_();
        var opt = new LBFGS([w], lineSearchFn: "strong_wolfe");
        var first = opt.Step(Closure(opt, w));
        Assert.Equal(14.0, first.ToDouble());
        Assert.True(Quadratic(w).ToDouble() < 1e-12);
    }

    [Fact]
    public void StateRoundTripContinuesTheSameTrajectory()
    {
        var w1 = Tensor.From(new[] { 5.0, 5.0, 5.0 }).RequiresGrad_();
        var w2 = Tensor.From(new[] { 5.0, 5.0, 5.0 }).RequiresGrad_();
        var a = new LBFGS([w1], lr: 0.1, maxIter: 3);
        var b = new LBFGS([w2], lr: 0.1, maxIter: 3);
        a.Step(Closure(a, w1));
        w2.Detach().Copy_(w1.Detach());
        b.LoadStateDict(a.StateDict());
        a.Step(Closure(a, w1));
        b.Step(Closure(b, w2));
        Assert.Equal(w1.ToDoubleArray(), w2.ToDoubleArray());
    }

    [Fact]
    public void TrainerStepsItWithABatchClosure()
    {
        var gen = new Generator(3);
        var x = Tensor.Randn([32, 2], DType.Float32, gen);
        var y = x.MatMul(Tensor.From(new[,] { { 2.0f }, { -1.0f } })) + 0.5f;
        var model = new Linear(2, 1, generator: gen);
        var trainer = new NNTools.Training.Trainer(model, new MSELoss(), new LBFGS(model.Parameters(), lineSearchFn: "strong_wolfe"));
        var loader = new NNTools.Data.DataLoader(new NNTools.Data.TensorDataset(x, y), batchSize: 32);
        var result = trainer.Fit(loader, new NNTools.Training.TrainingOptions { Epochs = 3 });
        Assert.True(result.History[^1].Loss < 1e-6, $"final loss {result.History[^1].Loss}");
    }
}
