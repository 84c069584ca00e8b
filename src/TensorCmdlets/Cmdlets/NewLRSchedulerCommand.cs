using System.Management.Automation;
using NNTools.Optim;
using NNTools.Optim.Schedulers;

namespace NNTools.Commands;

/// <summary>
/// New-LRScheduler: a learning-rate schedule on an optimizer, stepped once per epoch by Start-Training.
/// Each type's arguments (SchedulerCatalog) are dynamic parameters once -Type is known.
/// </summary>
[Cmdlet(VerbsCommon.New, "LRScheduler")]
[OutputType(typeof(ILRScheduler))]
public sealed class NewLRSchedulerCommand : NNToolsCmdlet, IDynamicParameters
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet(typeof(SchedulerNames))]
    public string Type { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Optimizer Optimizer { get; set; } = null!;

    private RuntimeDefinedParameterDictionary? _arguments;

    public object? GetDynamicParameters()
    {
        var kind = SchedulerCatalog.TryFind(Type);
        _arguments = kind is null ? null : DynamicArguments.Parameters(kind.Arguments, firstPosition: null);
        return _arguments;
    }

    // The schedule's settings are the same for every piped optimizer: their errors end the command.
    protected override void ProcessRecord() =>
        TryOrStop(() => WriteObject(SchedulerCatalog.Find(Type).Build(Optimizer, DynamicArguments.Values(_arguments))), Optimizer);
}
