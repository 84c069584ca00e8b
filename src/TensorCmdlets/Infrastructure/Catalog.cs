using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// The names the cmdlets accept for losses, layers, optimizers and schedules, and the loss each
/// loss name stands for. The lists feed ValidateSet and tab completion; keep them in step with the
/// ValidateSet attributes that repeat them (attributes need constants).
/// </summary>
public static class Catalog
{
    public static IReadOnlyList<string> LossNames { get; } = ["MSE", "L1", "SmoothL1", "Huber", "BCE", "BCEWithLogits", "CrossEntropy", "NLL"];

    public static IReadOnlyList<string> LayerTypes { get; } =
        ["Linear", "Conv2d", "MaxPool2d", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Flatten", "Dropout", "Identity"];

    public static IReadOnlyList<string> OptimizerTypes { get; } = ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"];

    public static IReadOnlyList<string> SchedulerTypes { get; } = ["StepLR", "ExponentialLR", "CosineAnnealingLR", "ReduceLROnPlateau"];

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
