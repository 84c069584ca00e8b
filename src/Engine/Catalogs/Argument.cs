namespace NNTools;

/// <summary>The kind of value a catalogue argument takes; it fixes the value's type and its valid range.</summary>
public enum ArgumentKind
{
    /// <summary>A positive int (features, channels, steps).</summary>
    Count,
    /// <summary>An int of 0 or more (a patience, a cooldown).</summary>
    CountOrZero,
    /// <summary>Any long (a class index such as ignore_index).</summary>
    Integer,
    /// <summary>A window size: one positive int for both dims or two (height, width).</summary>
    Window,
    /// <summary>Zero padding: one non-negative int for both dims or two.</summary>
    Padding,
    /// <summary>Epoch numbers of 0 or more (MultiStepLR's milestones).</summary>
    Epochs,
    /// <summary>A function of the epoch number giving a double (LambdaLR's factor): a Func&lt;int, double&gt; in .NET, a scriptblock in PowerShell.</summary>
    EpochFunction,
    /// <summary>A shape: one or more positive sizes (LayerNorm's normalized_shape).</summary>
    Shape,
    /// <summary>A dim index, negative counting from the end.</summary>
    Dim,
    /// <summary>A double in [0, 1] (a probability, a dampening).</summary>
    UnitInterval,
    /// <summary>A double of 0 or more (a momentum, an epsilon, a decay).</summary>
    NonNegative,
    /// <summary>Any double.</summary>
    Real,
    /// <summary>Two doubles in [0, 1) (Adam's betas).</summary>
    Betas,
    /// <summary>One of the names in <see cref="Argument.Choices"/>, in any case.</summary>
    Choice,
    /// <summary>A tensor (a class weight).</summary>
    Tensor,
    /// <summary>A flag that is off unless given (NoBias for bias=False).</summary>
    Switch,
    /// <summary>The <see cref="NNTools.Generator"/> random draws come from.</summary>
    Generator,
    /// <summary>Learning-rate schedules built on the same optimizer (SequentialLR's): an ILRScheduler[].</summary>
    Schedulers,
}

/// <summary>One constructor argument of a catalogue entry, named as the cmdlet parameter that sets it.</summary>
/// <param name="Name">The PascalCase name (InFeatures for in_features).</param>
/// <param name="Kind">The value's type and range.</param>
/// <param name="Required">Whether the object cannot be built without it.</param>
/// <param name="Default">The value when not given; null for required arguments and for optional ones derived from others (MaxPool2d's stride).</param>
/// <param name="Help">What it sets, in a phrase (the parameter's help message).</param>
/// <param name="Choices">The names a <see cref="ArgumentKind.Choice"/> argument takes.</param>
public sealed record Argument(string Name, ArgumentKind Kind, bool Required, object? Default, string Help, IReadOnlyList<string>? Choices = null)
{
    public static Argument Need(string name, ArgumentKind kind, string help) => new(name, kind, true, null, help);

    public static Argument Option(string name, ArgumentKind kind, object? value, string help) => new(name, kind, false, value, help);

    public static Argument OneOf(string name, IReadOnlyList<string> choices, string value, string help) => new(name, ArgumentKind.Choice, false, value, help, choices);

    /// <summary>Numbers and sizes are taken by position, in PyTorch's constructor order; switches and generators by name.</summary>
    public bool Positional => Kind is not (ArgumentKind.Switch or ArgumentKind.Generator or ArgumentKind.Betas or ArgumentKind.Tensor
        or ArgumentKind.Choice or ArgumentKind.Epochs or ArgumentKind.EpochFunction or ArgumentKind.Schedulers);
}

/// <summary>
/// The values given for one catalogue entry, checked against its arguments: names match in any
/// case, a name the entry does not take is refused (ParameterNotApplicable), and a missing value
/// reads as its default or is refused when required (MissingArgument).
/// </summary>
public sealed class ArgumentValues
{
    private readonly string _owner;
    private readonly IReadOnlyList<Argument> _arguments;
    private readonly Dictionary<string, object?> _values = [];

    /// <param name="owner">What takes the arguments, for messages ("a Linear layer", "SGD").</param>
    /// <param name="arguments">The arguments it takes.</param>
    /// <param name="values">The values given, by argument name in any case.</param>
    public ArgumentValues(string owner, IReadOnlyList<Argument> arguments, IReadOnlyDictionary<string, object?> values)
    {
        _owner = owner;
        _arguments = arguments;
        foreach (var (key, value) in values)
        {
            var argument = arguments.FirstOrDefault(a => string.Equals(a.Name, key, StringComparison.OrdinalIgnoreCase))
                ?? throw Errors.Raise(new TensorArgumentException("ParameterNotApplicable",
                    $"{owner} does not take -{key}" + (arguments.Count > 0
                        ? $"; it takes {string.Join(", ", arguments.Select(a => "-" + a.Name))}" : "; it takes no arguments")));
            _values[argument.Name] = value;
        }
    }

    public T Get<T>(string name)
    {
        var argument = _arguments.Single(a => a.Name == name);
        object? value = _values.TryGetValue(name, out var given) ? given : argument.Default;
        if (value is null && argument.Required)
        {
            throw Errors.Raise(new TensorArgumentException("MissingArgument", $"{_owner} needs -{name}"));
        }
        return (T)value!;
    }

    public T? Optional<T>(string name) where T : class => _values.TryGetValue(name, out var given) ? (T?)given : null;
}
