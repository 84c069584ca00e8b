using System.Management.Automation;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>New-Sequential: layers from -Layer or the pipeline, run in the order given.</summary>
[Cmdlet(VerbsCommon.New, "Sequential")]
[OutputType(typeof(Sequential))]
public sealed class NewSequentialCommand : NNToolsCmdlet
{
    private readonly List<Module> _layers = [];

    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Module[] Layer { get; set; } = [];

    protected override void ProcessRecord() => _layers.AddRange(Layer);

    protected override void EndProcessing() => TryOrStop(() => WriteObject(new Sequential(_layers)));
}
