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
        new("GELU", "GELU(approximate='none')",
            [Argument.OneOf("Approximate", ["none", "tanh"], "none", "none for the exact x Φ(x), tanh for the tanh approximation")],
            a => new GELU(a.Get<string>("Approximate").ToLowerInvariant())),
        Plain("SiLU", () => new SiLU()),
        new("ELU", "ELU(alpha=1.0)", [Argument.Option("Alpha", ArgumentKind.Real, 1.0, "the scale of the negative branch α (e^x - 1)")],
            a => new ELU(a.Get<double>("Alpha"))),
        new("Softplus", "Softplus(beta=1, threshold=20)",
            [Argument.Option("Beta", ArgumentKind.Real, 1.0, "the β of log(1 + e^(βx)) / β"),
             Argument.Option("Threshold", ArgumentKind.Real, 20.0, "past this βx the layer returns x itself")],
            a => new Softplus(a.Get<double>("Beta"), a.Get<double>("Threshold"))),
        new("Hardtanh", "Hardtanh(min_val=-1.0, max_val=1.0)",
            [Argument.Option("MinVal", ArgumentKind.Real, -1.0, "the lower bound of the output"),
             Argument.Option("MaxVal", ArgumentKind.Real, 1.0, "the upper bound of the output")],
            a => new Hardtanh(a.Get<double>("MinVal"), a.Get<double>("MaxVal"))),
        Plain("Mish", () => new Mish()),
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
        new("AvgPool2d", "AvgPool2d(kernel_size, stride=kernel_size, padding=0)",
            [Argument.Need("KernelSize", ArgumentKind.Window, "the window: one size for both dims or two (height, width)"),
             Argument.Option("Stride", ArgumentKind.Window, null, "the window's step, one or two numbers; the kernel size by default"),
             Argument.Option("Padding", ArgumentKind.Padding, null, "zeros added on each side (counted in the mean), one or two numbers; 0 by default")],
            a => new AvgPool2d(a.Get<int[]>("KernelSize"), a.Optional<int[]>("Stride"), a.Optional<int[]>("Padding"))),
        new("AdaptiveAvgPool2d", "AdaptiveAvgPool2d(output_size)",
            [Argument.Need("OutputSize", ArgumentKind.Window, "the output's height and width, one number for both or two")],
            a => new AdaptiveAvgPool2d(a.Get<int[]>("OutputSize"))),
        new("Dropout2d", "Dropout2d(p=0.5)",
            [Argument.Option("Probability", ArgumentKind.UnitInterval, 0.5, "the probability of zeroing a whole channel in training"),
             Argument.Option("Generator", ArgumentKind.Generator, null, "the generator the masks are drawn from instead of the default one")],
            a => new Dropout2d(a.Get<double>("Probability"), a.Optional<Generator>("Generator"))),
        BatchNormKind("BatchNorm1d", "[N, C] or [N, C, L]", (n, eps, m, affine, track) => new BatchNorm1d(n, eps, m, affine, track)),
        BatchNormKind("BatchNorm2d", "[N, C, H, W]", (n, eps, m, affine, track) => new BatchNorm2d(n, eps, m, affine, track)),
        new("LayerNorm", "LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True)",
            [Argument.Need("NormalizedShape", ArgumentKind.Shape, "the trailing dims each sample is normalised over"),
             Argument.Option("Eps", ArgumentKind.NonNegative, 1e-5, "the term added to the variance for stability"),
             Argument.Option("NoAffine", ArgumentKind.Switch, false, "leave out the learnable weight and bias (elementwise_affine=False)")],
            a => new LayerNorm(a.Get<int[]>("NormalizedShape"), a.Get<double>("Eps"), !a.Get<bool>("NoAffine"))),
        new("Embedding", "Embedding(num_embeddings, embedding_dim)",
            [Argument.Need("NumEmbeddings", ArgumentKind.Count, "the number of rows of the lookup table"),
             Argument.Need("EmbeddingDim", ArgumentKind.Count, "the size of each row"),
             WeightGenerator],
            a => new Embedding(a.Get<int>("NumEmbeddings"), a.Get<int>("EmbeddingDim"), a.Optional<Generator>("Generator"))),
        new("ConvTranspose2d", "ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1)",
            [Argument.Need("InChannels", ArgumentKind.Count, "the channels of the input [N, C, H, W]"),
             Argument.Need("OutChannels", ArgumentKind.Count, "the channels of the output"),
             Argument.Need("KernelSize", ArgumentKind.Window, "the window: one size for both dims or two (height, width)"),
             Argument.Option("Stride", ArgumentKind.Window, null, "the upsampling step, one or two numbers; 1 by default"),
             Argument.Option("Padding", ArgumentKind.Padding, null, "rows and columns taken off each side of the output, one or two numbers; 0 by default"),
             Argument.Option("OutputPadding", ArgumentKind.Padding, null, "rows and columns added at the bottom and right, smaller than the stride or the dilation; 0 by default"),
             Argument.Option("Groups", ArgumentKind.Count, 1, "blocked connections from input to output channels"),
             Argument.Option("Dilation", ArgumentKind.Window, null, "the spacing between kernel taps, one or two numbers; 1 by default"),
             NoBias, WeightGenerator],
            a => new ConvTranspose2d(a.Get<int>("InChannels"), a.Get<int>("OutChannels"), a.Get<int[]>("KernelSize"), a.Optional<int[]>("Stride"),
                a.Optional<int[]>("Padding"), a.Optional<int[]>("OutputPadding"), a.Get<int>("Groups"), !a.Get<bool>("NoBias"), a.Optional<int[]>("Dilation"),
                generator: a.Optional<Generator>("Generator"))),
        RecurrentKind("RNN", "RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False, dropout=0, bidirectional=False)",
            [Argument.OneOf("Nonlinearity", ["tanh", "relu"], "tanh", "the activation of each step: tanh or relu")],
            (a, i, h, l, bias, first, p, bi, g) => new RNN(i, h, l, a.Get<string>("Nonlinearity"), bias, first, p, bi, generator: g)),
        RecurrentKind("LSTM", "LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0, bidirectional=False)", [],
            (_, i, h, l, bias, first, p, bi, g) => new LSTM(i, h, l, bias, first, p, bi, generator: g)),
        RecurrentKind("GRU", "GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0, bidirectional=False)", [],
            (_, i, h, l, bias, first, p, bi, g) => new GRU(i, h, l, bias, first, p, bi, generator: g)),
        new("LastTimeStep", "LastTimeStep(dim=1): input.select(dim, -1), the last step of a sequence (an NNTools addition)",
            [Argument.Option("Dim", ArgumentKind.Dim, 1, "the time dim: 1 for batch-first [N, T, F] (the default), 0 for [T, N, F]")],
            a => new LastTimeStep(a.Get<int>("Dim"))),
    ];

    private delegate Module RecurrentFactory(ArgumentValues a, int inputSize, int hiddenSize, int numLayers, bool bias, bool batchFirst,
        double dropout, bool bidirectional, Generator? generator);

    /// <summary>RNN, LSTM and GRU share their arguments; <paramref name="extra"/> come after the sizes (RNN's nonlinearity).</summary>
    private static LayerKind RecurrentKind(string name, string summary, Argument[] extra, RecurrentFactory create) =>
        new(name, summary,
            [Argument.Need("InputSize", ArgumentKind.Count, "the features of each step of the input"),
             Argument.Need("HiddenSize", ArgumentKind.Count, "the features of the hidden state"),
             Argument.Option("NumLayers", ArgumentKind.Count, 1, "recurrent layers stacked, each reading the one before"),
             .. extra,
             NoBias,
             Argument.Option("BatchFirst", ArgumentKind.Switch, false, "input and output are [N, T, F] instead of [T, N, F]"),
             Argument.Option("Dropout", ArgumentKind.UnitInterval, 0.0, "dropout on each layer's output but the last, in training"),
             Argument.Option("Bidirectional", ArgumentKind.Switch, false, "also run each layer backwards in time and concatenate both"),
             WeightGenerator],
            a => create(a, a.Get<int>("InputSize"), a.Get<int>("HiddenSize"), a.Get<int>("NumLayers"), !a.Get<bool>("NoBias"), a.Get<bool>("BatchFirst"),
                a.Get<double>("Dropout"), a.Get<bool>("Bidirectional"), a.Optional<Generator>("Generator")));

    private static LayerKind BatchNormKind(string name, string input, Func<int, double, double, bool, bool, Module> create) =>
        new(name, $"{name}(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True) over {input}",
            [Argument.Need("NumFeatures", ArgumentKind.Count, "the channels C of the input"),
             Argument.Option("Eps", ArgumentKind.NonNegative, 1e-5, "the term added to the variance for stability"),
             Argument.Option("Momentum", ArgumentKind.UnitInterval, 0.1, "how far the running statistics move towards each batch's"),
             Argument.Option("NoAffine", ArgumentKind.Switch, false, "leave out the learnable weight and bias (affine=False)"),
             Argument.Option("NoRunningStats", ArgumentKind.Switch, false, "normalise by the batch's statistics in eval mode too (track_running_stats=False)")],
            a => create(a.Get<int>("NumFeatures"), a.Get<double>("Eps"), a.Get<double>("Momentum"), !a.Get<bool>("NoAffine"), !a.Get<bool>("NoRunningStats")));

    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Select(k => k.Name)];

    /// <summary>The element-wise activations (and Identity): the names New-Mlp's -Activation takes, built with their defaults.</summary>
    public static IReadOnlyList<string> ActivationNames { get; } =
        ["ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "GELU", "SiLU", "ELU", "Softplus", "Hardtanh", "Mish", "Identity"];

    /// <summary>The type of that (case-insensitive) name, or null.</summary>
    public static LayerKind? TryFind(string? name) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The type of that (case-insensitive) name; an unknown one is refused naming the known ones.</summary>
    public static LayerKind Find(string name) =>
        TryFind(name)
        ?? throw Errors.Raise(new TensorArgumentException("UnknownLayer", $"unknown layer type '{name}'; expected one of {string.Join(", ", Names)}"));

    /// <summary>Builds a layer; <paramref name="values"/> maps argument names (any case) to values of the kind's type.</summary>
    public static Module Create(string name, IReadOnlyDictionary<string, object?> values)
    {
        var kind = Find(name);
        return kind.Create(new ArgumentValues($"a {kind.Name} layer", kind.Arguments, values));
    }
}
