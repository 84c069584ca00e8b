using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// [ValidateSet(typeof(...))] values from the catalogue, so each list of names is written once instead
/// of repeated as constants in every attribute; tab completion offers them too.
/// </summary>
public sealed class LossNames : IValidateSetValuesGenerator
{
    public string[] GetValidValues() => [.. Catalog.LossNames];
}

/// <summary>The optimizer types New-Optimizer and Start-Training build.</summary>
public sealed class OptimizerNames : IValidateSetValuesGenerator
{
    public string[] GetValidValues() => [.. Catalog.OptimizerNames];
}

/// <summary>The layer types New-Layer builds (NNTools.NN.LayerCatalog).</summary>
public sealed class LayerTypeNames : IValidateSetValuesGenerator
{
    public string[] GetValidValues() => [.. NN.LayerCatalog.Names];
}

/// <summary>The learning-rate schedules New-LRScheduler builds (NNTools.Optim.Schedulers.SchedulerCatalog).</summary>
public sealed class SchedulerNames : IValidateSetValuesGenerator
{
    public string[] GetValidValues() => [.. Optim.Schedulers.SchedulerCatalog.Names];
}
