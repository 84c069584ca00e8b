namespace NNTools.NN;

/// <summary>
/// Divergence, count, variance and pair losses: kl_div, poisson_nll_loss, gaussian_nll_loss,
/// cosine_embedding_loss and margin_ranking_loss, composed from tensor ops as torch composes them,
/// so autograd gives torch's gradients (NaN included where torch's are NaN).
/// </summary>
public static partial class Functional
{
    /// <summary>
    /// The Kullback-Leibler divergence of <paramref name="target"/> from the distribution whose log
    /// is <paramref name="input"/>: target (log target - input) per element, or e^target (target -
    /// input) when <paramref name="logTarget"/> says the target is a log too. The two broadcast.
    /// <see cref="Reduction.BatchMean"/> divides the sum by input's first dim (the mathematical KL
    /// divergence of a batch); Mean divides by the element count, as torch's 'mean' does.
    /// </summary>
    public static Tensor KLDiv(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool logTarget = false)
    {
        if (!input.DType.IsFloating() || !target.DType.IsFloating())
        {
            throw Raise(new DTypeMismatchException("LossDType", $"kl_div: Integral inputs not supported (got {input.DType.TorchName()} and {target.DType.TorchName()})"));
        }
        var loss = logTarget ? target.Exp() * (target - input) : Xlogy(target, target) - target * input;
        if (reduction != Reduction.BatchMean) return Reduce(loss, reduction);
        return input.Ndim == 0 ? loss.Sum() : loss.Sum() / (double)input.Size(0);
    }

    /// <summary>x log y, 0 where x is 0 (unless y is NaN), as torch.xlogy; its backward is torch's (x/y for y, NaN at 0/0).</summary>
    private static Tensor Xlogy(Tensor x, Tensor y)
    {
        Tensor result;
        using (Autograd.GradMode.NoGrad())
        {
            result = Tensor.Where(y.IsNan(), double.NaN, Tensor.Where(x.Eq(0.0), Tensor.ZerosLike(x), x * y.Log()));
        }
        return Tensor.Record(result, "XlogyBackward0", [x, y], g =>
        [
            x.RequiresGrad ? g * Xlogy(x.Ne(0.0).To(g.DType), y) : null,
            y.RequiresGrad ? g * x / y : null,
        ], x, y);
    }

