namespace NNTools.NN;

/// <summary>A loss type: its name, its options beyond the reduction, and how to build it.</summary>
public sealed record LossKind(string Name, IReadOnlyList<Argument> Arguments, Func<Reduction, ArgumentValues, Loss> Create)
{
    public Loss Build(Reduction reduction, IReadOnlyDictionary<string, object?> values) =>
        Create(reduction, new ArgumentValues(Name, Arguments, values));
}

/// <summary>
/// Every loss Measure-Loss, Start-Training and Test-Model take by name, with torch.nn's defaults;
/// Measure-Loss offers each type's options as its parameters.
/// </summary>
public static class LossCatalog
{
    private static readonly Argument Weight = Argument.Option("Weight", ArgumentKind.Tensor, null, "a manual rescaling weight (per class for CrossEntropy and NLL)");

    private static readonly Argument IgnoreIndex = Argument.Option("IgnoreIndex", ArgumentKind.Integer, -100L, "a target class that is left out of the loss and its gradient");

    public static IReadOnlyList<LossKind> Kinds { get; } =
    [
        new("MSE", [], (r, _) => new MSELoss(r)),
        new("L1", [], (r, _) => new L1Loss(r)),
        new("SmoothL1", [Argument.Option("Beta", ArgumentKind.NonNegative, 1.0, "where the loss changes from quadratic to linear")],
            (r, a) => new SmoothL1Loss(r, a.Get<double>("Beta"))),
        new("Huber", [Argument.Option("Delta", ArgumentKind.NonNegative, 1.0, "where the loss changes from quadratic to linear")],
            (r, a) => new HuberLoss(r, a.Get<double>("Delta"))),
        new("BCE", [Weight], (r, a) => new BCELoss(a.Optional<Tensor>("Weight"), r)),
        new("BCEWithLogits",
            [Weight, Argument.Option("PosWeight", ArgumentKind.Tensor, null, "a weight of positive examples, per class")],
            (r, a) => new BCEWithLogitsLoss(a.Optional<Tensor>("Weight"), a.Optional<Tensor>("PosWeight"), r)),
        new("CrossEntropy",
            [Weight, IgnoreIndex, Argument.Option("LabelSmoothing", ArgumentKind.UnitInterval, 0.0, "the share of the target spread evenly over all classes")],
            (r, a) => new CrossEntropyLoss(a.Optional<Tensor>("Weight"), r, a.Get<long>("IgnoreIndex"), a.Get<double>("LabelSmoothing"))),
        new("NLL", [Weight, IgnoreIndex], (r, a) => new NLLLoss(a.Optional<Tensor>("Weight"), r, a.Get<long>("IgnoreIndex"))),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Select(k => k.Name)];

    /// <summary>The loss type a name stands for, or null.</summary>
    public static LossKind? TryFind(string? name)
    {
        string key = (name ?? "").Trim();
        if (key.EndsWith("Loss", StringComparison.OrdinalIgnoreCase)) key = key[..^4];
        return Kinds.FirstOrDefault(k => string.Equals(k.Name, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The loss type a name stands for (any case; "MSELoss" and "mse" alike), as nn.MSELoss() and friends.</summary>
    public static LossKind Find(string name) =>
        TryFind(name) ?? throw Errors.Raise(new TensorArgumentException("UnknownLoss", $"unknown loss '{name}'; expected one of {string.Join(", ", Names)}"));

    /// <summary>The loss of that name with its default options.</summary>
    public static Loss Create(string name, Reduction reduction = Reduction.Mean) => Find(name).Build(reduction, new Dictionary<string, object?>());
}
