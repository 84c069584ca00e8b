using System.Management.Automation;
using NNTools.IO;
using NNTools.NN;
using NNTools.Onnx;

namespace NNTools.Commands;

/// <summary>
/// Export-Model: saves a model's weights (PyTorch state_dict keys) and, for built-in layers, its
/// architecture and preprocessing, as a safetensors file; or, with -Format Onnx, the whole model as an
/// ONNX file other runtimes score. Written atomically, an existing file replaced only with -Force.
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

    /// <summary>Safetensors (NNTools' and PyTorch's model file, the default) or Onnx (opset 17, for ONNX Runtime and other tools).</summary>
    [Parameter]
    public ModelFormat Format { get; set; } = ModelFormat.Safetensors;

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
            if (Format == ModelFormat.Onnx) OnnxExport.Save(path, Model, overwrite: Force);
            else ModelFile.Save(path, Model, overwrite: Force);
            if (PassThru) WriteObject(new FileInfo(path));
        }, path);
    }
}

/// <summary>The file formats Export-Model writes.</summary>
public enum ModelFormat
{
    Safetensors,
    Onnx,
}
