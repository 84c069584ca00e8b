using System.Management.Automation;
using NNTools.NN;
using NNTools.Plotting;
using NNTools.Training;

namespace NNTools.Commands;

/// <summary>
/// Export-Plot: draws one of the tutorials' pictures (a loss curve, a scatter plot, a fitted line, a
/// histogram, a decision surface) into a PNG file and returns the file. A switch names the picture;
/// the parameter sets take what each needs. Epoch records piped from Start-Training are collected and
/// drawn once the pipeline ends.
/// </summary>
[Cmdlet(VerbsData.Export, "Plot", SupportsShouldProcess = true, DefaultParameterSetName = LossCurveSet)]
[OutputType(typeof(FileInfo))]
public sealed class ExportPlotCommand : NNToolsCmdlet
{
    private const string LossCurveSet = "LossCurve", LossValuesSet = "LossValues", ScatterSet = "Scatter",
        LineSet = "Line", LineModelSet = "LineModel", HistogramSet = "Histogram", DecisionSurfaceSet = "DecisionSurface",
        ConfusionMatrixSet = "ConfusionMatrix";

    private readonly List<EpochRecord> records = [];

    /// <summary>The PNG file to write; relative paths resolve against the current location.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = LossCurveSet)]
    [Parameter(Mandatory = true, ParameterSetName = LossValuesSet)]
    public SwitchParameter LossCurve { get; set; }

