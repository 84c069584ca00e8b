namespace NNTools.Optim;

/// <summary>
/// An optimizer type: its name, PyTorch's default learning rate and weight decay, the arguments
/// only it takes, and how to build it. The learning rate and weight decay every type takes are
/// passed apart from the others.
/// </summary>
public sealed record OptimizerKind(string Name, double DefaultLearningRate, double DefaultWeightDecay, IReadOnlyList<Argument> Arguments,
    Func<IReadOnlyList<Tensor>, double, double, ArgumentValues, Optimizer> Create)
{
    /// <summary>Builds the optimizer; a null learning rate or weight decay means the type's default.</summary>
    public Optimizer Build(IReadOnlyList<Tensor> parameters, double? learningRate, double? weightDecay, IReadOnlyDictionary<string, object?> values) =>
        Create(parameters, learningRate ?? DefaultLearningRate, weightDecay ?? DefaultWeightDecay, new ArgumentValues(Name, Arguments, values));
}

/// <summary>
/// Every optimizer New-Optimizer and Start-Training build, in one place, with PyTorch's defaults
/// (torch.optim, 2.x, where SGD's learning rate became 1e-3): the cmdlets offer each type's
/// arguments as its parameters and take default learning rates from here only.
/// </summary>
public static class OptimizerCatalog
{
    private static readonly Argument Maximize = Argument.Option("Maximize", ArgumentKind.Switch, false, "maximize the objective instead of minimizing it");

    private static (double, double)? Betas(ArgumentValues a) => a.Optional<double[]>("Betas") is { } b ? (b[0], b[1]) : null;

    private static Argument Eps(double value) => Argument.Option("Eps", ArgumentKind.NonNegative, value, "the term added to the denominator for stability");

    private static Argument Betas2() =>
        Argument.Option("Betas", ArgumentKind.Betas, null, "(beta1, beta2), the decay of the running averages of the gradient and its square; 0.9, 0.999 by default");

    private static readonly Argument[] AdamArguments =
    [
        Argument.Option("Betas", ArgumentKind.Betas, null, "(beta1, beta2), the decay of the running averages of the gradient and its square; 0.9, 0.999 by default"),
        Eps(1e-8), Argument.Option("Amsgrad", ArgumentKind.Switch, false, "use the maximum of past squared-gradient averages (AMSGrad)"), Maximize,
    ];

