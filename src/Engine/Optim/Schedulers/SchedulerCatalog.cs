namespace NNTools.Optim.Schedulers;

/// <summary>A learning-rate schedule type: its name, its arguments, and how to build it on an optimizer.</summary>
public sealed record SchedulerKind(string Name, IReadOnlyList<Argument> Arguments, Func<Optimizer, ArgumentValues, ILRScheduler> Create)
{
    public ILRScheduler Build(Optimizer optimizer, IReadOnlyDictionary<string, object?> values) =>
        Create(optimizer, new ArgumentValues(Name, Arguments, values));
}

/// <summary>
/// Every schedule New-LRScheduler builds, with torch.optim.lr_scheduler's defaults; the cmdlet offers
/// each type's arguments as its parameters.
/// </summary>
public static class SchedulerCatalog
{
    public static IReadOnlyList<SchedulerKind> Kinds { get; } =
    [
        new("StepLR",
            [Argument.Need("StepSize", ArgumentKind.Count, "the epochs between decays"),
             Argument.Option("Gamma", ArgumentKind.NonNegative, 0.1, "the factor the rate is multiplied by at each decay")],
            (o, a) => new StepLR(o, a.Get<int>("StepSize"), a.Get<double>("Gamma"))),
        new("ExponentialLR",
            [Argument.Need("Gamma", ArgumentKind.NonNegative, "the factor the rate is multiplied by every epoch")],
            (o, a) => new ExponentialLR(o, a.Get<double>("Gamma"))),
        new("CosineAnnealingLR",
            [Argument.Need("TMax", ArgumentKind.Count, "the epochs of half a cosine period"),
             Argument.Option("EtaMin", ArgumentKind.NonNegative, 0.0, "the lowest rate")],
            (o, a) => new CosineAnnealingLR(o, a.Get<int>("TMax"), a.Get<double>("EtaMin"))),
        new("ReduceLROnPlateau",
            [Argument.OneOf("Mode", ["Min", "Max"], "Min", "whether the watched metric should go down (Min, a loss) or up (Max, an accuracy)"),
             Argument.Option("Factor", ArgumentKind.UnitInterval, 0.1, "the factor the rate is multiplied by on a plateau"),
             Argument.Option("Patience", ArgumentKind.CountOrZero, 10, "the epochs without improvement before the rate drops"),
             Argument.Option("Threshold", ArgumentKind.NonNegative, 1e-4, "the least change that counts as an improvement"),
             Argument.OneOf("ThresholdMode", ["Rel", "Abs"], "Rel", "whether -Threshold is relative to the best value (Rel) or absolute (Abs)"),
             Argument.Option("Cooldown", ArgumentKind.CountOrZero, 0, "the epochs to wait after a drop before watching again"),
             Argument.Option("MinLr", ArgumentKind.NonNegative, 0.0, "the lowest rate")],
            (o, a) => new ReduceLROnPlateau(o, Enum.Parse<PlateauMode>(a.Get<string>("Mode"), ignoreCase: true), a.Get<double>("Factor"),
                a.Get<int>("Patience"), a.Get<double>("Threshold"), Enum.Parse<ThresholdMode>(a.Get<string>("ThresholdMode"), ignoreCase: true),
                a.Get<int>("Cooldown"), a.Get<double>("MinLr"))),
        new("MultiStepLR",
            [Argument.Need("Milestones", ArgumentKind.Epochs, "the epochs at which the rate is multiplied by -Gamma"),
             Argument.Option("Gamma", ArgumentKind.NonNegative, 0.1, "the factor the rate is multiplied by at each milestone")],
            (o, a) => new MultiStepLR(o, a.Get<int[]>("Milestones"), a.Get<double>("Gamma"))),
        new("LinearLR",
            [Argument.Option("StartFactor", ArgumentKind.UnitInterval, 1.0 / 3, "the factor of the first epoch's rate"),
             Argument.Option("EndFactor", ArgumentKind.UnitInterval, 1.0, "the factor reached after -TotalIters epochs"),
             Argument.Option("TotalIters", ArgumentKind.Count, 5, "the epochs the factor takes to go from start to end")],
            (o, a) => new LinearLR(o, a.Get<double>("StartFactor"), a.Get<double>("EndFactor"), a.Get<int>("TotalIters"))),
        new("CosineAnnealingWarmRestarts",
            [Argument.Need("T0", ArgumentKind.Count, "the epochs of the first period"),
             Argument.Option("TMult", ArgumentKind.Count, 1, "the factor each period is longer than the one before"),
             Argument.Option("EtaMin", ArgumentKind.NonNegative, 0.0, "the lowest rate")],
            (o, a) => new CosineAnnealingWarmRestarts(o, a.Get<int>("T0"), a.Get<int>("TMult"), a.Get<double>("EtaMin"))),
        new("LambdaLR",
            [Argument.Need("Lambda", ArgumentKind.EpochFunction, "the factor of the initial rate at each epoch, a function of the epoch number")],
            (o, a) => new LambdaLR(o, a.Get<Func<int, double>>("Lambda"))),
        new("OneCycleLR",
            [Argument.Need("MaxLr", ArgumentKind.NonNegative, "the peak learning rate"),
             Argument.Option("TotalSteps", ArgumentKind.Count, null, "the steps (batches) of the whole cycle; or give -Epochs and -StepsPerEpoch"),
             Argument.Option("Epochs", ArgumentKind.Count, null, "the epochs of the cycle, with -StepsPerEpoch, when -TotalSteps is not given"),
             Argument.Option("StepsPerEpoch", ArgumentKind.Count, null, "the steps (batches) per epoch, with -Epochs"),
             Argument.Option("PctStart", ArgumentKind.UnitInterval, 0.3, "the fraction of the cycle spent raising the rate"),
             Argument.OneOf("AnnealStrategy", ["Cos", "Linear"], "Cos", "how the rate moves within a phase: cosine or linear"),
             Argument.Option("NoCycleMomentum", ArgumentKind.Switch, false, "leave the momentum (beta1) alone instead of cycling it against the rate"),
             Argument.Option("BaseMomentum", ArgumentKind.UnitInterval, 0.85, "the lowest momentum, reached at the peak rate"),
             Argument.Option("MaxMomentum", ArgumentKind.UnitInterval, 0.95, "the highest momentum, at the start and the end"),
             Argument.Option("DivFactor", ArgumentKind.NonNegative, 25.0, "the initial rate is -MaxLr divided by this"),
             Argument.Option("FinalDivFactor", ArgumentKind.NonNegative, 1e4, "the final rate is the initial rate divided by this"),
             Argument.Option("ThreePhase", ArgumentKind.Switch, false, "come back down to the initial rate before the final annealing")],
            (o, a) => new OneCycleLR(o, a.Get<double>("MaxLr"), a.Get<int?>("TotalSteps"), a.Get<int?>("Epochs"), a.Get<int?>("StepsPerEpoch"),
                a.Get<double>("PctStart"), a.Get<string>("AnnealStrategy"), !a.Get<bool>("NoCycleMomentum"), a.Get<double>("BaseMomentum"),
                a.Get<double>("MaxMomentum"), a.Get<double>("DivFactor"), a.Get<double>("FinalDivFactor"), a.Get<bool>("ThreePhase"))),
        new("SequentialLR",
            [Argument.Need("Schedulers", ArgumentKind.Schedulers, "the schedules to run one after another, built by New-LRScheduler on the same optimizer"),
             Argument.Need("Milestones", ArgumentKind.Epochs, "the epochs at which the next schedule takes over, one fewer than the schedules")],
            (o, a) => new SequentialLR(o, a.Get<ILRScheduler[]>("Schedulers"), a.Get<int[]>("Milestones"))),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Select(k => k.Name)];

    /// <summary>The type of that (case-insensitive) name, or null.</summary>
    public static SchedulerKind? TryFind(string? name) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The type of that (case-insensitive) name; an unknown one is refused naming the known ones.</summary>
    public static SchedulerKind Find(string name) =>
        TryFind(name)
        ?? throw Errors.Raise(new TensorArgumentException("UnknownScheduler", $"unknown learning-rate scheduler '{name}'; expected one of {string.Join(", ", Names)}"));
}
