using NNTools.Autograd;
using NNTools.IO;
using NNTools.NN;
using NNTools.Training;
using ScottPlot;

namespace NNTools.Plotting;

/// <summary>
/// The pictures of the introductory PyTorch tutorials, as PNG files: loss curves, scatter plots
/// coloured by class, a fitted line over data, histograms and a model's decision surface. Each
/// function checks its data, draws with ScottPlot and writes the file atomically (a reader never
/// sees half a PNG; an existing file is replaced only when <c>overwrite</c> is true, else
/// <see cref="FileExistsException"/>). Bad data throws the engine's <see cref="TensorException"/>s
/// with ErrorIds starting "Plot".
/// </summary>
public static class Plots
{
    /// <summary>Points a line is drawn through when a model gives the line (FittedLine with a model).</summary>
    public const int LineSamples = 200;

    // matplotlib's default colours, so the pictures look like the tutorials' own.
    private static readonly Color[] Palette;

    static Plots()
    {
        // Before anything here touches SkiaSharp.
        NativeLibraries.Register();
        Palette = new ScottPlot.Palettes.Category10().Colors;
    }

    /// <summary>Training (and, where recorded, validation) loss against epoch, from a training run's records.</summary>
    public static void LossCurve(string path, IReadOnlyList<EpochRecord> records, PlotOptions? options = null, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) throw new TensorArgumentException("PlotNoData", "there are no epoch records: there is nothing to draw");
        var validation = records.All(r => r.ValidationLoss is null) ? null : records.Select(r => r.ValidationLoss ?? double.NaN).ToArray();
        LossCurve(path, [.. records.Select(r => r.Loss)], validation, [.. records.Select(r => (double)r.Epoch)], options, overwrite);
    }

    /// <summary>
    /// Loss values against epoch (1, 2, ... unless <paramref name="epochs"/> are given), with an
    /// optional validation loss of the same length (NaN where an epoch had none).
    /// </summary>
    public static void LossCurve(string path, IReadOnlyList<double> loss, IReadOnlyList<double>? validationLoss = null, IReadOnlyList<double>? epochs = null, PlotOptions? options = null, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Count == 0) throw new TensorArgumentException("PlotNoData", "there are no loss values: there is nothing to draw");
        double[] xs = epochs is null ? [.. Enumerable.Range(1, loss.Count).Select(i => (double)i)] : [.. epochs];
        double[] train = [.. loss];
        PlotData.SameLength(xs, "epochs", train, "loss");
        PlotData.Range(train);
        options = Labelled(options, xLabel: "epoch", yLabel: "loss");
        var plot = new Plot();
        // Epochs are whole numbers: no ticks at 1.5.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var line = plot.Add.Scatter(xs, train, Palette[0]);
        if (validationLoss is not null)
        {
            double[] valid = [.. validationLoss];
            PlotData.SameLength(train, "loss", valid, "validation loss");
            var v = plot.Add.Scatter(xs, valid, Palette[1]);
            line.LegendText = "training loss";
            v.LegendText = "validation loss";
            plot.ShowLegend(Alignment.UpperRight);
        }
        Save(plot, path, options, overwrite);
    }

    /// <summary>
    /// Points (x, y), one colour per distinct value of <paramref name="labels"/> with a legend, as
    /// plt.scatter(x, y, c=labels). <paramref name="y"/> may be null when <paramref name="x"/> holds
    /// [N, 2] points (plt.scatter(X[:, 0], X[:, 1])).
    /// </summary>
    public static void Scatter(string path, Tensor x, Tensor? y = null, Tensor? labels = null, PlotOptions? options = null, bool overwrite = false)
    {
        var (xs, ys) = Points(x, y);
        var plot = new Plot();
        AddPoints(plot, xs, ys, labels is null ? null : PlotData.Vector(labels, "labels"));
        Save(plot, path, Labelled(options, "x", "y"), overwrite);
    }

    /// <summary>
    /// Points (x, y) with a line through (lineX, lineY) over them, e.g. a model's predictions at x:
    /// the line's points are drawn in order of lineX.
    /// </summary>
    public static void FittedLine(string path, Tensor x, Tensor y, Tensor lineX, Tensor lineY, PlotOptions? options = null, bool overwrite = false)
    {
        var (xs, ys) = Points(x, y);
        var lx = PlotData.Vector(lineX, "line x");
        var ly = PlotData.Vector(lineY, "line y");
        PlotData.SameLength(lx, "line x", ly, "line y");
        var plot = new Plot();
        AddPoints(plot, xs, ys, null);
        AddLine(plot, lx, ly);
        Save(plot, path, Labelled(options, "x", "y"), overwrite);
    }

    /// <summary>
    /// Points (x, y) with the curve <paramref name="model"/> draws through them: the model is run
    /// without gradient tracking, in evaluation mode, on <see cref="LineSamples"/> inputs of shape
    /// [M, 1] spread over the range of x.
    /// </summary>
    public static void FittedLine(string path, Tensor x, Tensor y, Module model, PlotOptions? options = null, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (xs, ys) = Points(x, y);
        var (min, max) = PlotData.Range(xs);
        var inputs = Tensor.Linspace(min, max, LineSamples, FloatingType(x)).Reshape(LineSamples, 1);
        var outputs = Evaluate(model, inputs);
        if (outputs.Numel() != LineSamples)
        {
            throw new ShapeMismatchException("PlotModelOutput", $"the model must give one value per input for a line, but turned input of shape [{LineSamples}, 1] into shape {PlotData.FormatShape(outputs.Shape)}");
        }
        var plot = new Plot();
        AddPoints(plot, xs, ys, null);
        AddLine(plot, inputs.ToDoubleArray(), outputs.ToDoubleArray());
        Save(plot, path, Labelled(options, "x", "y"), overwrite);
    }

    /// <summary>
    /// A histogram of <paramref name="values"/> in <paramref name="bins"/> equal bins over their range;
    /// with <paramref name="labels"/>, one translucent histogram per label over the same bins, as the
    /// tutorial's histograms of predictions per class. Non-finite values are left out.
    /// </summary>
    public static void Histogram(string path, Tensor values, int bins = 20, Tensor? labels = null, PlotOptions? options = null, bool overwrite = false)
    {
        if (bins < 1) throw new TensorArgumentException("PlotBins", $"the number of bins must be at least 1, but was {bins}");
        var v = PlotData.Vector(values, "values");
        var (min, max) = PlotData.Range(v);
        if (min == max)
        {
            // One distinct value still deserves a visible bar: give the bins a width.
            min -= 0.5;
            max += 0.5;
        }
        var plot = new Plot();
        if (labels is null)
        {
            AddHistogram(plot, v, bins, min, max, Palette[0], null);
        }
        else
        {
            var l = PlotData.Vector(labels, "labels");
            PlotData.SameLength(v, "values", l, "labels");
            var (classes, rank) = PlotData.Classes(l);
            for (int c = 0; c < classes.Length; c++)
            {
                var member = v.Where((_, i) => rank[i] == c);
                AddHistogram(plot, member, bins, min, max, Palette[c % Palette.Length].WithAlpha(0.6), PlotData.Format(classes[c]));
            }
            plot.ShowLegend(Alignment.UpperRight);
        }
        Save(plot, path, Labelled(options, "value", "count"), overwrite);
    }

    /// <summary>
    /// A classifier's decision surface over 2-D data, as the tutorial's contourf + scatter: the model
    /// runs without gradient tracking, in evaluation mode, on a <paramref name="resolution"/> x
    /// <paramref name="resolution"/> grid (Tensor.Meshgrid) over the points' range plus a margin. One
    /// output per point (a logit or a probability) colours the probability of class 1 from class 0's
    /// colour to class 1's; several outputs colour each cell by its arg-max class. The points are
    /// drawn on top in their labels' colours.
    /// </summary>
    public static void DecisionSurface(string path, Module model, Tensor x, Tensor labels, int resolution = 100, PlotOptions? options = null, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (resolution < 2) throw new TensorArgumentException("PlotResolution", $"the grid needs at least 2 points a side, but the resolution was {resolution}");
        var (px, py) = PlotData.Columns(x, "x");
        var l = PlotData.Vector(labels, "labels");
        PlotData.SameLength(px, "x", l, "labels");
        var (xMin, xMax) = Padded(PlotData.Range(px));
        var (yMin, yMax) = Padded(PlotData.Range(py));

        var dtype = FloatingType(x);
        var grid = Tensor.Meshgrid([Tensor.Linspace(xMin, xMax, resolution, dtype), Tensor.Linspace(yMin, yMax, resolution, dtype)], "xy");
        var inputs = Tensor.Stack([grid[0].Reshape(-1), grid[1].Reshape(-1)], 1);
        var outputs = Evaluate(model, inputs);
        var shape = outputs.Shape;
        int cells = resolution * resolution;
        int outputsPerCell = shape.Length == 1 ? 1 : shape.Length == 2 ? shape[1] : -1;
        if (shape.Length == 0 || shape[0] != cells || outputsPerCell < 1)
        {
            throw new ShapeMismatchException("PlotModelOutput", $"the model must give [N] or [N, classes] outputs for a decision surface, but turned input of shape [{cells}, 2] into shape {PlotData.FormatShape(shape)}");
        }

        bool binary = outputsPerCell == 1;
        double[] cell = binary ? Probabilities(outputs.Reshape(-1)) : outputs.ArgMax(1).ToDoubleArray();
        var (classes, _) = PlotData.Classes(l);
        int colours = Math.Max(binary ? 2 : outputsPerCell, classes.Length);

        // Heatmap rows run from the top of the picture down, the grid's from y-min up.
        var intensities = new double[resolution, resolution];
        for (int row = 0; row < resolution; row++)
        {
            for (int col = 0; col < resolution; col++) intensities[resolution - 1 - row, col] = cell[row * resolution + col];
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        var regionColours = Enumerable.Range(0, colours).Select(c => Palette[c % Palette.Length].MixedWith(Colors.White, 0.6)).ToArray();
        heatmap.Colormap = new ClassColormap(regionColours, blend: binary);
        heatmap.ManualRange = binary ? new ScottPlot.Range(0, 1) : new ScottPlot.Range(0, colours - 1);
        double halfX = (xMax - xMin) / (resolution - 1) / 2, halfY = (yMax - yMin) / (resolution - 1) / 2;
        heatmap.Extent = new CoordinateRect(xMin - halfX, xMax + halfX, yMin - halfY, yMax + halfY);
        AddPoints(plot, px, py, l, outlined: true);
        plot.Axes.SetLimits(xMin - halfX, xMax + halfX, yMin - halfY, yMax + halfY);
        Save(plot, path, Labelled(options, "x1", "x2"), overwrite);
    }

    /// <summary>
    /// A confusion matrix as scikit-learn's ConfusionMatrixDisplay draws it: one cell per (true class,
    /// predicted class), shaded by its count, the count written in it, true classes down the left
    /// (first at the top) and predicted classes along the bottom, named.
    /// </summary>
    public static void ConfusionMatrix(string path, ConfusionMatrix matrix, PlotOptions? options = null, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Classes.Count;
        var counts = new double[n, n];
        long most = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                counts[i, j] = matrix.Count(i, j);
                most = Math.Max(most, matrix.Count(i, j));
            }
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(counts);
        // White for no items to dark blue for the most, as scikit-learn's default "Blues".
        heatmap.Colormap = new ClassColormap([Colors.White, Color.FromHex("#08306B")], blend: true);
        heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(most, 1));
        // The extent runs between the centres of the corner cells: cell k is centred on k.
        heatmap.Extent = n > 1 ? new CoordinateRect(0, n - 1, 0, n - 1) : new CoordinateRect(-0.5, 0.5, -0.5, 0.5);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // Heatmap rows run from the top down: true class i sits at y = n - 1 - i.
                var text = plot.Add.Text(matrix.Count(i, j).ToString(System.Globalization.CultureInfo.InvariantCulture), j, n - 1 - i);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = matrix.Count(i, j) * 2 > most ? Colors.White : Colors.Black;
            }
        }
        double[] positions = [.. Enumerable.Range(0, n).Select(k => (double)k)];
        plot.Axes.Bottom.SetTicks(positions, [.. matrix.Classes]);
        plot.Axes.Left.SetTicks([.. positions.Reverse()], [.. matrix.Classes]);
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        Save(plot, path, Labelled(options, "predicted class", "true class"), overwrite);
    }

    /// <summary>The points (x, y), or the two columns of x when y is null.</summary>
    private static (double[] X, double[] Y) Points(Tensor x, Tensor? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (y is null) return PlotData.Columns(x, "x (without y)");
        var xs = PlotData.Vector(x, "x");
        var ys = PlotData.Vector(y, "y");
        PlotData.SameLength(xs, "x", ys, "y");
        return (xs, ys);
    }

    private static void AddPoints(Plot plot, double[] xs, double[] ys, double[]? labels, bool outlined = false)
    {
        if (labels is null)
        {
            Style(plot.Add.ScatterPoints(xs, ys, Palette[0]), outlined);
            return;
        }
        PlotData.SameLength(xs, "x", labels, "labels");
        var (classes, rank) = PlotData.Classes(labels);
        for (int c = 0; c < classes.Length; c++)
        {
            var members = Enumerable.Range(0, xs.Length).Where(i => rank[i] == c).ToArray();
            var points = plot.Add.ScatterPoints(members.Select(i => xs[i]).ToArray(), members.Select(i => ys[i]).ToArray(), Palette[c % Palette.Length]);
            points.LegendText = PlotData.Format(classes[c]);
            Style(points, outlined);
        }
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static void Style(ScottPlot.Plottables.Scatter points, bool outlined)
    {
        points.MarkerSize = 6;
        if (!outlined) return;
        // Points over a coloured surface need an edge to stay visible, as the tutorial's edgecolors="k".
        points.MarkerLineColor = Colors.Black;
        points.MarkerLineWidth = 0.75f;
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys)
    {
        var order = Enumerable.Range(0, xs.Length).OrderBy(i => xs[i]).ToArray();
        var line = plot.Add.ScatterLine(order.Select(i => xs[i]).ToArray(), order.Select(i => ys[i]).ToArray(), Palette[3]);
        line.LineWidth = 2;
    }

    private static void AddHistogram(Plot plot, IEnumerable<double> values, int bins, double min, double max, Color color, string? legend)
    {
        var histogram = ScottPlot.Statistics.Histogram.WithBinCount(bins, min, max);
        histogram.AddRange(values.Where(double.IsFinite));
        plot.Add.Histogram(histogram, color, disableBottomPadding: true);
        if (legend is not null) plot.Legend.ManualItems.Add(new LegendItem { LabelText = legend, FillColor = color });
    }

    /// <summary>Sigmoid of logits; values already in [0, 1] are taken as probabilities.</summary>
    private static double[] Probabilities(Tensor output)
    {
        var values = output.ToDoubleArray();
        bool probabilities = values.All(v => v is >= 0 and <= 1);
        return probabilities ? values : output.Sigmoid().ToDoubleArray();
    }

    /// <summary>Runs the model for a picture: no graph, evaluation mode (dropout off), its mode restored after.</summary>
    private static Tensor Evaluate(Module model, Tensor inputs)
    {
        bool training = model.Training;
        using var noGrad = GradMode.NoGrad();
        model.Eval();
        try
        {
            return model.Invoke(inputs).Detach();
        }
        finally
        {
            model.Train(training);
        }
    }

    /// <summary>The model's input dtype for a grid: the data's if floating, else float32.</summary>
    private static DType FloatingType(Tensor x) => x.DType == DType.Float64 ? DType.Float64 : DType.Float32;

    /// <summary>A range widened on each side by 10% (at least 0.5 for a single value), as the tutorials' x.min() - 0.5.</summary>
    private static (double Min, double Max) Padded((double Min, double Max) range)
    {
        double margin = Math.Max((range.Max - range.Min) * 0.1, range.Max == range.Min ? 0.5 : 0);
        return (range.Min - margin, range.Max + margin);
    }

    /// <summary>The options with default axis labels where the caller gave none.</summary>
    private static PlotOptions Labelled(PlotOptions? options, string xLabel, string yLabel)
    {
        options ??= PlotOptions.Default;
        return options with { XLabel = options.XLabel ?? xLabel, YLabel = options.YLabel ?? yLabel };
    }

    private static void Save(Plot plot, string path, PlotOptions options, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (options.Width is < PlotOptions.MinSize or > PlotOptions.MaxSize || options.Height is < PlotOptions.MinSize or > PlotOptions.MaxSize)
        {
            throw new TensorArgumentException("PlotSize", $"width and height must be between {PlotOptions.MinSize} and {PlotOptions.MaxSize} pixels, but were {options.Width} x {options.Height}");
        }
        if (options.Title is not null) plot.Title(options.Title);
        if (options.XLabel is not null) plot.XLabel(options.XLabel);
        if (options.YLabel is not null) plot.YLabel(options.YLabel);
        var png = plot.GetImageBytes(options.Width, options.Height, ImageFormat.Png);
        AtomicFile.Write(path, overwrite, stream => stream.Write(png));
    }
}
