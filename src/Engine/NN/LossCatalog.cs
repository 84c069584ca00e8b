namespace NNTools.NN;

/// <summary>
/// A loss type: its name, its options beyond the reduction, and how to build it. A loss of three
/// tensors also names its third one (<see cref="ThirdTensor"/>, a required Tensor argument that
/// Measure-Loss takes beside the prediction and the target) and how the three reach the loss.
/// </summary>
public sealed record LossKind(string Name, IReadOnlyList<Argument> Arguments, Func<Reduction, ArgumentValues, Loss> Create,
    Argument? ThirdTensor = null, Func<Loss, Tensor, Tensor, Tensor, Tensor>? ComputeThree = null)
{
    public Loss Build(Reduction reduction, IReadOnlyDictionary<string, object?> values) =>
        Create(reduction, new ArgumentValues(Name, Arguments, values));

    /// <summary>The loss of a prediction against a target, with the third tensor for the kinds that take one.</summary>
    public Tensor Compute(Loss loss, Tensor prediction, Tensor target, Tensor? third)
    {
        if (ThirdTensor is null || ComputeThree is null) return loss.Compute(prediction, target);
        return ComputeThree(loss, prediction, target,
            third ?? throw Errors.Raise(new TensorArgumentException("MissingArgument", $"{Name} needs -{ThirdTensor.Name}")));
    }
}

/// <summary>
/// Every loss Measure-Loss, Start-Training and Test-Model take by name, with torch.nn's defaults;
/// Measure-Loss offers each type's options as its parameters.
/// </summary>
public static class LossCatalog
{
    private static readonly Argument Weight = Argument.Option("Weight", ArgumentKind.Tensor, null, "a manual rescaling weight (per class for CrossEntropy and NLL)");

    private static readonly Argument IgnoreIndex = Argument.Option("IgnoreIndex", ArgumentKind.Integer, -100L, "a target class that is left out of the loss and its gradient");

    private static readonly Argument Margin = Argument.Option("Margin", ArgumentKind.Real, 0.0, "the margin the hinge asks for");

    // The prediction is torch's input1 and the target its ±1 target: the second input is the third tensor.
    private static readonly Argument Input2 = Argument.Need("Input2", ArgumentKind.Tensor, "the second input of each pair (torch's input2)");

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
        new("KLDiv", [Argument.Option("LogTarget", ArgumentKind.Switch, false, "the target holds log-probabilities too (log_target=True)")],
            (r, a) => new KLDivLoss(r, a.Get<bool>("LogTarget"))),
        new("PoissonNLL",
            [Argument.Option("NoLogInput", ArgumentKind.Switch, false, "the prediction is the rate itself, not its log (log_input=False)"),
             Argument.Option("Full", ArgumentKind.Switch, false, "add Stirling's term for log(target!)"),
             Argument.Option("Eps", ArgumentKind.NonNegative, 1e-8, "added to the rate inside the log when -NoLogInput is given")],
            (r, a) => new PoissonNLLLoss(!a.Get<bool>("NoLogInput"), a.Get<bool>("Full"), a.Get<double>("Eps"), r)),
        new("GaussianNLL",
            [Argument.Option("Full", ArgumentKind.Switch, false, "add the constant log(2π)/2"),
             Argument.Option("Eps", ArgumentKind.NonNegative, 1e-6, "the smallest variance used, for stability")],
            (r, a) => new GaussianNLLLoss(a.Get<bool>("Full"), a.Get<double>("Eps"), r),
            Argument.Need("Variance", ArgumentKind.Tensor, "the predicted variances (torch's var)"),
            (loss, prediction, target, variance) => ((GaussianNLLLoss)loss).Compute(prediction, target, variance)),
        new("CosineEmbedding", [Margin],
            (r, a) => new CosineEmbeddingLoss(a.Get<double>("Margin"), r),
            Input2, (loss, prediction, target, input2) => ((CosineEmbeddingLoss)loss).Compute(prediction, input2, target)),
        new("MarginRanking", [Margin],
            (r, a) => new MarginRankingLoss(a.Get<double>("Margin"), r),
            Input2, (loss, prediction, target, input2) => ((MarginRankingLoss)loss).Compute(prediction, input2, target)),
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