    /// <summary>
    /// Negative log-likelihood of counts <paramref name="target"/> under a Poisson distribution:
    /// e^input - target input when <paramref name="logInput"/> (the input is the log of the rate),
    /// input - target log(input + eps) otherwise. <paramref name="full"/> adds Stirling's
    /// approximation of log(target!) where target &gt; 1.
    /// </summary>
    public static Tensor PoissonNllLoss(Tensor input, Tensor target, bool logInput = true, bool full = false, double eps = 1e-8, Reduction reduction = Reduction.Mean)
    {
        RefuseBatchMean("poisson_nll_loss", reduction);
        var loss = logInput ? input.Exp() - target * input : input - target * (input + eps).Log();
        if (full)
        {
            var stirling = target * target.Log() - target + 0.5 * (2 * Math.PI * target).Log();
            loss = loss + stirling.MaskedFill(target.Le(1L), 0.0);
        }
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// Negative log-likelihood of <paramref name="target"/> under normal distributions with mean
    /// <paramref name="input"/> and variance <paramref name="variance"/>: (log var + (input - target)² / var) / 2.
    /// The variance is either input's shape, or input's shape with the last dim 1 or left out (one
    /// variance shared along the last dim). Variances below <paramref name="eps"/> are raised to it for
    /// stability, and as in torch that clamp is invisible to autograd. <paramref name="full"/> adds log(2π)/2.
    /// </summary>
    public static Tensor GaussianNllLoss(Tensor input, Tensor target, Tensor variance, bool full = false, double eps = 1e-6, Reduction reduction = Reduction.Mean)
    {
        ThrowIfNull(variance);
        RefuseBatchMean("gaussian_nll_loss", reduction);
        if (!variance.Shape.SequenceEqual(input.Shape))
        {
            var leading = input.Shape.Take(Math.Max(input.Ndim - 1, 0));
            if (leading.SequenceEqual(variance.Shape)) variance = variance.Unsqueeze(-1);
            else if (variance.Ndim > 0 && leading.SequenceEqual(variance.Shape.Take(variance.Ndim - 1)) && variance.Size(-1) == 1) { }
            else
            {
                throw Raise(new ShapeMismatchException("VarianceShape",
                    $"gaussian_nll_loss: var is of incorrect size: {Shapes.Format(variance.Sizes)} for an input of {Shapes.Format(input.Sizes)}; it takes the input's shape, or that shape with the last dim 1 or left out"));
            }
        }
        if (variance.Lt(0L).Any().ToBoolean())
        {
            throw Raise(new TensorArgumentException("NegativeVariance", "gaussian_nll_loss: var has negative entry/entries"));
        }
        var clamped = variance.Clone();
        using (Autograd.GradMode.NoGrad()) clamped.Clamp_(min: eps);
        var loss = 0.5 * (clamped.Log() + (input - target).Pow(2L) / clamped);
        if (full) loss = loss + 0.5 * Math.Log(2 * Math.PI);
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// 1 - cos(input1, input2) where target is 1, max(0, cos - margin) where it is -1, 0 elsewhere:
    /// rows of [N, D] inputs against a [N] target, or [D] inputs against a 0-d one. The cosine divides
    /// by √((|a|² + 1e-12)(|b|² + 1e-12)), as torch's.
    /// </summary>
    public static Tensor CosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target, double margin = 0, Reduction reduction = Reduction.Mean)
    {
        ThrowIfNull(input1);
        ThrowIfNull(input2);
        ThrowIfNull(target);
        RefuseBatchMean("cosine_embedding_loss", reduction);
        if (target.Ndim > 1) throw Raise(new ShapeMismatchException("LossShapeMismatch", $"cosine_embedding_loss: 0D or 1D target tensor expected, multi-target not supported; got a target of {Shapes.Format(target.Sizes)}"));
        int rank = target.Ndim + 1;
        if (input1.Ndim != rank || input2.Ndim != rank)
        {
            throw Raise(new ShapeMismatchException("LossShapeMismatch",
                $"cosine_embedding_loss: {target.Ndim}D target tensor expects {rank}D input tensors, but found inputs with sizes {Shapes.Format(input1.Sizes)} and {Shapes.Format(input2.Sizes)}"));
        }
        int dim = target.Ndim;
        const double epsilon = 1e-12;
        var product = (input1 * input2).Sum(dim);
        var squared1 = (input1 * input1).Sum(dim) + epsilon;
        var squared2 = (input2 * input2).Sum(dim) + epsilon;
        var cos = product / (squared1 * squared2).Sqrt();
        var zeros = Tensor.ZerosLike(cos);
        var loss = Tensor.Where(target.Eq(1L), 1L - cos, zeros) + Tensor.Where(target.Eq(-1L), (cos - margin).ClampMin(0.0), zeros);
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// max(0, -target (input1 - input2) + margin): target 1 asks for input1 to rank above input2, -1
    /// below. The three must have the same number of dims (and broadcast).
    /// </summary>
    public static Tensor MarginRankingLoss(Tensor input1, Tensor input2, Tensor target, double margin = 0, Reduction reduction = Reduction.Mean)
    {
        ThrowIfNull(input1);
        ThrowIfNull(input2);
        ThrowIfNull(target);
        RefuseBatchMean("margin_ranking_loss", reduction);
        if (input1.Ndim != input2.Ndim || input1.Ndim != target.Ndim)
        {
            throw Raise(new ShapeMismatchException("LossShapeMismatch",
                $"margin_ranking_loss: all input tensors should have the same number of dims, but got input1 {Shapes.Format(input1.Sizes)}, input2 {Shapes.Format(input2.Sizes)} and target {Shapes.Format(target.Sizes)}"));
        }
        return Reduce((-target * (input1 - input2) + margin).ClampMin(0.0), reduction);
    }

    /// <summary>Refuses <see cref="Reduction.BatchMean"/>, which only kl_div takes, as torch's reduction check does.</summary>
    private static void RefuseBatchMean(string op, Reduction reduction)
    {
        if (reduction == Reduction.BatchMean)
        {
            throw Raise(new TensorArgumentException("InvalidReduction", $"{op}: batchmean is not a valid value for reduction; only kl_div takes it"));
        }
    }
}
