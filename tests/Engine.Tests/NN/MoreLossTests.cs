using NNTools.NN;

namespace NNTools.Tests.NN;

/// <summary>
/// The newer losses through their classes and the catalogue (values from torch 1.13, e.g.
/// nn.KLDivLoss(reduction='batchmean')); the differential cases cover them as functions.
/// </summary>
public class MoreLossTests
{
    private static Tensor T(params double[] values) => Tensor.FromBuffer(values, [values.Length]);

    [Fact]
    public void KLDiv_batchmean_divides_the_sum_by_the_batch_size()
    {
        var logp = Tensor.FromBuffer(new[] { -1.0, -2.0, -0.5, -0.25 }, [2, 2]);
        var target = Tensor.FromBuffer(new[] { 0.0, 1.0, 0.5, 0.5 }, [2, 2]);
        // torch.nn.KLDivLoss(reduction=r)(logp, target) in float64
        Assert.Equal(0.8409264097200273, new KLDivLoss(Reduction.BatchMean).Compute(logp, target).ToDouble(), 12);
        Assert.Equal(0.42046320486001365, new KLDivLoss().Compute(logp, target).ToDouble(), 12);
        Assert.Equal(12.04010770910236, new KLDivLoss(Reduction.Sum, logTarget: true).Compute(logp, target).ToDouble(), 12);
    }

    [Fact]
    public void Only_KLDiv_takes_batchmean()
    {
        var e = Assert.Throws<TensorArgumentException>(() => new MSELoss(Reduction.BatchMean).Compute(T(1), T(2)));
        Assert.Equal("InvalidReduction", e.ErrorId);
        Assert.Contains("mse_loss", e.Message);
        Assert.Equal("InvalidReduction", Assert.Throws<TensorArgumentException>(() => Functional.CrossEntropy(Tensor.Zeros([1, 2]), Tensor.FromBuffer(new long[] { 0 }, [1]), reduction: Reduction.BatchMean)).ErrorId);
    }

    [Fact]
    public void Three_tensor_losses_refuse_two_and_reach_the_third_through_the_catalogue()
    {
        var kind = LossCatalog.Find("GaussianNLLLoss");
        var loss = kind.Build(Reduction.Sum, new Dictionary<string, object?> { ["Full"] = true });
        var e = Assert.Throws<TensorArgumentException>(() => loss.Compute(T(1), T(2)));
        Assert.Equal("LossNeedsThirdTensor", e.ErrorId);
        Assert.Contains("input, target, var", e.Message);
        // torch.nn.GaussianNLLLoss(full=True, reduction='sum')(input, target, var)
        Assert.Equal(3.684450656689318, kind.Compute(loss, T(1, 2), T(0, 0), T(1, 2)).ToDouble(), 12);
        Assert.Equal("MissingArgument", Assert.Throws<TensorArgumentException>(() => kind.Compute(loss, T(1, 2), T(0, 0), null)).ErrorId);

        // MarginRanking: the prediction is input1, the third tensor input2, the target the ±1 labels.
        var ranking = LossCatalog.Find("MarginRanking");
        var hinge = ranking.Build(Reduction.None, new Dictionary<string, object?> { ["Margin"] = 0.5 });
        Assert.Equal(new[] { 0.0, 2.5 }, ranking.Compute(hinge, T(2, 1), T(1, 1), T(0, 3)).ToDoubleArray());
        Assert.Equal(new[] { 0.0, 2.5 }, ((MarginRankingLoss)hinge).Compute(T(2, 1), T(0, 3), T(1, 1)).ToDoubleArray());
    }

    [Fact]
    public void Shape_errors_name_the_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Functional.CosineEmbeddingLoss(Tensor.Zeros([3, 2]), Tensor.Zeros([3]), Tensor.Zeros([3])));
        Assert.Contains("[3, 2] and [3]", e.Message);
        var variance = Assert.Throws<ShapeMismatchException>(() => Functional.GaussianNllLoss(Tensor.Zeros([2, 3]), Tensor.Zeros([2, 3]), Tensor.Ones([3])));
        Assert.Equal("VarianceShape", variance.ErrorId);
        Assert.Equal("NegativeVariance", Assert.Throws<TensorArgumentException>(() => Functional.GaussianNllLoss(T(1), T(1), T(-1))).ErrorId);
    }
}
