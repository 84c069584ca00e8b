using System.Globalization;
using System.Text;

namespace NNTools.Training;

/// <summary>One class's scores, as scikit-learn's classification_report: precision, recall, F1 and the number of true items (support).</summary>
public sealed record ClassMetrics(string Class, double Precision, double Recall, double F1, long Support);

/// <summary>
/// Counts of (true class, predicted class) pairs over a data set, with the class names, and the
/// per-class metrics that follow from them. Precision = TP / (TP + FP), recall = TP / (TP + FN),
/// F1 = 2PR / (P + R); a class never predicted (or never present) scores 0 there, as scikit-learn's
/// zero_division=0.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    /// <summary><paramref name="counts"/> is row-major [classes, classes]: row = true class, column = predicted class.</summary>
    public ConfusionMatrix(IReadOnlyList<string> classes, long[] counts)
    {
        ThrowIfNull(classes);
        ThrowIfNull(counts);
        if (counts.Length != classes.Count * classes.Count)
        {
            throw Raise(new TensorArgumentException("ConfusionSize", $"{classes.Count} classes need {classes.Count * classes.Count} counts, got {counts.Length}"));
        }
        Classes = classes.ToArray();
        _counts = counts.ToArray();
        // An array, not a collection expression's read-only wrapper, which PowerShell cannot index.
        PerClass = Enumerable.Range(0, Classes.Count).Select(Metrics).ToArray();
    }

    public IReadOnlyList<string> Classes { get; }

    /// <summary>How many items of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public long Count(int actual, int predicted)
    {
        if ((uint)actual >= (uint)Classes.Count || (uint)predicted >= (uint)Classes.Count)
        {
            throw Raise(new TensorIndexException("ClassIndexOutOfRange", $"class indices ({actual}, {predicted}) are out of range for {Classes.Count} classes"));
        }
        return _counts[actual * Classes.Count + predicted];
    }

    /// <summary>The counts as an int64 tensor [classes, classes] (row = true class).</summary>
    public Tensor ToTensor() => Tensor.FromBuffer(_counts.ToArray(), [Classes.Count, Classes.Count]);

    public long Total => _counts.Sum();

    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>The unweighted mean of the classes' F1 scores.</summary>
    public double MacroF1 => PerClass.Count == 0 ? 0 : PerClass.Average(m => m.F1);

    private ClassMetrics Metrics(int k)
    {
        int n = Classes.Count;
        long tp = _counts[k * n + k], predicted = 0, actual = 0;
        for (int i = 0; i < n; i++)
        {
            predicted += _counts[i * n + k];
            actual += _counts[k * n + i];
        }
        double precision = predicted == 0 ? 0 : (double)tp / predicted;
        double recall = actual == 0 ? 0 : (double)tp / actual;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(Classes[k], precision, recall, f1, actual);
    }

    /// <summary>The matrix as text: a row per true class, a column per predicted class, headed by the class names.</summary>
    public override string ToString()
    {
        int n = Classes.Count;
        string[] cells = [.. _counts.Select(c => c.ToString(CultureInfo.InvariantCulture))];
        int first = Math.Max("actual \\ predicted".Length, Classes.Max(c => c.Length));
        int width = Math.Max(cells.Max(c => c.Length), Classes.Max(c => c.Length));
        var sb = new StringBuilder();
        sb.Append("actual \\ predicted".PadRight(first));
        foreach (var c in Classes) sb.Append("  ").Append(c.PadLeft(width));
        for (int i = 0; i < n; i++)
        {
            sb.AppendLine().Append(Classes[i].PadRight(first));
            for (int j = 0; j < n; j++) sb.Append("  ").Append(cells[i * n + j].PadLeft(width));
        }
        return sb.ToString();
    }
}
