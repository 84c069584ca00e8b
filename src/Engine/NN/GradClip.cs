using NNTools.Autograd;

namespace NNTools.NN;

/// <summary>
/// Gradient clipping as torch.nn.utils.clip_grad_norm_ and clip_grad_value_ (PyTorch 1.13): both
/// change the parameters' .Grad in place and skip parameters without a gradient.
/// </summary>
public static class GradClip
{
    /// <summary>
    /// Scales every gradient by max_norm / (total_norm + 1e-6) when that is below 1, where total_norm
    /// is the p-norm of the per-parameter norms (the largest |g| for p = ∞). Returns total_norm, a
    /// 0-d tensor; a NaN or infinite norm is refused when <paramref name="errorIfNonfinite"/> is set.
    /// </summary>
    public static Tensor ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2, bool errorIfNonfinite = false)
    {
        ThrowIfNull(parameters);
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToArray();
        if (grads.Length == 0) return Tensor.Scalar(0);
        using var _ = GradMode.NoGrad();
        Tensor total;
        if (double.IsPositiveInfinity(normType))
        {
            var maxima = grads.Select(g => g.Abs().Max()).ToArray();
            total = maxima.Length == 1 ? maxima[0] : Tensor.Stack(maxima).Max();
        }
        else
        {
            total = Tensor.Stack([.. grads.Select(g => g.Norm(normType))]).Norm(normType);
        }
        if (errorIfNonfinite && !double.IsFinite(total.ToDouble()))
        {
            throw Raise(new NumericalException("NonFiniteGradNorm",
                $"The total norm of order {normType} for gradients from {grads.Length} parameters is non-finite ({total.ToDouble()}), so it cannot be clipped"));
        }
        var coefficient = total.Add(1e-6).Reciprocal().Mul(maxNorm).Clamp(max: 1.0);
        foreach (var g in grads) g.Mul_(coefficient);
        return total;
    }

    /// <summary>Clamps every gradient element into [−clip_value, clip_value].</summary>
    public static void ClipGradValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        ThrowIfNull(parameters);
        using var _ = GradMode.NoGrad();
        foreach (var g in parameters.Select(p => p.Grad).OfType<Tensor>()) g.Clamp_(-clipValue, clipValue);
    }
}
