using System.Globalization;
using System.Management.Automation;
using NNTools.Data;

namespace NNTools.Commands;

/// <summary>
/// New-Dataset: a data set from tensors (TensorDataset), or from rows piped in (Import-Csv output,
/// [pscustomobject]s, hashtables) with features and a label read by property name (LabeledDataset).
/// </summary>
[Cmdlet(VerbsCommon.New, "Dataset", DefaultParameterSetName = TensorsSet)]
[OutputType(typeof(TensorDataset), ParameterSetName = [TensorsSet])]
[OutputType(typeof(LabeledDataset), typeof(TensorDataset), ParameterSetName = [RowsSet])]
public sealed class NewDatasetCommand : NNToolsCmdlet
{
    private const string TensorsSet = "Tensors";
    private const string RowsSet = "Rows";

    private readonly List<PSObject> _rows = [];

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = TensorsSet)]
    [Alias("X")]
    [ValidateNotNull]
    public Tensor Input { get; set; } = null!;

    [Parameter(Position = 1, ParameterSetName = TensorsSet)]
    [Alias("Y")]
    [ValidateNotNull]
    public Tensor? Target { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowsSet)]
    [ValidateNotNull]
    public PSObject InputObject { get; set; } = null!;

    /// <summary>The properties read as features, in this order; every property but the label when not given.</summary>
    [Parameter(ParameterSetName = RowsSet)]
    [ValidateNotNullOrEmpty]
    public string[]? FeatureProperty { get; set; }

    [Parameter(ParameterSetName = RowsSet)]
    [ValidateNotNullOrEmpty]
    public string? LabelProperty { get; set; }

    /// <summary>The class names in index order (e.g. a training set's Classes, to number a test set the same way).</summary>
    [Parameter(ParameterSetName = RowsSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Classes { get; set; }

    /// <summary>Treat numeric labels as class names (0, 1, 2 → class indices) instead of values.</summary>
    [Parameter(ParameterSetName = RowsSet)]
    public SwitchParameter Categorical { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == RowsSet) _rows.Add(InputObject);
    }

    /// <summary>Standardise the numeric features: (x - mean) / std with the rows' own mean and standard deviation, kept with the data set.</summary>
    [Parameter(ParameterSetName = RowsSet)]
    public SwitchParameter Standardize { get; set; }

    /// <summary>The features that are categories (text), encoded as -CategoricalEncoding says.</summary>
    [Parameter(ParameterSetName = RowsSet)]
    [ValidateNotNullOrEmpty]
    public string[]? CategoricalProperty { get; set; }

    [Parameter(ParameterSetName = RowsSet)]
    public CategoricalEncoding CategoricalEncoding { get; set; } = CategoricalEncoding.OneHot;

    /// <summary>A training set's (or model's) preprocessing, applied to these rows instead of learning one from them.</summary>
    [Parameter(ParameterSetName = RowsSet)]
    [ValidateNotNull]
    public Preprocessing? Preprocessing { get; set; }

    protected override void EndProcessing()
    {
        if (ParameterSetName == TensorsSet)
        {
            TryOrStop(() => WriteObject(Target is null ? new TensorDataset(Input) : new TensorDataset(Input, Target)));
            return;
        }
        if (Preprocessing is not null && (Standardize || CategoricalProperty is not null))
        {
            Stop("PreprocessingConflict", ErrorCategory.InvalidArgument, "-Preprocessing applies a stored preprocessing; it cannot be combined with -Standardize or -CategoricalProperty, which learn one");
        }
        if (_rows.Count == 0) Stop("EmptyDataset", ErrorCategory.InvalidData, "no rows came in; a data set needs at least one row");
        string[] features = FeatureProperty ?? Preprocessing?.ColumnNames.ToArray()
            ?? PSRow.Names(_rows[0]).Where(n => !n.Equals(LabelProperty, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (features.Length == 0) Stop("NoFeatures", ErrorCategory.InvalidData, "the rows have no properties to use as features");
        var categorical = new HashSet<string>(Preprocessing?.Columns.Where(c => c.IsCategorical).Select(c => c.Name) ?? CategoricalProperty ?? [], StringComparer.OrdinalIgnoreCase);
        if (CategoricalProperty?.FirstOrDefault(c => !features.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } stray)
        {
            Stop("UnknownCategoricalProperty", ErrorCategory.InvalidArgument, $"-CategoricalProperty names '{stray}', which is not one of the features ({string.Join(", ", features)})", stray);
        }
        var raw = new List<object?[]>(_rows.Count);
        var labels = new List<object?>(_rows.Count);
        for (int i = 0; i < _rows.Count; i++)
        {
            var row = new object?[features.Length];
            for (int j = 0; j < features.Length; j++)
            {
                object? value = Value(_rows[i], features[j], i);
                row[j] = categorical.Contains(features[j]) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""
                    : PSRow.AsNumber(value) ?? Fail<double>("InvalidFeatureValue", $"row {i}: the feature '{features[j]}' is '{value}', not a number", _rows[i]);
            }
            raw.Add(row);
            if (LabelProperty is not null) labels.Add(Value(_rows[i], LabelProperty, i));
        }
        TryOrStop(() =>
        {
            var learned = Preprocessing ?? NNTools.Data.Preprocessing.Fit(features, raw, Standardize, categorical, CategoricalEncoding);
            if (LabelProperty is null)
            {
                WriteObject(new TensorDataset(learned.EncodeRows(raw)));
                return;
            }
            var numbers = labels.Select(PSRow.AsNumber).ToList();
            var text = labels.Select(l => Convert.ToString(l, CultureInfo.InvariantCulture) ?? "").ToList();
            bool classify = Categorical || Classes is not null || Preprocessing is { Classes.Count: > 0 } || numbers.Any(n => n is null);
            string[]? classes = classify ? Classes ?? (Preprocessing is { Classes.Count: > 0 } p ? [.. p.Classes] : LabeledDataset.SortedClasses(text)) : null;
            if (!classify) text = numbers.Select(n => n!.Value.ToString("R", CultureInfo.InvariantCulture)).ToList();
            WriteObject(LabeledDataset.FromRows(learned.WithClasses(classes, LabelProperty), raw, text));
        });
    }

    private object? Value(PSObject row, string name, int index) =>
        PSRow.TryGetValue(row, name, out object? value)
            ? value
            : Fail<object>("MissingProperty", $"row {index} has no property '{name}'; it has {string.Join(", ", PSRow.Names(row))}", row);

    private T Fail<T>(string errorId, string message, object target)
    {
        ThrowTerminatingError(new ErrorRecord(new FormatException(message), errorId, ErrorCategory.InvalidData, target));
        return default!;
    }
}
