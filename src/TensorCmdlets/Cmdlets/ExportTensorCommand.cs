using System.Collections;
using System.Management.Automation;
using NNTools.IO;

namespace NNTools.Commands;

/// <summary>
/// Export-Tensor: writes named tensors to a safetensors file (safetensors.torch.save_file),
/// atomically. Tensors come as a dictionary of name to tensor, or one -Tensor with its -Name;
/// everything piped is gathered into one file. An existing file is replaced only with -Force.
/// </summary>
[Cmdlet(VerbsData.Export, "Tensor", SupportsShouldProcess = true, DefaultParameterSetName = DictionarySet)]
[OutputType(typeof(FileInfo))]
public sealed class ExportTensorCommand : NNToolsCmdlet
{
    private const string DictionarySet = "Dictionary";
    private const string NamedSet = "Named";

    private readonly Dictionary<string, Tensor> _tensors = new(StringComparer.Ordinal);

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(ParameterSetName = DictionarySet, Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IDictionary InputObject { get; set; } = null!;

    [Parameter(ParameterSetName = NamedSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = NamedSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Tensor Tensor { get; set; } = null!;

    [Parameter]
    [ValidateNotNull]
    public IDictionary? Metadata { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == NamedSet)
        {
            Add(Name, Tensor);
            return;
        }
        foreach (DictionaryEntry entry in InputObject)
        {
            // Not PSObject.AsPSObject: it throws its own ArgumentNull for a $null value.
            if ((entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value) is not Tensor tensor)
            {
                Stop("NotATensor", ErrorCategory.InvalidArgument,
                    $"the value of '{entry.Key}' is a {entry.Value?.GetType().Name ?? "$null"}, not a tensor", entry.Value);
                return;
            }
            Add(entry.Key.ToString()!, tensor);
        }
    }

    private void Add(string name, Tensor tensor)
    {
        if (!_tensors.TryAdd(name, tensor))
            Stop("DuplicateTensorName", ErrorCategory.InvalidArgument, $"two tensors are named '{name}'; names in a file must be unique", tensor);
    }

    protected override void EndProcessing()
    {
        string path = FileSystemPath(Path);
        if (!ShouldProcess(path, $"Write {_tensors.Count} tensor(s) as safetensors")) return;
        var metadata = Metadata?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "");
        TryOrStop(() => SafeTensors.Save(path, _tensors, metadata, overwrite: Force), path);
        if (PassThru) WriteObject(new FileInfo(path));
    }
}
