using NNTools.Autograd;
using NNTools.Data;
using NNTools.NN;

namespace NNTools.Training;

/// <summary>
/// A model measured on data (Test-Model's output): the mean loss per item, the accuracy and the
/// confusion counts for classification losses (null for regression), and the number of items.
/// Confusion is int64 [classes, classes]: row = true class, column = predicted class.
/// </summary>
public sealed record EvaluationResult(double Loss, double? Accuracy, long Count, Tensor? Confusion);

/// <summary>Measuring a model on a loader without training it: eval mode, no gradients.</summary>
public static class Evaluation
{
    /// <summary>
    /// The mean loss over every item of <paramref name="data"/> (each batch's loss weighted by its
    /// size), with accuracy and confusion counts for classification losses. The model is in eval
    /// mode during the run and gets its previous mode back after it.
    /// </summary>
    public static EvaluationResult Run(Module model, Loss loss, DataLoader data)
    {
        ThrowIfNull(model);
        ThrowIfNull(loss);
        ThrowIfNull(data);
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            double total = 0;
            long items = 0, correct = 0, counted = 0;
            long[]? confusion = null;
            int classes = 0;
            foreach (var batch in data)
            {
                var target = batch.Target ?? throw Raise(new TensorArgumentException("MissingTarget", "evaluation needs (input, target) pairs"));
                var output = model.Invoke(batch.Input);
                int n = batch.Size;
                total += loss.Compute(output, target).ToDouble() * n;
                items += n;
                if (Metrics.Predictions(loss, output, target) is not { } predicted) continue;
                correct += predicted.Eq(target).Sum().ToInt64();
                counted += n;
                if (classes == 0)
                {
                    classes = Metrics.ClassCount(loss, output);
                    confusion = new long[classes * classes];
                }
                Count(confusion!, classes, target.ToInt64Array(), predicted.ToInt64Array());
            }
            Tensor? matrix = confusion is null ? null : Tensor.FromBuffer(confusion, [classes, classes]);
            return new EvaluationResult(items > 0 ? total / items : double.NaN, counted > 0 ? (double)correct / counted : null, items, matrix);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private static void Count(long[] confusion, int classes, long[] actual, long[] predicted)
    {
        for (int i = 0; i < actual.Length; i++)
        {
            long a = actual[i], p = predicted[i];
            // Labels outside the class range (e.g. an ignore_index) have no cell to count in.
            if (a >= 0 && a < classes && p >= 0 && p < classes) confusion[a * classes + p]++;
        }
    }
}
