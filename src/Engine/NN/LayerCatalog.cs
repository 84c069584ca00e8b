namespace NNTools.NN;

/// <summary>The kind of value a layer argument takes; it fixes the value's type and its valid range.</summary>
public enum LayerArgumentKind
{
    /// <summary>A positive int (features, channels).</summary>
    Count,
    /// <summary>A window size: one positive int for both dims or two (height, width).</summary>
    Window,
    /// <summary>Zero padding: one non-negative int for both dims or two.</summary>
    Padding,
    /// <summary>A dim index, negative counting from the end.</summary>
    Dim,
    /// <summary>A probability in [0, 1].</summary>
    Probability,
    /// <summary>Any double.</summary>
    Real,
    /// <summary>A flag that is off unless given (NoBias for bias=False).</summary>
    Switch,
    /// <summary>The <see cref="NNTools.Generator"/> a layer draws its weights or masks from.</summary>
    Generator,
}

/// <summary>One constructor argument of a layer, named as the New-Layer parameter that sets it.</summary>
/// <param name="Name">The PascalCase name (InFeatures for in_features).</param>
/// <param name="Kind">The value's type and range.</param>
/// <param name="Required">Whether the layer cannot be built without it.</param>
/// <param name="Default">The value when not given; null for required arguments and for optional ones the layer derives (MaxPool2d's stride).</param>
/// <param name="Help">What it sets, in a phrase (the parameter's help message).</param>
public sealed record LayerArgument(string Name, LayerArgumentKind Kind, bool Required, object? Default, string Help)
{
    /// <summary>Arguments other than switches and generators are taken by position, in PyTorch's constructor order.</summary>
    public bool Positional => Kind is not (LayerArgumentKind.Switch or LayerArgumentKind.Generator);
}

/// <summary>A layer type: its name, its arguments, and how to build it from them.</summary>
public sealed record LayerKind(string Name, string Summary, IReadOnlyList<LayerArgument> Arguments, Func<LayerArguments, Module> Create);

/// <summary>The argument values for one <see cref="LayerKind.Create"/> call; missing ones read as their defaults.</summary>
public sealed class LayerArguments(LayerKind kind, IReadOnlyDictionary<string, object?> values)
{
    public T Get<T>(string name)
    {
        var argument = kind.Arguments.Single(a => a.Name == name);
        object? value = values.TryGetValue(name, out var given) ? given : argument.Default;
        if (value is null && argument.Required)
        {
            throw Errors.Raise(new TensorArgumentException("MissingLayerParameter", $"a {kind.Name} layer needs -{name}"));
        }
        return (T)value!;
    }

    public T? Optional<T>(string name) where T : class => values.TryGetValue(name, out var given) ? (T?)given : null;
}

/// <summary>
/// Every layer New-Layer can build, in one place: the cmdlet offers each type's arguments as its
/// parameters (so tab completion and Get-Help show only those), and adding a layer is one entry here.
/// </summary>
public static class LayerCatalog
{
    private static LayerArgument Need(string name, LayerArgumentKind kind, string help) => new(name, kind, true, null, help);

    private static LayerArgument Option(string name, LayerArgumentKind kind, object? value, string help) => new(name, kind, false, value, help);

    private static readonly LayerArgument NoBias = Option("NoBias", LayerArgumentKind.Switch, false, "leave out the bias (bias=False)");

    private static readonly LayerArgument WeightGenerator = Option("Generator", LayerArgumentKind.Generator, null,
        "the generator the initial weights are drawn from instead of the default one");

    private static LayerKind Plain(string name, Func<Module> create) => new(name, $"{name}()", [], _ => create());