    public static IReadOnlyList<OptimizerKind> Kinds { get; } =
    [
        new("SGD", 1e-3, 0,
            [Argument.Option("Momentum", ArgumentKind.NonNegative, 0.0, "the momentum factor"),
             Argument.Option("Dampening", ArgumentKind.UnitInterval, 0.0, "the dampening for momentum"),
             Argument.Option("Nesterov", ArgumentKind.Switch, false, "use Nesterov momentum (needs -Momentum)"), Maximize],
            (p, lr, wd, a) => new SGD(p, lr, a.Get<double>("Momentum"), a.Get<double>("Dampening"), wd, a.Get<bool>("Nesterov"), a.Get<bool>("Maximize"))),
        new("Adam", 1e-3, 0, AdamArguments,
            (p, lr, wd, a) => new Adam(p, lr, Betas(a), a.Get<double>("Eps"), wd, a.Get<bool>("Amsgrad"), a.Get<bool>("Maximize"))),
        new("AdamW", 1e-3, 1e-2, AdamArguments,
            (p, lr, wd, a) => new AdamW(p, lr, Betas(a), a.Get<double>("Eps"), wd, a.Get<bool>("Amsgrad"), a.Get<bool>("Maximize"))),
        new("RMSprop", 1e-2, 0,
            [Argument.Option("Alpha", ArgumentKind.NonNegative, 0.99, "the smoothing constant of the squared-gradient average"), Eps(1e-8),
             Argument.Option("Momentum", ArgumentKind.NonNegative, 0.0, "the momentum factor"),
             Argument.Option("Centered", ArgumentKind.Switch, false, "normalize by an estimate of the gradient's variance"), Maximize],
            (p, lr, wd, a) => new RMSprop(p, lr, a.Get<double>("Alpha"), a.Get<double>("Eps"), wd, a.Get<double>("Momentum"), a.Get<bool>("Centered"), a.Get<bool>("Maximize"))),
        new("Adagrad", 1e-2, 0,
            [Argument.Option("LrDecay", ArgumentKind.NonNegative, 0.0, "the learning rate decay"),
             Argument.Option("InitialAccumulatorValue", ArgumentKind.NonNegative, 0.0, "the starting value of the squared-gradient sums"), Eps(1e-10), Maximize],
            (p, lr, wd, a) => new Adagrad(p, lr, a.Get<double>("LrDecay"), wd, a.Get<double>("InitialAccumulatorValue"), a.Get<double>("Eps"), a.Get<bool>("Maximize"))),
        new("Adadelta", 1.0, 0,
            [Argument.Option("Rho", ArgumentKind.UnitInterval, 0.9, "the decay of the running averages of squared gradients and updates"), Eps(1e-6), Maximize],
            (p, lr, wd, a) => new Adadelta(p, lr, a.Get<double>("Rho"), a.Get<double>("Eps"), wd, a.Get<bool>("Maximize"))),
        new("Adamax", 2e-3, 0, [Betas2(), Eps(1e-8), Maximize],
            (p, lr, wd, a) => new Adamax(p, lr, Betas(a), a.Get<double>("Eps"), wd, a.Get<bool>("Maximize"))),
        new("NAdam", 2e-3, 0,
            [Betas2(), Eps(1e-8), Argument.Option("MomentumDecay", ArgumentKind.NonNegative, 4e-3, "how fast the momentum schedule approaches beta1")],
            (p, lr, wd, a) => new NAdam(p, lr, Betas(a), a.Get<double>("Eps"), wd, a.Get<double>("MomentumDecay"))),
        new("RAdam", 1e-3, 0, [Betas2(), Eps(1e-8)],
            (p, lr, wd, a) => new RAdam(p, lr, Betas(a), a.Get<double>("Eps"), wd)),
        new("LBFGS", 1.0, 0,
            [Argument.Option("MaxIter", ArgumentKind.Count, 20, "the most iterations per step"),
             Argument.Option("MaxEval", ArgumentKind.Count, null, "the most loss evaluations per step; 1.25 times -MaxIter by default"),
             Argument.Option("ToleranceGrad", ArgumentKind.NonNegative, 1e-7, "a step ends when no gradient entry is larger than this"),
             Argument.Option("ToleranceChange", ArgumentKind.NonNegative, 1e-9, "a step ends when the loss or the parameters change by less than this"),
             Argument.Option("HistorySize", ArgumentKind.Count, 100, "the number of past updates the curvature estimate remembers"),
             Argument.OneOf("LineSearchFn", ["None", "StrongWolfe"], "None", "the line search: None for fixed steps of the learning rate, StrongWolfe for steps satisfying the strong Wolfe conditions")],
            (p, lr, wd, a) => wd == 0
                ? new LBFGS(p, lr, a.Get<int>("MaxIter"), a.Get<int?>("MaxEval"), a.Get<double>("ToleranceGrad"), a.Get<double>("ToleranceChange"),
                    a.Get<int>("HistorySize"), string.Equals(a.Get<string>("LineSearchFn"), "StrongWolfe", StringComparison.OrdinalIgnoreCase) ? "strong_wolfe" : null)
                : throw Errors.Raise(new TensorArgumentException("ParameterNotApplicable", $"LBFGS has no weight decay, got {wd}"))),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Select(k => k.Name)];

    /// <summary>The type of that (case-insensitive) name, or null.</summary>
    public static OptimizerKind? TryFind(string? name) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The type of that (case-insensitive) name; an unknown one is refused naming the known ones.</summary>
    public static OptimizerKind Find(string name) =>
        TryFind(name)
        ?? throw Errors.Raise(new TensorArgumentException("UnknownOptimizer", $"unknown optimizer '{name}'; expected one of {string.Join(", ", Names)}"));
}
