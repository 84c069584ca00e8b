namespace NNTools.NN;

/// <summary>
/// Binary cross-entropy's input gradient as a node of its own when a backward pass builds a graph,
/// differentiated as PyTorch's binary_cross_entropy_double_backward does: its formulas shift p and
/// 1 - p by 1e-12, so composing the derivative of the clamped quotient would differ from torch's
/// second derivatives by about 1e-12 / (p (1 - p)) relative.
/// </summary>
public static partial class Functional
{
    private static Tensor BinaryCrossEntropyGradRecorded(Tensor g, Tensor input, Tensor target, Tensor? weight, Reduction reduction)
    {
        Tensor value;
        using (Autograd.GradMode.NoGrad())
        {
            var scale = reduction == Reduction.Mean ? g / (double)input.Numel() : g;
            if (weight is not null) scale = scale * weight;
            value = scale * (input - target) / ((1.0 - input) * input).Clamp(min: BceEpsilon);
        }
        return Tensor.Record(value, "BinaryCrossEntropyBackwardBackward0", [g, input, target], gg =>
        [
            g.RequiresGrad ? BceGradOutputGrad(gg, input, target, weight, reduction) : null,
            BceInputGrad(gg, g, input, target, weight, reduction),
            target.RequiresGrad ? BceTargetGrad(gg * g, input, weight, reduction) : null,
        ], g, input, target);
    }

    // torch's binary_cross_entropy_double_backward: (p² - 2pt + t) / ((p + ε)² (1 - p + ε)²) · gg · g.
    private static Tensor BceInputGrad(Tensor gg, Tensor g, Tensor input, Tensor target, Tensor? weight, Reduction reduction)
    {
        const double eps = 1e-12;
        var gi = (input * input - 2.0 * input * target + target) / ((input + eps).Pow(2L) * (1.0 - input + eps).Pow(2L));
        gi = gi * (gg * g);
        if (weight is not null) gi = gi * weight;
        return reduction == Reduction.Mean ? gi / (double)input.Numel() : gi;
    }

    // torch's binary_cross_entropy_double_backward_grad_output: (p - t) / ((p + ε)(1 - p + ε)) · gg, reduced as the loss was.
    private static Tensor BceGradOutputGrad(Tensor gg, Tensor input, Tensor target, Tensor? weight, Reduction reduction)
    {
        const double eps = 1e-12;
        var go = (input - target) / ((input + eps) * (1.0 - input + eps)) * gg;
        if (weight is not null) go = go * weight;
        return reduction switch
        {
            Reduction.Mean => go.Sum() / (double)input.Numel(),
            Reduction.Sum => go.Sum(),
            _ => go,
        };
    }

    // The target's gradient of the loss (or, with gg · g for g, of the input gradient): -g w / max(p (1 - p), ε).
    private static Tensor BceTargetGrad(Tensor g, Tensor input, Tensor? weight, Reduction reduction)
    {
        var res = -g;
        if (weight is not null) res = res * weight;
        res = res / ((1.0 - input) * input).Clamp(min: BceEpsilon);
        return reduction == Reduction.Mean ? res / (double)input.Numel() : res;
    }
}
