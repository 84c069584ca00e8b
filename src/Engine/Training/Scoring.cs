using NNTools.Autograd;
using NNTools.Data;
using NNTools.NN;

namespace NNTools.Training;

/// <summary>One scored row: the class name (a classifier) or the value (a regressor), and the predicted class's probability.</summary>
public sealed record Score(object Prediction, double? Probability);

/// <summary>
/// Scores encoded table rows with a model (Invoke-Model's object path): eval mode, no gradients, and
/// the output read back as answers. With class names, the prediction is the most probable class and
/// its probability: a model ending in Softmax gives probabilities, LogSoftmax their logs, Sigmoid a
/// binary probability, anything else logits (softmax, or sigmoid for one output and two classes).
/// Without class names the prediction is the output itself: a number, or an array for several outputs.
/// </summary>
public static class Scoring
{
    /// <summary>Scores <paramref name="features"/> [rows, features] (already preprocessed).</summary>
    public static Score[] Run(Module model, Tensor features, IReadOnlyList<string> classes)
    {
        ThrowIfNull(model);
        ThrowIfNull(features);
        ThrowIfNull(classes);
        bool wasTraining = model.Training;
        model.Eval();
        Tensor output;
        try
        {
            using var _ = GradMode.NoGrad();
            output = model.Invoke(features);
        }
        finally
        {
            model.Train(wasTraining);
        }
        int rows = features.Size(0);
        if (output.Ndim != 2 || output.Size(0) != rows)
        {
            throw Raise(new TensorArgumentException("ScoreOutputShape",
                $"scoring needs the model to give one row of outputs per input row, [{rows}, outputs]; it gave {Shapes.Format(output.Sizes)}"));
        }
        int width = output.Size(1);
        double[] values = output.ToDoubleArray();
        var scores = new Score[rows];
        if (classes.Count == 0)
        {
            for (int i = 0; i < rows; i++) scores[i] = new Score(width == 1 ? values[i] : values.AsSpan(i * width, width).ToArray(), null);
            return scores;
        }
        var last = LastLayer(model);
        if (width == 1 && classes.Count == 2)
        {
            for (int i = 0; i < rows; i++)
            {
                double p = last is Sigmoid ? values[i] : 1 / (1 + Math.Exp(-values[i]));
                scores[i] = p > 0.5 ? new Score(classes[1], p) : new Score(classes[0], 1 - p);
            }
            return scores;
        }
        if (width != classes.Count)
        {
            throw Raise(new TensorArgumentException("ClassCountMismatch",
                $"the model gives {width} outputs per row but has {classes.Count} classes [{string.Join(", ", classes)}]"));
        }
        for (int i = 0; i < rows; i++)
        {
            var row = values.AsSpan(i * width, width);
            int best = 0;
            for (int k = 1; k < width; k++)
            {
                if (row[k] > row[best]) best = k;
            }
            scores[i] = new Score(classes[best], Probability(last, row, best));
        }
        return scores;
    }

    /// <summary>The probability of class <paramref name="k"/> from a row of outputs, read as the model's last layer makes them.</summary>
    private static double Probability(Module? last, ReadOnlySpan<double> row, int k)
    {
        if (last is Softmax) return row[k];
        if (last is LogSoftmax) return Math.Exp(row[k]);
        // Softmax of logits, shifted by the largest so exp cannot overflow.
        double max = row[k], sum = 0;
        foreach (var v in row) sum += Math.Exp(v - max);
        return 1 / sum;
    }

    private static Module? LastLayer(Module model)
    {
        var m = model;
        while (m is Sequential { Count: > 0 } seq) m = seq[seq.Count - 1];
        return m is Sequential ? null : m;
    }
}