    /// <summary>Epoch records, usually piped from Start-Training.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = LossCurveSet)]
    [ValidateNotNull]
    public EpochRecord[] InputObject { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LossValuesSet)]
    [ValidateNotNullOrEmpty]
    public double[] Loss { get; set; } = [];

    [Parameter(ParameterSetName = LossValuesSet)]
    public double[]? ValidationLoss { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ScatterSet)]
    public SwitchParameter Scatter { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = LineSet)]
    [Parameter(Mandatory = true, ParameterSetName = LineModelSet)]
    public SwitchParameter Line { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = HistogramSet)]
    public SwitchParameter Histogram { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DecisionSurfaceSet)]
    public SwitchParameter DecisionSurface { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ConfusionMatrixSet)]
    public SwitchParameter ConfusionMatrix { get; set; }

    /// <summary>A classifier's confusion matrix: Test-Model's result, or its ConfusionMatrix.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ConfusionMatrixSet)]
    [ValidateNotNull]
    public object Result { get; set; } = null!;

    /// <summary>x values (a tensor or numbers); for -Scatter without -Y and for -DecisionSurface, [N, 2] points.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScatterSet)]
    [Parameter(Mandatory = true, ParameterSetName = LineSet)]
    [Parameter(Mandatory = true, ParameterSetName = LineModelSet)]
    [Parameter(Mandatory = true, ParameterSetName = DecisionSurfaceSet)]
    [ValidateNotNull]
    public object X { get; set; } = null!;

    /// <summary>y values; for -DecisionSurface, the class labels of the points.</summary>
    [Parameter(ParameterSetName = ScatterSet)]
    [Parameter(Mandatory = true, ParameterSetName = LineSet)]
    [Parameter(Mandatory = true, ParameterSetName = LineModelSet)]
    [Parameter(Mandatory = true, ParameterSetName = DecisionSurfaceSet)]
    [ValidateNotNull]
    public object? Y { get; set; }

    /// <summary>The line's x values (default: -X).</summary>
    [Parameter(ParameterSetName = LineSet)]
    public object? LineX { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = LineSet)]
    [ValidateNotNull]
    public object LineY { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = LineModelSet)]
    [Parameter(Mandatory = true, ParameterSetName = DecisionSurfaceSet)]
    [ValidateNotNull]
    public Module Model { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = HistogramSet)]
    [ValidateNotNull]
    public object Values { get; set; } = null!;

    [Parameter(ParameterSetName = HistogramSet)]
    [ValidateRange(1, 1000)]
    public int Bins { get; set; } = 20;

    /// <summary>A class label per point (-Scatter) or per value (-Histogram): one colour each.</summary>
    [Parameter(ParameterSetName = ScatterSet)]
    [Parameter(ParameterSetName = HistogramSet)]
    public object? Label { get; set; }

    /// <summary>Grid points per side for -DecisionSurface.</summary>
    [Parameter(ParameterSetName = DecisionSurfaceSet)]
    [ValidateRange(2, 1000)]
    public int Resolution { get; set; } = 100;

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    public string? XLabel { get; set; }

    [Parameter]
    public string? YLabel { get; set; }

    [Parameter]
    [ValidateRange(PlotOptions.MinSize, PlotOptions.MaxSize)]
    public int Width { get; set; } = 640;

    [Parameter]
    [ValidateRange(PlotOptions.MinSize, PlotOptions.MaxSize)]
    public int Height { get; set; } = 480;

    /// <summary>Replace an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == LossCurveSet) records.AddRange(InputObject);
    }

    protected override void EndProcessing()
    {
        // Nothing came down the pipeline (the command before failed): there is nothing to draw.
        if (ParameterSetName == ConfusionMatrixSet && Result is null) return;
        var path = FileSystemPath(Path, "PlotPathNotFileSystem");
        if (!ShouldProcess(path, "Export plot")) return;

        var options = new PlotOptions { Title = Title, XLabel = XLabel, YLabel = YLabel, Width = Width, Height = Height };
        bool overwrite = Force.IsPresent;
        Action draw = ParameterSetName switch
        {
            LossCurveSet => () => Plots.LossCurve(path, records, options, overwrite),
            LossValuesSet => () => Plots.LossCurve(path, Loss, ValidationLoss, null, options, overwrite),
            ScatterSet => () => Plots.Scatter(path, ToTensor(X), ToTensorOrNull(Y), ToTensorOrNull(Label), options, overwrite),
            LineSet => () => Plots.FittedLine(path, ToTensor(X), ToTensor(Y!), ToTensor(LineX ?? X), ToTensor(LineY), options, overwrite),
            LineModelSet => () => Plots.FittedLine(path, ToTensor(X), ToTensor(Y!), Model, options, overwrite),
            ConfusionMatrixSet => () => Plots.ConfusionMatrix(path, Matrix(), options, overwrite),
            HistogramSet => () => Plots.Histogram(path, ToTensor(Values), Bins, ToTensorOrNull(Label), options, overwrite),
            _ => () => Plots.DecisionSurface(path, Model, ToTensor(X), ToTensor(Y!), Resolution, options, overwrite),
        };
        // The model's own Forward runs below; one that contains itself could recurse without end.
        if (ParameterSetName is LineModelSet or DecisionSurfaceSet) TryOrStop(Model.CheckStructure, Model);
        TryOrStop(draw, path);
        WriteObject(new FileInfo(path));
    }

    /// <summary>The matrix -Result holds; a regression result (no matrix) or another object ends the command.</summary>
    private ConfusionMatrix Matrix()
    {
        switch (Result is PSObject p ? p.BaseObject : Result)
        {
            case ConfusionMatrix m:
                return m;
            case EvaluationResult { ConfusionMatrix: { } m }:
                return m;
            case EvaluationResult:
                Stop("NoConfusionMatrix", ErrorCategory.InvalidArgument, "the Test-Model result has no confusion matrix: its loss is not a classification loss", Result);
                return null!;
            default:
                Stop("NotConfusionMatrix", ErrorCategory.InvalidArgument,
                    $"-Result takes Test-Model's result or its ConfusionMatrix, got {(Result is PSObject q ? q.BaseObject : Result).GetType().FullName}", Result);
                return null!;
        }
    }

    /// <summary>A tensor as given, or one made from numbers and arrays as New-Tensor would.</summary>
    private static Tensor ToTensor(object data) => data is PSObject p ? ToTensor(p.BaseObject) : data as Tensor ?? new Tensor(data);

    private static Tensor? ToTensorOrNull(object? data) => data is null ? null : ToTensor(data);
}