    public static IReadOnlyList<LayerKind> Kinds { get; } =
    [
        new("Linear", "Linear(in_features, out_features, bias=True)",
            [Need("InFeatures", LayerArgumentKind.Count, "the size of the input's last dim"),
             Need("OutFeatures", LayerArgumentKind.Count, "the size of the output's last dim"),
             NoBias, WeightGenerator],
            a => new Linear(a.Get<int>("InFeatures"), a.Get<int>("OutFeatures"), bias: !a.Get<bool>("NoBias"), generator: a.Optional<Generator>("Generator"))),
        new("Conv2d", "Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True)",
            [Need("InChannels", LayerArgumentKind.Count, "the channels of the input [N, C, H, W]"),
             Need("OutChannels", LayerArgumentKind.Count, "the channels (filters) of the output"),
             Need("KernelSize", LayerArgumentKind.Window, "the window: one size for both dims or two (height, width)"),
             Option("Stride", LayerArgumentKind.Window, null, "the window's step, one or two numbers; 1 by default"),
             Option("Padding", LayerArgumentKind.Padding, null, "zeros added on each side, one or two numbers; 0 by default"),
             NoBias, WeightGenerator],
            a => new Conv2d(a.Get<int>("InChannels"), a.Get<int>("OutChannels"), a.Get<int[]>("KernelSize"),
                a.Optional<int[]>("Stride"), a.Optional<int[]>("Padding"), bias: !a.Get<bool>("NoBias"), generator: a.Optional<Generator>("Generator"))),
        new("MaxPool2d", "MaxPool2d(kernel_size, stride=kernel_size, padding=0)",
            [Need("KernelSize", LayerArgumentKind.Window, "the window: one size for both dims or two (height, width)"),
             Option("Stride", LayerArgumentKind.Window, null, "the window's step, one or two numbers; the kernel size by default"),
             Option("Padding", LayerArgumentKind.Padding, null, "-inf padding on each side, one or two numbers; 0 by default")],
            a => new MaxPool2d(a.Get<int[]>("KernelSize"), a.Optional<int[]>("Stride"), a.Optional<int[]>("Padding"))),
        Plain("ReLU", () => new ReLU()),
        new("LeakyReLU", "LeakyReLU(negative_slope=0.01)",
            [Option("NegativeSlope", LayerArgumentKind.Real, 0.01, "the slope for negative inputs")],
            a => new LeakyReLU(a.Get<double>("NegativeSlope"))),
        Plain("Sigmoid", () => new Sigmoid()),
        Plain("Tanh", () => new Tanh()),
        new("Softmax", "Softmax(dim=-1)", [Option("Dim", LayerArgumentKind.Dim, -1, "the dim normalized over")],
            a => new Softmax(a.Get<int>("Dim"))),
        new("LogSoftmax", "LogSoftmax(dim=-1)", [Option("Dim", LayerArgumentKind.Dim, -1, "the dim normalized over")],
            a => new LogSoftmax(a.Get<int>("Dim"))),
        new("Flatten", "Flatten(start_dim=1, end_dim=-1)",
            [Option("StartDim", LayerArgumentKind.Dim, 1, "the first dim flattened (1 keeps the batch dim)"),
             Option("EndDim", LayerArgumentKind.Dim, -1, "the last dim flattened")],
            a => new Flatten(a.Get<int>("StartDim"), a.Get<int>("EndDim"))),
        new("Dropout", "Dropout(p=0.5)",
            // Probability rather than torch's p: a dynamic -P would be ambiguous with -ProgressAction and -PipelineVariable.
            [Option("Probability", LayerArgumentKind.Probability, 0.5, "the probability of zeroing an element in training"),
             Option("Generator", LayerArgumentKind.Generator, null, "the generator the masks are drawn from instead of the default one")],
            a => new Dropout(a.Get<double>("Probability"), a.Optional<Generator>("Generator"))),
        Plain("Identity", () => new Identity()),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Select(k => k.Name)];

    /// <summary>The layer type of that (case-insensitive) name.</summary>
    public static LayerKind Find(string name) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw Errors.Raise(new TensorArgumentException("UnknownLayer", $"unknown layer type '{name}'; expected one of {string.Join(", ", Names)}"));

    /// <summary>Builds a layer; <paramref name="values"/> maps argument names (any case) to values of the kind's type.</summary>
    public static Module Create(string name, IReadOnlyDictionary<string, object?> values)
    {
        var kind = Find(name);
        var byName = new Dictionary<string, object?>();
        foreach (var (key, value) in values)
        {
            var argument = kind.Arguments.FirstOrDefault(a => string.Equals(a.Name, key, StringComparison.OrdinalIgnoreCase))
                ?? throw Errors.Raise(new TensorArgumentException("ParameterNotApplicable",
                    $"a {kind.Name} layer does not take -{key}" + (kind.Arguments.Count > 0
                        ? $"; it takes {string.Join(", ", kind.Arguments.Select(a => "-" + a.Name))}" : "; it takes no arguments")));
            byName[argument.Name] = value;
        }
        return kind.Create(new LayerArguments(kind, byName));
    }
}
