using System.Globalization;
using System.Text.Json;
using NNTools.Optim;
using NNTools.Tests.Support;

namespace NNTools.Tests.Optim;

/// <summary>Reads Fixtures/optim (written by make_optim.py) and builds the same runs in NNTools.</summary>
internal static class OptimFixture
{
    private static readonly Lazy<JsonDocument> Optimizers = new(() => FixtureTensor.Load("optim", "optimizers.json"));
    private static readonly Lazy<JsonDocument> Schedulers = new(() => FixtureTensor.Load("optim", "schedulers.json"));

    public static JsonElement OptimizerRun(int index) => Optimizers.Value.RootElement[index];

    public static int OptimizerRunCount => Optimizers.Value.RootElement.GetArrayLength();

    public static JsonElement ScheduleRun(int index) => Schedulers.Value.RootElement[index];

    public static int ScheduleRunCount => Schedulers.Value.RootElement.GetArrayLength();

    /// <summary>The function every optimizer run minimises, written as make_optim.py writes it.</summary>
    public static Tensor Loss(Tensor w, Tensor b, Tensor x, Tensor y) =>
        ((w * x).Sum(0) + b - y).Pow(2).Mean() + 0.1 * w.Sin().Sum() + 0.05 * (b * 0.5).Exp().Sum();

    /// <summary>
    /// The optimizer of a fixture run, built through OptimizerCatalog (as the cmdlets build it) from its
    /// PyTorch name and keyword arguments: lr and weight_decay apart, the rest by their PascalCase names.
    /// </summary>
    public static Optimizer Create(JsonElement run, IEnumerable<Tensor> parameters)
    {
        double? learningRate = null, weightDecay = null;
        var values = new Dictionary<string, object?>();
        foreach (var kw in run.GetProperty("kwargs").EnumerateObject())
        {
            switch (kw.Name)
            {
                case "lr": learningRate = kw.Value.GetDouble(); break;
                case "weight_decay": weightDecay = kw.Value.GetDouble(); break;
                default:
                    values[Pascal(kw.Name)] = kw.Value.ValueKind switch
                    {
                        JsonValueKind.True or JsonValueKind.False => kw.Value.GetBoolean(),
                        JsonValueKind.Array => kw.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray(),
                        _ => kw.Value.GetDouble(),
                    };
                    break;
            }
        }
        return OptimizerCatalog.Find(run.GetProperty("optimizer").GetString()!).Build([.. parameters], learningRate, weightDecay, values);
    }

    private static string Pascal(string snake) => string.Concat(snake.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>A JSON value as the plain .NET value a checkpoint reader would produce: tensor, long, double, bool, string, null or object?[].</summary>
    public static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => FixtureTensor.Read(e),
        JsonValueKind.Number => e.TryGetInt64(out var l) && !e.GetRawText().Contains('.') && !e.GetRawText().Contains('e') ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => e.EnumerateArray().Select(Value).ToArray(),
        _ => e.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            var s => s,
        },
    };

    /// <summary>PyTorch's state_dict() in fixture form, as an <see cref="OptimizerStateDict"/>.</summary>
    public static OptimizerStateDict StateDict(JsonElement e)
    {
        var state = new Dictionary<int, Dictionary<string, object?>>();
        foreach (var p in e.GetProperty("state").EnumerateObject())
        {
            state[int.Parse(p.Name, CultureInfo.InvariantCulture)] = p.Value.EnumerateObject().ToDictionary(x => x.Name, x => Value(x.Value));
        }
        var groups = e.GetProperty("param_groups").EnumerateArray()
            .Select(g => g.EnumerateObject().ToDictionary(x => x.Name, x => Value(x.Value)!))
            .ToList();
        return new OptimizerStateDict(state, groups);
    }

    /// <summary>Tolerances: 1e-5 for float32 runs (PyTorch's vectorised kernels may round a last bit differently), 1e-10 for float64.</summary>
    public static double Tolerance(JsonElement run) => run.GetProperty("dtype").GetString() == "float32" ? 1e-5 : 1e-10;
}
