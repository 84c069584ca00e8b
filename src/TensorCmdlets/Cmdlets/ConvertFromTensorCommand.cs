using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// ConvertFrom-Tensor: a tensor's values back as .NET values. By default a 0-d tensor gives its
/// number and any other tensor its rows (nested arrays, as torch's tolist()) to the pipeline;
/// -AsArray gives one shaped .NET array, -AsList one nested array, and -Property one object per
/// row of a matrix (or per element of a vector), with the given property names.
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "Tensor", DefaultParameterSetName = ValuesSet)]
[OutputType(typeof(float), typeof(double), typeof(long), typeof(bool), typeof(Array), ParameterSetName = [ValuesSet])]
[OutputType(typeof(Array), ParameterSetName = [ArraySet, ListSet])]
[OutputType(typeof(PSObject), ParameterSetName = [ObjectSet])]
public sealed class ConvertFromTensorCommand : NNToolsCmdlet
{
    private const string ValuesSet = "Values";
    private const string ArraySet = "Array";
    private const string ListSet = "List";
    private const string ObjectSet = "Object";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Tensor Tensor { get; set; } = null!;

    [Parameter(ParameterSetName = ArraySet, Mandatory = true)]
    public SwitchParameter AsArray { get; set; }

    [Parameter(ParameterSetName = ListSet, Mandatory = true)]
    public SwitchParameter AsList { get; set; }

    [Parameter(ParameterSetName = ObjectSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[] Property { get; set; } = [];

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ArraySet:
                Try(() => WriteObject(Tensor.Ndim == 0 ? Tensor.Item() : Tensor.ToArray(), false), Tensor);
                break;
            case ListSet:
                Try(() => WriteObject(Tensor.ToList(), false), Tensor);
                break;
            case ObjectSet:
                WriteRows();
                break;
            default:
                Try(() => WriteObject(Tensor.ToList(), true), Tensor);
                break;
        }
    }

    private void WriteRows()
    {
        int columns = Tensor.Ndim == 2 ? Tensor.Size(1) : 1;
        if (Tensor.Ndim is not (1 or 2) || columns != Property.Length)
        {
            Skip("PropertyCountMismatch", ErrorCategory.InvalidArgument,
                $"-Property names {Property.Length} column(s) but the tensor has shape [{string.Join(", ", Tensor.Shape)}]; "
                + "give one name per column of a 2-d tensor, or one name for a 1-d tensor", Tensor);
            return;
        }
        Try(() =>
        {
            var rows = Tensor.Ndim == 2 ? (object[])Tensor.ToList() : [.. Tensor.ToArray().Cast<object>().Select(v => new[] { v })];
            foreach (var row in rows)
            {
                var values = (Array)row;
                var item = new PSObject();
                for (int c = 0; c < Property.Length; c++) item.Properties.Add(new PSNoteProperty(Property[c], values.GetValue(c)));
                WriteObject(item);
            }
        }, Tensor);
    }
}
