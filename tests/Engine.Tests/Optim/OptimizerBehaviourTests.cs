using System.Collections;
using NNTools.Optim;
using NNTools.Optim.Schedulers;
using NNTools.Tests.Support;

namespace NNTools.Tests.Optim;

/// <summary>Parameter groups, gradients that are missing, validation and state-dict errors, with their ErrorIds.</summary>
public class OptimizerBehaviourTests
{
    private static Tensor Param(params int[] shape) => Tensor.Ones(shape).RequiresGrad_();

    [Theory]
    [InlineData(-0.1, "Invalid learning rate: -0.1")]
    [InlineData(-1e-5, "Invalid learning rate: -1e-05")]
    public void NegativeLearningRateIsRefusedLikePyTorch(double lr, string message)
    {
        var e = Assert.Throws<TensorArgumentException>(() => new SGD([Param(2)], lr));
        Assert.Equal("InvalidLearningRate", e.ErrorId);
        Assert.Equal(message, e.Message);
        Assert.Equal("InvalidLearningRate", Assert.Throws<TensorArgumentException>(() => new Adam([Param(2)], lr)).ErrorId);
        Assert.Equal("InvalidLearningRate", Assert.Throws<TensorArgumentException>(() => new RMSprop([Param(2)], lr)).ErrorId);
        Assert.Equal("InvalidLearningRate", Assert.Throws<TensorArgumentException>(() => new Adagrad([Param(2)], lr)).ErrorId);
    }

