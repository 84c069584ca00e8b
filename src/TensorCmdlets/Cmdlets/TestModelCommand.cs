using System.Management.Automation;
using NNTools.NN;
using NNTools.Training;

namespace NNTools.Commands;

/// <summary>Test-Model: a model's mean loss on data, with accuracy and confusion counts for classification losses.</summary>
[Cmdlet(VerbsDiagnostic.Test, "Model")]
[OutputType(typeof(EvaluationResult))]
public sealed class TestModelCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Module Model { get; set; } = null!;

    /// <summary>A DataLoader, or a data set (measured in batches of -BatchSize).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public object Data { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 2)]
    [ValidateNotNull]
    [LossTransformation]
    [ArgumentCompleter(typeof(LossNameCompleter))]
    public Loss Loss { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int BatchSize { get; set; } = 256;

    protected override void ProcessRecord()
    {
        var loader = DataArguments.ToLoader(Data, BatchSize, shuffle: false);
        if (loader is null) ThrowTerminatingError(DataArguments.NotData(nameof(Data), Data));
        EvaluationResult result;
        try
        {
            result = Evaluation.Run(Model, Loss, loader!);
        }
        catch (Exception e) when (EngineErrors.Find(e) is { } engine)
        {
            WriteError(ToErrorRecord(engine, Model));
            return;
        }
        WriteObject(result);
    }
}
