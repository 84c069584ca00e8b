using System.Management.Automation;
using NNTools.Autograd;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>Invoke-Model: runs a model's forward pass on each input tensor (model(x) in PyTorch).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "Model")]
[OutputType(typeof(Tensor))]
public sealed class InvokeModelCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public Module Model { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Tensor InputObject { get; set; } = null!;

    /// <summary>Run without recording the graph (inference), as under torch.no_grad().</summary>
    [Parameter]
    public SwitchParameter NoGrad { get; set; }

    /// <summary>
    /// A model that contains itself is refused before its Forward runs: a PowerShell class recursing
    /// through the cycle would overflow the stack without the engine in between to stop it.
    /// </summary>
    protected override void BeginProcessing() => TryOrStop(Model.CheckStructure, Model);

    protected override void ProcessRecord()
    {
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
}
