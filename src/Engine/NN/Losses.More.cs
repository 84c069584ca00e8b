namespace NNTools.NN;

/// <summary>Kullback-Leibler divergence of log-probabilities, as nn.KLDivLoss; <see cref="Reduction.BatchMean"/> is the mathematical one.</summary>
public sealed class KLDivLoss(Reduction reduction = Reduction.Mean, bool logTarget = false) : Loss(reduction)
{
    public bool LogTarget { get; } = logTarget;

    public override Tensor Compute(Tensor input, Tensor target) => Functional.KLDiv(input, target, Reduction, LogTarget);
}

/// <summary>Poisson negative log-likelihood of counts, as nn.PoissonNLLLoss.</summary>
public sealed class PoissonNLLLoss(bool logInput = true, bool full = false, double eps = 1e-8, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    public bool LogInput { get; } = logInput;

    public bool Full { get; } = full;

    public double Eps { get; } = eps;

    public override Tensor Compute(Tensor input, Tensor target) => Functional.PoissonNllLoss(input, target, LogInput, Full, Eps, Reduction);
}

/// <summary>
/// A loss of three tensors. Its two-tensor <see cref="Loss.Compute(Tensor, Tensor)"/> is refused, so
/// a training loop that only has predictions and targets says why it cannot use it.
/// </summary>
public abstract class ThreeTensorLoss(Reduction reduction) : Loss(reduction)
{
    /// <summary>The names of the three tensors, in torch's order, for messages.</summary>
    protected abstract string Signature { get; }

    public override Tensor Compute(Tensor input, Tensor target) =>
        throw Raise(new TensorArgumentException("LossNeedsThirdTensor", $"{GetType().Name} takes three tensors: call Compute({Signature})"));
}

/// <summary>Gaussian negative log-likelihood with a predicted variance, as nn.GaussianNLLLoss: Compute(input, target, var).</summary>
public sealed class GaussianNLLLoss(bool full = false, double eps = 1e-6, Reduction reduction = Reduction.Mean) : ThreeTensorLoss(reduction)
{
    public bool Full { get; } = full;

    public double Eps { get; } = eps;

    protected override string Signature => "input, target, var";

    public Tensor Compute(Tensor input, Tensor target, Tensor variance) => Functional.GaussianNllLoss(input, target, variance, Full, Eps, Reduction);
}

/// <summary>Cosine similarity pulled up for pairs labelled 1 and pushed below the margin for -1, as nn.CosineEmbeddingLoss.</summary>
public sealed class CosineEmbeddingLoss(double margin = 0, Reduction reduction = Reduction.Mean) : ThreeTensorLoss(reduction)
{
    public double Margin { get; } = margin;

    protected override string Signature => "input1, input2, target";

    public Tensor Compute(Tensor input1, Tensor input2, Tensor target) => Functional.CosineEmbeddingLoss(input1, input2, target, Margin, Reduction);
}

/// <summary>A hinge on the difference of two scores, ranked by a ±1 target, as nn.MarginRankingLoss.</summary>
public sealed class MarginRankingLoss(double margin = 0, Reduction reduction = Reduction.Mean) : ThreeTensorLoss(reduction)
{
    public double Margin { get; } = margin;

    protected override string Signature => "input1, input2, target";

    public Tensor Compute(Tensor input1, Tensor input2, Tensor target) => Functional.MarginRankingLoss(input1, input2, target, Margin, Reduction);
}
