using System.Globalization;

namespace NNTools.Plotting;

/// <summary>Turns tensors into the plain vectors a plot draws, checking what a picture needs of them.</summary>
internal static class PlotData
{
    /// <summary>The values of a tensor with one value per point: shape [N] or [N, 1] (as regression data comes).</summary>
    public static double[] Vector(Tensor t, string name)
    {
        var shape = t.Shape;
        if (shape.Length > 2 || (shape.Length == 2 && shape[1] != 1))
        {
            throw new ShapeMismatchException("PlotDataShape", $"{name} must hold one value per point (shape [N] or [N, 1]), but has shape {FormatShape(shape)}");
        }
        var values = t.Detach().ToDoubleArray();
        if (values.Length == 0) throw new TensorArgumentException("PlotNoData", $"{name} is empty: there is nothing to draw");
        return values;
    }

    public static void SameLength(double[] a, string aName, double[] b, string bName)
    {
        if (a.Length != b.Length)
        {
            throw new ShapeMismatchException("PlotLengthMismatch", $"{aName} has {a.Length} values but {bName} has {b.Length}: give one of each per point");
        }
    }

    /// <summary>The two columns of an [N, 2] tensor of points.</summary>
    public static (double[] X, double[] Y) Columns(Tensor points, string name)
    {
        var shape = points.Shape;
        if (shape.Length != 2 || shape[1] != 2 || shape[0] == 0)
        {
            throw new ShapeMismatchException("PlotPointsShape", $"{name} must hold 2-D points (shape [N, 2]), but has shape {FormatShape(shape)}");
        }
        var flat = points.Detach().ToDoubleArray();
        var xs = new double[shape[0]];
        var ys = new double[shape[0]];
        for (int i = 0; i < xs.Length; i++)
        {
            xs[i] = flat[2 * i];
            ys[i] = flat[2 * i + 1];
        }
        return (xs, ys);
    }

    /// <summary>
    /// The distinct labels in ascending order and, for each point, the rank of its label: the colour
    /// index, so labels 0..C-1 (the usual class indices) get palette colours 0..C-1.
    /// </summary>
    public static (double[] Classes, int[] Rank) Classes(double[] labels)
    {
        var classes = labels.Distinct().Order().ToArray();
        var index = new Dictionary<double, int>();
        for (int i = 0; i < classes.Length; i++) index[classes[i]] = i;
        return (classes, [.. labels.Select(l => index[l])]);
    }

    public static string FormatShape(int[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>A label as a legend shows it: 0, 1, 2.5.</summary>
    public static string Format(double label) => label.ToString("G6", CultureInfo.InvariantCulture);

    public static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (min > max) throw new TensorArgumentException("PlotNoFiniteData", "the data holds no finite values: there is nothing to draw");
        return (min, max);
    }
}
