using System.Collections;
using System.Management.Automation;
using NNTools.IO;

namespace NNTools.Commands;

/// <summary>
/// Import-Tensor: reads a safetensors file (safetensors.torch.load_file) into a hashtable of
/// name to tensor, or just the tensor named by -Name. Files written by PyTorch load as they are.
/// </summary>
[Cmdlet(VerbsData.Import, "Tensor")]
[OutputType(typeof(Hashtable), typeof(Tensor))]
public sealed class ImportTensorCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override void ProcessRecord()
    {
        string path = FileSystemPath(Path);
        Try(() =>
        {
            RegularFile.Require(InvokeProvider, path);
            var tensors = SafeTensors.Load(path, StopToken).Tensors;
            if (Name is null)
            {
                WriteObject(ToHashtable(tensors));
            }
            else if (tensors.TryGetValue(Name, out var tensor))
            {
                WriteObject(tensor);
            }
            else
            {
                WriteError(new ErrorRecord(
                    new KeyNotFoundException($"'{path}' has no tensor named '{Name}'; it has {string.Join(", ", tensors.Keys.Select(k => $"'{k}'"))}"),
                    "TensorNotFound", ErrorCategory.ObjectNotFound, Name));
            }
        }, path);
    }

    // Keys compare as PowerShell's own @{} does (ignoring case), unless a file has names that
    // differ only in case: then they are kept apart.
    private static Hashtable ToHashtable(Dictionary<string, Tensor> tensors)
    {
        bool clash = tensors.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count() != tensors.Count;
        var table = new Hashtable(clash ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (var (name, tensor) in tensors) table[name] = tensor;
        return table;
    }
}
