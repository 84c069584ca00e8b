using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// The loss and optimizer names the cmdlets accept, from the engine's catalogues (LossCatalog,
/// OptimizerCatalog): Measure-Loss, New-Optimizer and Start-Training validate against them
/// (ValidNames), Start-Training and Test-Model complete loss names from here.
/// </summary>
public static class Catalog
{
    public static IReadOnlyList<string> LossNames => LossCatalog.Names;

    public static IReadOnlyList<string> OptimizerNames => NNTools.Optim.OptimizerCatalog.Names;

    /// <summary>The loss module a name stands for (any case; "MSELoss" and "mse" alike), as nn.MSELoss() and friends.</summary>
    public static Loss CreateLoss(string name, Reduction reduction = Reduction.Mean) => LossCatalog.Create(name, reduction);
}
