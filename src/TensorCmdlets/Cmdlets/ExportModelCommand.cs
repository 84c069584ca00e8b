using System.Management.Automation;
using NNTools.IO;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// Export-Model: saves a model's weights (PyTorch state_dict keys) and, for built-in layers, its
/// architecture, as a safetensors file; written atomically, an existing file replaced only with -Force.
/// </summary>
[Cmdlet(VerbsData.Export, "Model", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportModelCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Module Model { get; set; } = null!;

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the file's FileInfo after saving.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string path = FileSystemPath(Path);
        if (!ShouldProcess(path, "Save model")) return;
        Try(() =>
        {
            ModelFile.Save(path, Model, overwrite: Force);
            if (PassThru) WriteObject(new FileInfo(path));
        }, path);
    }
}
