using System.Collections;
using System.Globalization;

namespace NNTools.Optim;

/// <summary>
/// One group of parameters an optimizer updates with the same hyper-parameters, as an entry of
/// PyTorch's optimizer.param_groups. Hyper-parameters keep PyTorch's names ("lr", "momentum",
/// "betas", "weight_decay"...); numbers are held as double, flags as bool, betas as a double[2].
/// </summary>
/// <remarks>
/// Changing a value (schedulers change <see cref="Lr"/>) is checked by the owning optimizer at
/// once, so an invalid value is refused where it is set rather than at the next step.
/// </remarks>
public sealed class ParamGroup
{
    private readonly SortedDictionary<string, object> _options = new(StringComparer.Ordinal);
    private readonly Action<ParamGroup> _validate;

    internal ParamGroup(IReadOnlyList<Tensor> parameters, IEnumerable<KeyValuePair<string, object>> options, Action<ParamGroup> validate)
    {
        Params = parameters;
        foreach (var (key, value) in options) _options[key] = Normalize(key, value);
        _validate = validate;
    }

    /// <summary>The tensors this group updates, in order.</summary>
    public IReadOnlyList<Tensor> Params { get; }

    /// <summary>The learning rate ("lr"); learning-rate schedulers change it between steps.</summary>
    public double Lr
    {
        get => GetDouble("lr");
        set
        {
            using var setter = InSetter();
            this["lr"] = value;
        }
    }

    /// <summary>The hyper-parameters by PyTorch name, sorted by name as print(optimizer) lists them.</summary>
    public IReadOnlyDictionary<string, object> Options => _options;

    /// <summary>A hyper-parameter by PyTorch name; setting one validates it (the old value is kept when invalid).</summary>
    public object this[string name]
    {
        get => _options.TryGetValue(name, out var v) ? v
            : throw Raise(new TensorArgumentException("UnknownHyperParameter",
                $"parameter group has no hyper-parameter '{name}'; it has: {string.Join(", ", _options.Keys)}"));
        set
        {
            var had = _options.TryGetValue(name, out var old);
            _options[name] = Normalize(name, value);
            try
            {
                _validate(this);
            }
            catch
            {
                if (had) _options[name] = old!;
                else _options.Remove(name);
                throw;
            }
        }
    }

    public bool ContainsKey(string name) => _options.ContainsKey(name);

    internal void SetDefault(string name, object value) => _options.TryAdd(name, Normalize(name, value));

    internal double GetDouble(string name) => this[name] as double? ?? throw Raise(WrongType(name, "a number"));

    internal bool GetBool(string name) => this[name] as bool? ?? throw Raise(WrongType(name, "true or false"));

    internal double[] GetPair(string name) => this[name] as double[] ?? throw Raise(WrongType(name, "a pair of numbers"));

    private TensorArgumentException WrongType(string name, string expected) =>
        new("InvalidHyperParameter", $"hyper-parameter '{name}' must be {expected}, got {Describe(_options[name])}");

    private static string Describe(object value) => value switch
    {
        string s => $"'{s}'",
        double[] d => $"[{string.Join(", ", d)}]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// Brings a value from C#, PowerShell or a deserialised checkpoint to the one form the
    /// optimizers read: double for numbers, bool for flags, double[] for tuples such as betas.
    /// </summary>
    internal static object Normalize(string name, object? value)
    {
        switch (value)
        {
            case null:
                throw Raise(new TensorArgumentException("InvalidHyperParameter", $"hyper-parameter '{name}' cannot be null"));
            case bool or string:
                return value;
            case double[] d:
                return d.ToArray();
            case ValueTuple<double, double> t:
                return new[] { t.Item1, t.Item2 };
            case IConvertible c when c.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal:
                return c.ToDouble(CultureInfo.InvariantCulture);
            case IEnumerable items:
                var list = new List<double>();
                foreach (var item in items)
                {
                    list.Add(Normalize(name, item) is double x ? x
                        : throw Raise(new TensorArgumentException("InvalidHyperParameter", $"hyper-parameter '{name}' must hold numbers only, got {item}")));
                }
                return list.ToArray();
            default:
                throw Raise(new TensorArgumentException("InvalidHyperParameter",
                    $"hyper-parameter '{name}' must be a number, a flag or a tuple of numbers, not {value.GetType().Name}"));
        }
    }
}