    [Fact]
    public void OtherHyperParametersAreValidated()
    {
        var b0 = Assert.Throws<TensorArgumentException>(() => new Adam([Param(2)], betas: (1.5, 0.999)));
        Assert.Equal(("InvalidBeta", "Invalid beta parameter at index 0: 1.5"), (b0.ErrorId, b0.Message));
        var b1 = Assert.Throws<TensorArgumentException>(() => new AdamW([Param(2)], betas: (0.9, -0.2)));
        Assert.Equal(("InvalidBeta", "Invalid beta parameter at index 1: -0.2"), (b1.ErrorId, b1.Message));
        var eps = Assert.Throws<TensorArgumentException>(() => new Adam([Param(2)], eps: -1e-8));
        Assert.Equal(("InvalidEpsilon", "Invalid epsilon value: -1e-08"), (eps.ErrorId, eps.Message));
        Assert.Equal("InvalidMomentum", Assert.Throws<TensorArgumentException>(() => new SGD([Param(2)], 0.1, momentum: -0.5)).ErrorId);
        Assert.Equal("InvalidWeightDecay", Assert.Throws<TensorArgumentException>(() => new RMSprop([Param(2)], weightDecay: -1)).ErrorId);
        Assert.Equal("InvalidAlpha", Assert.Throws<TensorArgumentException>(() => new RMSprop([Param(2)], alpha: -0.1)).ErrorId);
        Assert.Equal("InvalidLrDecay", Assert.Throws<TensorArgumentException>(() => new Adagrad([Param(2)], lrDecay: -1)).ErrorId);
        var nesterov = Assert.Throws<TensorArgumentException>(() => new SGD([Param(2)], 0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
        Assert.Equal(("NesterovRequiresMomentum", "Nesterov momentum requires a momentum and zero dampening, got momentum=0.9, dampening=0.1"), (nesterov.ErrorId, nesterov.Message));
    }

    [Fact]
    public void ParametersMustBeFloatingLeavesListedOnce()
    {
        var leaf = Param(3, 4);
        var nonLeaf = Assert.Throws<TensorArgumentException>(() => new SGD([leaf * 2.0], 0.1));
        Assert.Equal("NonLeafParameter", nonLeaf.ErrorId);
        Assert.Contains("non-leaf", nonLeaf.Message);
        Assert.Contains("MulBackward0", nonLeaf.Message);
        Assert.Contains("[3, 4]", nonLeaf.Message);

        var integer = Assert.Throws<DTypeMismatchException>(() => new Adam([leaf, Tensor.Arange(5)]));
        Assert.Equal("ParameterDType", integer.ErrorId);
        Assert.Contains("parameter 1", integer.Message);
        Assert.Contains("int64", integer.Message);

        Assert.Equal("EmptyParameterList", Assert.Throws<TensorArgumentException>(() => new SGD([], 0.1)).ErrorId);
        Assert.Equal("DuplicateParameter", Assert.Throws<TensorArgumentException>(() => new SGD([leaf, leaf], 0.1)).ErrorId);
        var opt = new SGD([leaf], 0.1);
        var twice = Assert.Throws<TensorArgumentException>(() => opt.AddParamGroup([Param(2), leaf]));
        Assert.Equal("ParameterInTwoGroups", twice.ErrorId);
        Assert.Single(opt.ParamGroups);
    }

    [Fact]
    public void GroupsHaveTheirOwnHyperParametersAndRefuseBadOnes()
    {
        var (a, b) = (Param(2), Param(3));
        var opt = new SGD([a], 0.1, momentum: 0.9);
        opt.AddParamGroup([b], new Hashtable { ["LR"] = 0.01, ["weight_decay"] = 1 });
        Assert.Equal(0.01, opt.ParamGroups[1].Lr);
        Assert.Equal(1.0, opt.ParamGroups[1]["weight_decay"]);
        Assert.Equal(0.9, opt.ParamGroups[1]["momentum"]);

        var unknown = Assert.Throws<TensorArgumentException>(() => opt.AddParamGroup([Param(1)], new Hashtable { ["learning_rate"] = 0.1 }));
        Assert.Equal("UnknownHyperParameter", unknown.ErrorId);
        Assert.Contains("lr", unknown.Message);

        var bad = Assert.Throws<TensorArgumentException>(() => opt.ParamGroups[0].Lr = -1);
        Assert.Equal("InvalidLearningRate", bad.ErrorId);
        Assert.Equal(0.1, opt.ParamGroups[0].Lr);
    }

    [Fact]
    public void StepSkipsParametersWithoutGradientAndRecordsNoGraph()
    {
        var (w, frozen) = (Param(2), Param(2));
        var opt = new Adam([w, frozen], lr: 0.1);
        (w * w).Sum().Backward();
        opt.Step();
        Assert.Equal([1f, 1f], frozen.ToFloatArray());
        Assert.NotEqual([1f, 1f], w.ToFloatArray());
        Assert.True(w.IsLeaf && w.RequiresGrad);
        Assert.Equal([0], opt.StateDict().State.Keys);

        opt.ZeroGrad(setToNone: false);
        Assert.Equal([0f, 0f], w.Grad!.ToFloatArray());
        opt.ZeroGrad();
        Assert.Null(w.Grad);
    }

    [Fact]
    public void StepWithClosureReturnsTheLoss()
    {
        var w = Param(2);
        var opt = new SGD([w], 0.5);
        var loss = opt.Step(() =>
        {
            opt.ZeroGrad();
            var l = (w * w).Sum();
            l.Backward();
            return l;
        });
        Assert.Equal(2.0, loss.ToDouble());
        Assert.Equal([0f, 0f], w.ToFloatArray());
    }

    [Fact]
    public void PrintsLikePyTorch()
    {
        var opt = new SGD([Param(2)], 0.1);
        Assert.Equal("SGD (\nParameter Group 0\n    dampening: 0\n    lr: 0.1\n    maximize: False\n    momentum: 0\n    nesterov: False\n    weight_decay: 0\n)", opt.ToString());
    }

    private static (Adam Opt, Tensor W) Stepped(params int[] shape)
    {
        var w = Param(shape);
        var opt = new Adam([w], lr: 0.1);
        (w * w).Sum().Backward();
        opt.Step();
        return (opt, w);
    }

    [Fact]
    public void LoadStateDictChecksGroupsShapesAndKeys()
    {
        var (source, _) = Stepped(3, 4);
        var state = source.StateDict();

        var twoGroups = new Adam([Param(3, 4)]);
        twoGroups.AddParamGroup([Param(1)]);
        Assert.Equal("StateDictGroupCount", Assert.Throws<TensorArgumentException>(() => twoGroups.LoadStateDict(state)).ErrorId);

        var size = Assert.Throws<TensorArgumentException>(() => new Adam([Param(3, 4), Param(1)]).LoadStateDict(state));
        Assert.Equal("StateDictGroupSize", size.ErrorId);
        Assert.Contains("optimizer has 2 parameters, the state dict 1", size.Message);

        var target = new Adam([Param(3, 5)], lr: 0.5);
        var shape = Assert.Throws<ShapeMismatchException>(() => target.LoadStateDict(state));
        Assert.Equal("StateDictShapeMismatch", shape.ErrorId);
        Assert.Contains("[3, 4]", shape.Message);
        Assert.Contains("[3, 5]", shape.Message);
        Assert.Equal(0.5, target.ParamGroups[0].Lr);

        state.State[0].Remove("exp_avg_sq");
        var missing = Assert.Throws<TensorArgumentException>(() => new Adam([Param(3, 4)]).LoadStateDict(state));
        Assert.Equal("StateDictMissingKey", missing.ErrorId);
        Assert.Contains("exp_avg_sq", missing.Message);
    }

    [Fact]
    public void LoadedStateIsACopyInTheParameterDType()
    {
        var (source, _) = Stepped(2);
        var w64 = Tensor.Ones([2], DType.Float64).RequiresGrad_();
        var target = new Adam([w64]);
        target.LoadStateDict(source.StateDict());
        var loaded = target.StateDict();
        Assert.Equal(DType.Float64, ((Tensor)loaded.State[0]["exp_avg"]!).DType);
        Assert.Equal(DType.Float32, ((Tensor)loaded.State[0]["step"]!).DType);
        Assert.Equal(0.1, target.ParamGroups[0].Lr);
    }

    [Fact]
    public void SchedulesValidateTheirSettings()
    {
        var opt = new SGD([Param(2)], 0.1);
        Assert.Equal("InvalidFactor", Assert.Throws<TensorArgumentException>(() => new ReduceLROnPlateau(opt, factor: 1.0)).ErrorId);
        Assert.Equal("InvalidStepSize", Assert.Throws<TensorArgumentException>(() => new StepLR(opt, 0)).ErrorId);
        Assert.Equal("InvalidTMax", Assert.Throws<TensorArgumentException>(() => new CosineAnnealingLR(opt, 0)).ErrorId);
        var minLrs = Assert.Throws<TensorArgumentException>(() => new ReduceLROnPlateau(opt, minLrs: [0.1, 0.2]));
        Assert.Equal(("SchedulerGroupCount", "expected 1 min_lrs, got 2"), (minLrs.ErrorId, minLrs.Message));

        var s = new StepLR(opt, 2);
        opt.AddParamGroup([Param(1)]);
        Assert.Equal("SchedulerGroupCount", Assert.Throws<TensorArgumentException>(s.Step).ErrorId);
    }

    [Fact]
    public void SchedulesRecordInitialLr()
    {
        var opt = new SGD([Param(2)], 0.1);
        _ = new ExponentialLR(opt, 0.5);
        Assert.Equal(0.1, opt.ParamGroups[0]["initial_lr"]);
        Assert.Contains("initial_lr: 0.1", opt.ToString());
    }

    [Fact]
    public void FusedOpsHaveCorrectGradients()
    {
        var a = GradAssert.Uniform(1, -1, 1, 3, 4);
        var b = GradAssert.Uniform(2, -1, 1, 4);
        var c = GradAssert.Uniform(3, 0.5, 2, 3, 1);
        GradAssert.Check(t => t[0].Addcmul(t[1], t[2], -0.7), a, b, c);
        GradAssert.Check(t => t[0].Addcdiv(t[1], t[2], 0.3), a, b, c);
        GradAssert.Check(t => t[0].Add(t[1], 2.5), a, b);
    }
}
