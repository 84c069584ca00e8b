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

    /// <summary>The optimizer of a fixture run, from its PyTorch name and keyword arguments (PyTorch's defaults for the rest).</summary>
    public static Optimizer Create(JsonElement run, IEnumerable<Tensor> parameters)
    {
        var kwargs = run.GetProperty("kwargs");
        double D(string key, double fallback) => kwargs.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        bool B(string key) => kwargs.TryGetProperty(key, out var v) && v.GetBoolean();
        (double, double)? betas = kwargs.TryGetProperty("betas", out var bt) ? (bt[0].GetDouble(), bt[1].GetDouble()) : null;
        return run.GetProperty("optimizer").GetString() switch
        {
            "SGD" => new SGD(parameters, D("lr", double.NaN), D("momentum", 0), D("dampening", 0), D("weight_decay", 0), B("nesterov"), B("maximize")),
            "Adam" => new Adam(parameters, D("lr", 1e-3), betas, D("eps", 1e-8), D("weight_decay", 0), B("amsgrad"), B("maximize")),
            "AdamW" => new AdamW(parameters, D("lr", 1e-3), betas, D("eps", 1e-8), D("weight_decay", 1e-2), B("amsgrad"), B("maximize")),
            "RMSprop" => new RMSprop(parameters, D("lr", 1e-2), D("alpha", 0.99), D("eps", 1e-8), D("weight_decay", 0), D("momentum", 0), B("centered"), B("maximize")),
            "Adagrad" => new Adagrad(parameters, D("lr", 1e-2), D("lr_decay", 0), D("weight_decay", 0), D("initial_accumulator_value", 0), D("eps", 1e-10), B("maximize")),
            var other => throw new InvalidOperationException($"unknown optimizer {other}"),
        };
    }

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
