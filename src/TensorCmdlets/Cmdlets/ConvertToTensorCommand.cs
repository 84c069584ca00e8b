using System.Collections;
using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// ConvertTo-Tensor: rows from the pipeline (objects such as Import-Csv gives, or numbers and
/// arrays) collected into one tensor. Object rows are read by property name, one column per
/// property; text is parsed as an invariant-culture number, as CSV files write them.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "Tensor")]
[OutputType(typeof(Tensor))]
public sealed class ConvertToTensorCommand : NNToolsCmdlet
{
    private readonly List<object> _rows = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public object? InputObject { get; set; }

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }

    [Parameter]
    [DTypeTransformation]
    [ArgumentCompleter(typeof(DTypeCompleter))]
    public DType? DType { get; set; }

    [Parameter]
    public SwitchParameter RequiresGrad { get; set; }

    protected override void ProcessRecord()
    {
        // An array given with -InputObject (not piped) is a list of rows, as if it had been piped.
        if (!MyInvocation.ExpectingInput && (InputObject is PSObject p ? p.BaseObject : InputObject) is IList list and not Array { Rank: > 1 })
        {
            foreach (var row in list) AddRow(row);
        }
        else
        {
            AddRow(InputObject);
        }
    }

    private void AddRow(object? row)
    {
        if (row is null) Stop("NullRow", ErrorCategory.InvalidData, $"row {_rows.Count} is $null; every row needs a value");
        _rows.Add(row!);
    }

    protected override void EndProcessing()
    {
        if (_rows.Count == 0) return;
        var names = Property ?? ObjectColumns(_rows[0]);
        TryOrStop(() =>
        {
            // Plain numbers keep PyTorch's dtype inference; columns of a table are float32 data.
            var tensor = names is not null ? new Tensor(ReadColumns(names), DType ?? DTypes.DefaultFloat)
                : DType is { } dtype ? new Tensor(_rows.ToArray(), dtype)
                : new Tensor(_rows.ToArray());
            WriteObject(RequiresGrad ? tensor.RequiresGrad_() : tensor);
        });
    }

    // Rows that are objects (not numbers or arrays) default to all their properties, in order.
    private static string[]? ObjectColumns(object row)
    {
        var value = PSObject.AsPSObject(row);
        return value.BaseObject is PSCustomObject or IDictionary ? [.. PSRow.Names(value)] : null;
    }

    // One property gives a vector (one value per row), several a matrix (rows x properties).
    private object ReadColumns(string[] names)
    {
        if (names.Length == 1)
        {
            var column = new double[_rows.Count];
            for (int r = 0; r < _rows.Count; r++) column[r] = ReadValue(_rows[r], r, names[0]);
            return column;
        }
        var matrix = new double[_rows.Count, names.Length];
        for (int r = 0; r < _rows.Count; r++)
            for (int c = 0; c < names.Length; c++) matrix[r, c] = ReadValue(_rows[r], r, names[c]);
        return matrix;
    }

    private double ReadValue(object row, int index, string name)
    {
        if (!PSRow.TryGetValue(row, name, out object? value)) Missing(index, name);
        if (PSRow.AsNumber(value) is double number) return number;
        var what = value is string text ? $"'{text}'" : $"a {value?.GetType().Name ?? "$null"}";
        ThrowTerminatingError(new ErrorRecord(
            new FormatException($"row {index}, property '{name}': {what} is not a number"),
            "NotANumber", ErrorCategory.InvalidData, row));
        return 0;
    }

    private object? Missing(int index, string name)
    {
        ThrowTerminatingError(new ErrorRecord(
            new ArgumentException($"row {index} has no property '{name}'"),
            "PropertyNotFound", ErrorCategory.InvalidData, _rows[index]));
        return null;
    }
}
