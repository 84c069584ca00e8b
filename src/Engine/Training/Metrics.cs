using NNTools.Autograd;
using NNTools.NN;

namespace NNTools.Training;

/// <summary>Classification metrics, chosen from the loss the way a PyTorch tutorial computes them by hand.</summary>
public static class Metrics
{
    /// <summary>
    /// The number of correct predictions in a batch, or null for regression losses. BCE: probability
    /// above 0.5; BCE with logits: logit above 0; cross-entropy and NLL: arg-max over the class dim.
    /// </summary>
    public static long? Correct(Loss loss, Tensor output, Tensor target)
    {
        using var _ = GradMode.NoGrad();
        Tensor predicted;
        switch (loss)
        {
            case BCELoss:
                predicted = output.Gt(0.5).To(target.DType);
                break;
            case BCEWithLogitsLoss:
                predicted = output.Gt(0.0).To(target.DType);
                break;
            case CrossEntropyLoss or NLLLoss when !target.DType.IsFloating():
                predicted = output.ArgMax(output.Ndim == 1 ? 0 : 1);
                break;
            default:
                return null;
        }
        return predicted.Eq(target).Sum().ToInt64();
    }

    /// <summary>The fraction of correct predictions, as in the tutorials' accuracy computations.</summary>
    public static double? Accuracy(Loss loss, Tensor output, Tensor target) =>
        Correct(loss, output, target) is long c ? (double)c / Math.Max(target.Size(0), 1) : null;
}
