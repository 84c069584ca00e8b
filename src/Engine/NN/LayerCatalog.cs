namespace NNTools.NN;

/// <summary>A layer type: its name, its arguments, and how to build it from them.</summary>
public sealed record LayerKind(string Name, string Summary, IReadOnlyList<Argument> Arguments, Func<ArgumentValues, Module> Create);

/// <summary>
/// Every layer New-Layer can build, in one place: the cmdlet offers each type's arguments as its
/// parameters (so tab completion and Get-Help show only those), and adding a layer is one entry here.
/// </summary>
public static class LayerCatalog
{
    private static readonly Argument NoBias = Argument.Option("NoBias", ArgumentKind.Switch, false, "leave out the bias (bias=False)");

    private static readonly Argument WeightGenerator = Argument.Option("Generator", ArgumentKind.Generator, null,
        "the generator the initial weights are drawn from instead of the default one");

    private static LayerKind Plain(string name, Func<Module> create) => new(name, $"{name}()", [], _ => create());

    public static IReadOnlyList<LayerKind> Kinds { get; } =
    [
        new("Linear", "Linear(in_features, out_features, bias=True)",
            [Argument.Need("InFeatures", ArgumentKind.Count, "the size of the input's last dim"),
             Argument.Need("OutFeatures", ArgumentKind.Count, "the size of the output's last dim"),
             NoBias, WeightGenerator],
            a => new Linear(a.Get<int>("InFeatures"), a.Get<int>("OutFeatures"), bias: !a.Get<bool>("NoBias"), generator: a.Optional<Generator>("Generator"))),
        new("Conv2d", "Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True)",
            [Argument.Need("InChannels", ArgumentKind.Count, "the channels of the input [N, C, H, W]"),
             Argument.Need("OutChannels", ArgumentKind.Count, "the channels (filters) of the output"),
             Argument.Need("KernelSize", ArgumentKind.Window, "the window: one size for both dims or two (height, width)"),
             Argument.Option("Stride", ArgumentKind.Window, null, "the window's step, one or two numbers; 1 by default"),
             Argument.Option("Padding", ArgumentKind.Padding, null, "zeros added on each side, one or two numbers; 0 by default"),
             NoBias, WeightGenerator],
            a => new Conv2d(a.Get<int>("InChannels"), a.Get<int>("OutChannels"), a.Get<int[]>("KernelSize"),
                a.Optional<int[]>("Stride"), a.Optional<int[]>("Padding"), bias: !a.Get<bool>("NoBias"), generator: a.Optional<Generator>("Generator"))),
        new("MaxPool2d", "MaxPool2d(kernel_size, stride=kernel_size, padding=0)",
            [Argument.Need("KernelSize", ArgumentKind.Window, "the window: one size for both dims or two (height, width)"),
             Argument.Option("Stride", ArgumentKind.Window, null, "the window's step, one or two numbers; the kernel size by default"),
             Argument.Option("Padding", ArgumentKind.Padding, null, "-inf padding on each side, one or two numbers; 0 by default")],
            a => new MaxPool2d(a.Get<int[]>("KernelSize"), a.Optional<int[]>("Stride"), a.Optional<int[]>("Padding"))),
        Plain("ReLU", () => new ReLU()),
        new("LeakyReLU", "LeakyReLU(negative_slope=0.01)",
            [Argument.Option("NegativeSlope", ArgumentKind.Real, 0.01, "the slope for negative inputs")],
            a => new LeakyReLU(a.Get<double>("NegativeSlope"))),
        Plain("Sigmoid", () => new Sigmoid()),
        Plain("Tanh", () => new Tanh()),
        new("Softmax", "Softmax(dim=-1)", [Argument.Option("Dim", ArgumentKind.Dim, -1, "the dim normalized over")],
            a => new Softmax(a.Get<int>("Dim"))),
        new("LogSoftmax", "LogSoftmax(dim=-1)", [Argument.Option("Dim", ArgumentKind.Dim, -1, "the dim normalized over")],
            a => new LogSoftmax(a.Get<int>("Dim"))),
        new("Flatten", "Flatten(start_dim=1, end_dim=-1)",
            [Argument.Option("StartDim", ArgumentKind.Dim, 1, "the first dim flattened (1 keeps the batch dim)"),
             Argument.Option("EndDim", ArgumentKind.Dim, -1, "the last dim flattened")],
            a => new Flatten(a.Get<int>("StartDim"), a.Get<int>("EndDim"))),
        new("Dropout", "Dropout(p=0.5)",
            // Probability rather than torch's p: a dynamic -P would be ambiguous with -ProgressAction and -PipelineVariable.
            [Argument.Option("Probability", ArgumentKind.UnitInterval, 0.5, "the probability of zeroing an element in training"),
             Argument.Option("Generator", ArgumentKind.Generator, null, "the generator the masks are drawn from instead of the default one")],
            a => new Dropout(a.Get<double>("Probability"), a.Optional<Generator>("Generator"))),
        Plain("Identity", () => new Identity()),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Select(k => k.Name)];

    /// <summary>The element-wise activations (and Identity): the names New-Mlp's -Activation takes, built with their defaults.</summary>
    public static IReadOnlyList<string> ActivationNames { get; } = ["ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Identity"];

    /// <summary>The layer type of that (case-insensitive) name.</summary>
    public static LayerKind Find(string name) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw Errors.Raise(new TensorArgumentException("UnknownLayer", $"unknown layer type '{name}'; expected one of {string.Join(", ", Names)}"));

    /// <summary>Builds a layer; <paramref name="values"/> maps argument names (any case) to values of the kind's type.</summary>
    public static Module Create(string name, IReadOnlyDictionary<string, object?> values)
    {
        var kind = Find(name);
        return kind.Create(new ArgumentValues($"a {kind.Name} layer", kind.Arguments, values));
    }
}
