using NNTools.Autograd;
using NNTools.Kernels;
using NNTools.NN;

namespace NNTools.Training;

/// <summary>Classification metrics, chosen from the loss the way a PyTorch tutorial computes them by hand.</summary>
public static class Metrics
{
    /// <summary>
    /// The predicted labels for a batch, shaped and typed like the target, or null for regression
    /// losses. BCE: probability above 0.5; BCE with logits: logit above 0; cross-entropy and NLL:
    /// arg-max over the class dim.
    /// </summary>
    public static Tensor? Predictions(Loss loss, Tensor output, Tensor target)
    {
        using var _ = GradMode.NoGrad();
        if (BinaryThreshold(loss) is double threshold) return output.Gt(threshold).To(target.DType);
        return loss is CrossEntropyLoss or NLLLoss && !target.DType.IsFloating() ? output.ArgMax(output.Ndim == 1 ? 0 : 1) : null;
    }

    /// <summary>The value above which a binary loss's output predicts 1: a probability for BCE, a logit for BCE with logits; null for other losses.</summary>
    private static double? BinaryThreshold(Loss loss) => loss switch
    {
        BCELoss => 0.5,
        BCEWithLogitsLoss => 0.0,
        _ => null,
    };

    /// <summary>The number of correct predictions in a batch (see <see cref="Predictions"/>), or null for regression losses.</summary>
    public static long? Correct(Loss loss, Tensor output, Tensor target)
    {
        if (BinaryThreshold(loss) is double threshold && CountAboveMatching(output, target, (float)threshold) is long direct) return direct;
        using var _ = GradMode.NoGrad();
        return Predictions(loss, output, target) is { } predicted ? predicted.Eq(target).Sum().ToInt64() : null;
    }

    /// <summary>
    /// The binary count of <see cref="Correct"/> for a float32 output and target of one shape, both
    /// contiguous: how many (output &gt; threshold ? 1 : 0) == target, the value Gt, To, Eq and Sum give,
    /// in one pass without their four tensors (Start-Training counts every batch: about 0.5 % of its
    /// time on W3 went to those tensors). Null otherwise: the tensor path, broadcasting included.
    /// </summary>
    private static long? CountAboveMatching(Tensor output, Tensor target, float threshold)
    {
        if (output.DType != DType.Float32 || target.DType != DType.Float32 || !output.IsContiguous() || !target.IsContiguous()
            || !Shapes.SameShape(output.Sizes, target.Sizes)) return null;
        return Backends.Backend.CountThresholdMatches(output, target, threshold);
    }

    /// <summary>The number of classes a classification loss's output scores, or 0 for regression losses (BCE: 2).</summary>
    public static int ClassCount(Loss loss, Tensor output) => loss switch
    {
        BCELoss or BCEWithLogitsLoss => 2,
        CrossEntropyLoss or NLLLoss => output.Ndim == 1 ? output.Size(0) : output.Size(1),
        _ => 0,
    };

    /// <summary>The fraction of correct predictions, as in the tutorials' accuracy computations.</summary>
    public static double? Accuracy(Loss loss, Tensor output, Tensor target) =>
        Correct(loss, output, target) is long c ? (double)c / Math.Max(target.Size(0), 1) : null;
}
