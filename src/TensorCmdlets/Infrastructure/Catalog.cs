using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// The loss and optimizer names the cmdlets accept, and the loss each name stands for. Measure-Loss,
/// New-Optimizer and Start-Training validate against these lists (ValidNames), Start-Training and
/// Test-Model complete loss names from here.
/// </summary>
public static class Catalog
{
    public static IReadOnlyList<string> LossNames { get; } = ["MSE", "L1", "SmoothL1", "Huber", "BCE", "BCEWithLogits", "CrossEntropy", "NLL"];

    public static IReadOnlyList<string> OptimizerNames => NNTools.Optim.OptimizerCatalog.Names;

    /// <summary>The loss module a name stands for (any case; "MSELoss" and "mse" alike), as nn.MSELoss() and friends.</summary>
    public static Loss CreateLoss(string name, Reduction reduction = Reduction.Mean)
    {
        string key = name.Trim();
        if (key.EndsWith("Loss", StringComparison.OrdinalIgnoreCase)) key = key[..^4];
        return key.ToLowerInvariant() switch
        {
            "mse" => new MSELoss(reduction),
            "l1" => new L1Loss(reduction),
            "smoothl1" => new SmoothL1Loss(reduction),
            "huber" => new HuberLoss(reduction),
            "bce" => new BCELoss(reduction: reduction),
            "bcewithlogits" => new BCEWithLogitsLoss(reduction: reduction),
            "crossentropy" => new CrossEntropyLoss(reduction: reduction),
            "nll" => new NLLLoss(reduction: reduction),
            _ => throw new TensorArgumentException("UnknownLoss", $"unknown loss '{name}'; expected one of {string.Join(", ", LossNames)}"),
        };
    }
}
