namespace NNTools.NN;

/// <summary>A loss as a module: Forward is not used (a loss takes two inputs); call <see cref="Compute"/>.</summary>
public abstract class Loss(Reduction reduction) : Module
{
    public Reduction Reduction { get; } = reduction;

    /// <summary>The loss of <paramref name="input"/> against <paramref name="target"/>.</summary>
    public abstract Tensor Compute(Tensor input, Tensor target);

    public override Tensor Forward(Tensor input) =>
        throw Raise(new TensorArgumentException("LossNeedsTarget", $"{GetType().Name} needs a target: call Compute(input, target)"));

    protected override string ExtraRepr() => "";
}

/// <summary>Mean squared error, as nn.MSELoss.</summary>
public sealed class MSELoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    public override Tensor Compute(Tensor input, Tensor target) => Functional.MseLoss(input, target, Reduction);
}

/// <summary>Mean absolute error, as nn.L1Loss.</summary>
public sealed class L1Loss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    public override Tensor Compute(Tensor input, Tensor target) => Functional.L1Loss(input, target, Reduction);
}

/// <summary>As nn.SmoothL1Loss.</summary>
public sealed class SmoothL1Loss(Reduction reduction = Reduction.Mean, double beta = 1.0) : Loss(reduction)
{
    public double Beta { get; } = beta;

    public override Tensor Compute(Tensor input, Tensor target) => Functional.SmoothL1Loss(input, target, Reduction, Beta);
}

/// <summary>As nn.HuberLoss.</summary>
public sealed class HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0) : Loss(reduction)
{
    public double Delta { get; } = delta;

    public override Tensor Compute(Tensor input, Tensor target) => Functional.HuberLoss(input, target, Reduction, Delta);
}

/// <summary>Binary cross-entropy on probabilities, as nn.BCELoss.</summary>
public sealed class BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    public Tensor? Weight { get; } = weight;

    public override Tensor Compute(Tensor input, Tensor target) => Functional.BinaryCrossEntropy(input, target, Weight, Reduction);
}

/// <summary>Binary cross-entropy on logits, numerically stable, as nn.BCEWithLogitsLoss.</summary>
public sealed class BCEWithLogitsLoss(Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    public Tensor? Weight { get; } = weight;

    public Tensor? PosWeight { get; } = posWeight;

    public override Tensor Compute(Tensor input, Tensor target) => Functional.BinaryCrossEntropyWithLogits(input, target, Weight, PosWeight, Reduction);
}

/// <summary>Cross-entropy of logits against class indices or probabilities, as nn.CrossEntropyLoss.</summary>
public sealed class CrossEntropyLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100, double labelSmoothing = 0) : Loss(reduction)
{
    public Tensor? Weight { get; } = weight;

    public long IgnoreIndex { get; } = ignoreIndex;

    public double LabelSmoothing { get; } = labelSmoothing;

    public override Tensor Compute(Tensor input, Tensor target) => Functional.CrossEntropy(input, target, Weight, Reduction, IgnoreIndex, LabelSmoothing);
}

/// <summary>Negative log-likelihood of class indices given log-probabilities, as nn.NLLLoss.</summary>
public sealed class NLLLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100) : Loss(reduction)
{
    public Tensor? Weight { get; } = weight;

    public long IgnoreIndex { get; } = ignoreIndex;

    public override Tensor Compute(Tensor input, Tensor target) => Functional.NllLoss(input, target, Weight, Reduction, IgnoreIndex);
}
