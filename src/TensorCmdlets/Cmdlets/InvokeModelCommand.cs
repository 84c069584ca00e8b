using System.Management.Automation;
using NNTools.Autograd;
using NNTools.Data;
using NNTools.NN;
using NNTools.Training;

namespace NNTools.Commands;

/// <summary>
/// Invoke-Model: runs a model's forward pass on each input tensor (model(x) in PyTorch), or scores
/// objects (table rows, any objects with the feature properties): each comes back with Prediction and,
/// for a classifier, Probability added. Objects are encoded with the model's stored preprocessing and
/// scored in batches of -BatchSize as they arrive, so memory stays bounded whatever the input's length.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Model", DefaultParameterSetName = TensorSet)]
[OutputType(typeof(Tensor), ParameterSetName = [TensorSet])]
[OutputType(typeof(PSObject), ParameterSetName = [RowSet])]
public sealed class InvokeModelCommand : NNToolsCmdlet
{
    private const string TensorSet = "Tensor";
    private const string RowSet = "Row";

    private readonly List<PSObject> _pending = [];
    private Preprocessing? _preprocessing;
    private double[] _features = [];

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public Module Model { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ParameterSetName = TensorSet)]
    [ValidateNotNull]
    public Tensor InputObject { get; set; } = null!;

    /// <summary>An object to score (a row from Import-Csv, a process, a parsed JSON object...).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowSet)]
    [ValidateNotNull]
    public PSObject Row { get; set; } = null!;

    /// <summary>The properties read as the model's input columns, in order; the model's stored columns when not given.</summary>
    [Parameter(ParameterSetName = RowSet)]
    [ValidateNotNullOrEmpty]
    public string[]? FeatureProperty { get; set; }

    /// <summary>How many objects are scored in one forward pass (and held at most).</summary>
    [Parameter(ParameterSetName = RowSet)]
    [ValidateRange(1, 1_000_000)]
    public int BatchSize { get; set; } = 512;

    /// <summary>Run without recording the graph (inference), as under torch.no_grad().</summary>
    [Parameter(ParameterSetName = TensorSet)]
    public SwitchParameter NoGrad { get; set; }

    /// <summary>
    /// A model that contains itself is refused before its Forward runs: a PowerShell class recursing
    /// through the cycle would overflow the stack without the engine in between to stop it.
    /// </summary>
    protected override void BeginProcessing() => TryOrStop(Model.CheckStructure, Model);

    protected override void ProcessRecord()
    {
        if (ParameterSetName == RowSet)
        {
            // Known only now: the parameter set of a pipeline-bound parameter is settled with its first input.
            _preprocessing ??= RowPreprocessing();
            AddRow(_preprocessing, Row);
            return;
        }
        Tensor output;
        try
        {
            using var scope = NoGrad ? GradMode.NoGrad() : null;
            output = Model.Invoke(InputObject);
        }
        catch (Exception e) when (EngineErrors.Find(e) is { } engine)
        {
            // Engine errors raised inside a model class written in PowerShell arrive wrapped.
            WriteError(ToErrorRecord(engine, InputObject));
            return;
        }
        WriteObject(output);
    }

    protected override void EndProcessing()
    {
        if (_preprocessing is not null) Flush(_preprocessing);
    }

    /// <summary>
    /// The model's stored preprocessing, read from -FeatureProperty's names when given (new data may
    /// name its columns otherwise); without one, -FeatureProperty's values go in as they are.
    /// </summary>
    private Preprocessing RowPreprocessing()
    {
        var stored = Model.Preprocessing;
        if (stored is null && FeatureProperty is null)
        {
            Stop("NoFeatureProperty", ErrorCategory.InvalidArgument,
                "the model has no stored preprocessing (it was not trained on a table from New-Dataset), so name the input's feature properties with -FeatureProperty", Model);
        }
        if (stored is not null && FeatureProperty is not null && FeatureProperty.Length != stored.Columns.Count)
        {
            Stop("FeaturePropertyCount", ErrorCategory.InvalidArgument,
                $"-FeatureProperty names {FeatureProperty.Length} properties, but the model was trained on {stored.Columns.Count} columns ({string.Join(", ", stored.ColumnNames)})", FeatureProperty);
        }
        return stored ?? new Preprocessing(FeatureProperty!.Select(n => new FeatureColumn(n)).ToArray());
    }

    /// <summary>Encodes one object into the batch; an object that cannot be encoded is reported and skipped.</summary>
    private void AddRow(Preprocessing preprocessing, PSObject row)
    {
        var columns = preprocessing.Columns;
        var raw = new object?[columns.Count];
        for (int j = 0; j < columns.Count; j++)
        {
            string name = FeatureProperty?[j] ?? columns[j].Name;
            if (!PSRow.TryGetValue(row, name, out object? value))
            {
                Skip("MissingProperty", ErrorCategory.InvalidData, $"the object has no property '{name}'; it has {string.Join(", ", PSRow.Names(row))}", row);
                return;
            }
            raw[j] = columns[j].IsCategorical ? value : PSRow.AsNumber(value) ?? value;
        }
        int width = preprocessing.Width;
        if (_features.Length == 0) _features = new double[BatchSize * width];
        try
        {
            preprocessing.Encode(raw, _features.AsSpan(_pending.Count * width, width));
        }
        catch (Exception e) when (EngineErrors.Find(e) is { } engine)
        {
            WriteError(ToErrorRecord(engine, row));
            return;
        }
        _pending.Add(row);
        if (_pending.Count == BatchSize) Flush(preprocessing);
    }

    /// <summary>Scores the held objects in one forward pass and writes each with its answer added.</summary>
    private void Flush(Preprocessing preprocessing)
    {
        if (_pending.Count == 0) return;
        int width = preprocessing.Width;
        var dtype = Model.Parameters().FirstOrDefault()?.DType ?? DType.Float32;
        Score[] scores = [];
        TryOrStop(() =>
        {
            var x = Tensor.From(_features[..(_pending.Count * width)]).View(_pending.Count, width).To(dtype);
            scores = Scoring.Run(Model, x, preprocessing.Classes);
        }, Model);
        for (int i = 0; i < _pending.Count; i++)
        {
            var row = _pending[i];
            Set(row, "Prediction", scores[i].Prediction);
            if (scores[i].Probability is double p) Set(row, "Probability", p);
            WriteObject(row);
        }
        _pending.Clear();
    }

    /// <summary>Adds (or replaces, for an object scored before) a note property.</summary>
    private static void Set(PSObject row, string name, object value)
    {
        if (row.Properties[name] is PSNoteProperty) row.Properties.Remove(name);
        row.Properties.Add(new PSNoteProperty(name, value));
    }
}
