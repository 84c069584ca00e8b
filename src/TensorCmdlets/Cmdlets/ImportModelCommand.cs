using System.Management.Automation;
using NNTools.IO;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// Import-Model: rebuilds a model saved by Export-Model from its architecture, or loads a file's
/// weights into a model built in code (-Model, e.g. a PowerShell class).
/// </summary>
[Cmdlet(VerbsData.Import, "Model")]
[OutputType(typeof(Module))]
public sealed class ImportModelCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>A model whose parameters receive the file's weights (keys and shapes must match).</summary>
    [Parameter(Position = 1)]
    [Alias("Into")]
    [ValidateNotNull]
    public Module? Model { get; set; }

    protected override void ProcessRecord()
    {
        string path = FileSystemPath(Path);
        Try(() =>
        {
            RegularFile.Require(InvokeProvider, path);
            WriteObject(Load(path));
        }, path);
    }

    private Module Load(string path)
    {
        // The loader reports a layer's refusal of its arguments as a bad file by catching the
        // layer's own error, which it would not recognise translated for scripts.
        using var untranslated = HostIntegration.UntranslatedErrors();
        if (Model is null) return ModelFile.Load(path, StopToken);
        ModelFile.LoadInto(path, Model, cancellation: StopToken);
        return Model;
    }
}
