using NNTools.Autograd;
using NNTools.Data;
using NNTools.NN;

namespace NNTools.Training;

/// <summary>
/// A model measured on data (Test-Model's output): the mean loss per item, the accuracy and the
/// confusion counts for classification losses (null for regression), and the number of items.
/// Confusion is int64 [classes, classes]: row = true class, column = predicted class; ConfusionMatrix
/// holds the same counts with the class names and the per-class precision, recall and F1.
/// </summary>
public sealed record EvaluationResult(double Loss, double? Accuracy, long Count, Tensor? Confusion)
{
    public ConfusionMatrix? ConfusionMatrix { get; init; }

    /// <summary>Per-class precision, recall, F1 and support; empty for regression.</summary>
    public IReadOnlyList<ClassMetrics> PerClass => ConfusionMatrix?.PerClass ?? Array.Empty<ClassMetrics>();
}

/// <summary>Measuring a model on a loader without training it: eval mode, no gradients.</summary>
public static class Evaluation
{
    /// <summary>
    /// The mean loss over every item of <paramref name="data"/> (each batch's loss weighted by its
    /// size), with accuracy and confusion counts for classification losses. The model is in eval
    /// mode during the run and gets its previous mode back after it. The confusion matrix names the
    /// classes <paramref name="classes"/> gives, else the data set's or the model's, else "0", "1", ...
    /// </summary>
    public static EvaluationResult Run(Module model, Loss loss, DataLoader data, IReadOnlyList<string>? classes = null)
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
            int classCount = 0;
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
                if (classCount == 0)
                {
                    classCount = Metrics.ClassCount(loss, output);
                    confusion = new long[classCount * classCount];
                }
                Count(confusion!, classCount, target.ToInt64Array(), predicted.ToInt64Array());
            }
            Tensor? matrix = confusion is null ? null : Tensor.FromBuffer(confusion, [classCount, classCount]);
            var names = confusion is null ? null : ClassNames(classes ?? ClassesOf(data.Dataset) ?? model.Preprocessing?.Classes, classCount);
            return new EvaluationResult(items > 0 ? total / items : double.NaN, counted > 0 ? (double)correct / counted : null, items, matrix)
            {
                ConfusionMatrix = names is null ? null : new ConfusionMatrix(names, confusion!),
            };
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>The class names a data set carries (through subsets), or null.</summary>
    private static IReadOnlyList<string>? ClassesOf(Dataset dataset) => dataset switch
    {
        Subset subset => ClassesOf(subset.Dataset),
        LabeledDataset { Classes.Count: > 0 } labeled => labeled.Classes,
        _ => dataset.Preprocessing is { Classes.Count: > 0 } p ? p.Classes : null,
    };

    /// <summary>The names when they fit the class count, else the indices as text (a binary loss on unnamed 0/1 labels, say).</summary>
    private static string[] ClassNames(IReadOnlyList<string>? names, int count) =>
        names is not null && names.Count == count ? [.. names] : [.. Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

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
