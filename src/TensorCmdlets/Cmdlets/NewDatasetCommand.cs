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

    protected override void EndProcessing()
    {
        if (ParameterSetName == TensorsSet)
        {
            TryOrStop(() => WriteObject(Target is null ? new TensorDataset(Input) : new TensorDataset(Input, Target)));
            return;
        }
        if (_rows.Count == 0) Stop("EmptyDataset", ErrorCategory.InvalidData, "no rows came in; a data set needs at least one row");
        string[] features = FeatureProperty ?? PSRow.Names(_rows[0]).Where(n => !n.Equals(LabelProperty, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (features.Length == 0) Stop("NoFeatures", ErrorCategory.InvalidData, "the rows have no properties to use as features");
        var x = new List<double[]>(_rows.Count);
        var labels = new List<object?>(_rows.Count);
        for (int i = 0; i < _rows.Count; i++)
        {
            var row = new double[features.Length];
            for (int j = 0; j < features.Length; j++)
            {
                object? value = Value(_rows[i], features[j], i);
                row[j] = PSRow.AsNumber(value) ?? Fail<double>("InvalidFeatureValue", $"row {i}: the feature '{features[j]}' is '{value}', not a number", _rows[i]);
            }
            x.Add(row);
            if (LabelProperty is not null) labels.Add(Value(_rows[i], LabelProperty, i));
        }
        if (LabelProperty is null)
        {
            TryOrStop(() => WriteObject(new TensorDataset(LabeledDataset.FeatureTensor(x))));
            return;
        }
        var numbers = labels.Select(PSRow.AsNumber).ToList();
        if (Categorical || Classes is not null || numbers.Any(n => n is null))
        {
            var text = labels.Select(l => Convert.ToString(l, CultureInfo.InvariantCulture) ?? "").ToList();
            TryOrStop(() => WriteObject(LabeledDataset.FromRows(x, text, Classes, features)));
        }
        else
        {
            TryOrStop(() => WriteObject(LabeledDataset.FromRows(x, numbers.Select(n => n!.Value).ToList(), features)));
        }
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
