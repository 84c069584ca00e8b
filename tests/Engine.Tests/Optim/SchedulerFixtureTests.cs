using System.Text.Json;
using NNTools.Optim;
using NNTools.Optim.Schedulers;

namespace NNTools.Tests.Optim;

/// <summary>
/// Learning-rate schedules against PyTorch 1.13 (Fixtures/optim/schedulers.json): the rate of each of
/// two parameter groups after creation and after each of 45 epochs, to the last bit, and resuming
/// from a state dict taken after 20 epochs (PyTorch's or NNTools' own).
/// </summary>
public class SchedulerFixtureTests
{
    private const int Epochs = 45;
    private const int Resume = 20;

    public static TheoryData<int> Runs()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < OptimFixture.ScheduleRunCount; i++) data.Add(i);
        return data;
    }

    private static SGD TwoGroups()
    {
        var opt = new SGD([Tensor.Zeros(2).RequiresGrad_()], lr: 0.1);
        opt.AddParamGroup([Tensor.Zeros(3).RequiresGrad_()], new Dictionary<string, object> { ["lr"] = 0.03 });
        return opt;
    }

    // make_optim.py's LambdaLR functions, by the Python expression it records.
    private static readonly Dictionary<string, Func<int, double>> Lambdas = new()
    {
        ["0.95 ** epoch"] = epoch => Math.Pow(0.95, epoch),
        ["1.0 / (1 + epoch)"] = epoch => 1.0 / (1 + epoch),
    };

    private static ILRScheduler Create(JsonElement run, Optimizer opt)
    {
        var kwargs = run.GetProperty("kwargs");
        double D(string key, double fallback) => kwargs.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        int I(string key, int fallback) => kwargs.TryGetProperty(key, out var v) ? v.GetInt32() : fallback;
        string S(string key, string fallback) => kwargs.TryGetProperty(key, out var v) ? v.GetString()! : fallback;
        return run.GetProperty("scheduler").GetString() switch
        {
            "StepLR" => new StepLR(opt, I("step_size", 0), D("gamma", 0.1)),
            "ExponentialLR" => new ExponentialLR(opt, D("gamma", double.NaN)),
            "CosineAnnealingLR" => new CosineAnnealingLR(opt, I("T_max", 0), D("eta_min", 0)),
            "ReduceLROnPlateau" => new ReduceLROnPlateau(opt,
                S("mode", "min") == "max" ? PlateauMode.Max : PlateauMode.Min,
                D("factor", 0.1), I("patience", 10), D("threshold", 1e-4),
                S("threshold_mode", "rel") == "abs" ? ThresholdMode.Abs : ThresholdMode.Rel,
                I("cooldown", 0),
                minLr: kwargs.TryGetProperty("min_lr", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : 0,
                minLrs: m.ValueKind == JsonValueKind.Array ? m.EnumerateArray().Select(x => x.GetDouble()).ToArray() : null,
                eps: D("eps", 1e-8)),
            "MultiStepLR" => new MultiStepLR(opt, kwargs.GetProperty("milestones").EnumerateArray().Select(x => x.GetInt32()), D("gamma", 0.1)),
            "LinearLR" => new LinearLR(opt, D("start_factor", 1.0 / 3), D("end_factor", 1.0), I("total_iters", 5)),
            "CosineAnnealingWarmRestarts" => new CosineAnnealingWarmRestarts(opt, I("T_0", 0), I("T_mult", 1), D("eta_min", 0)),
            "LambdaLR" => new LambdaLR(opt, Lambdas[S("lr_lambda", "")]),
            var other => throw new InvalidOperationException($"unknown schedule {other}"),
        };
    }

    private static void StepOnce(ILRScheduler s, JsonElement run, int epoch)
    {
        if (s is ReduceLROnPlateau plateau) plateau.Step(run.GetProperty("metrics")[epoch].GetDouble());
        else ((LRScheduler)s).Step();
    }

    private static double[] Expected(JsonElement run, int epoch) =>
        run.GetProperty("lrs")[epoch].EnumerateArray().Select(x => x.GetDouble()).ToArray();

    private static void AssertRates(JsonElement run, int epoch, ILRScheduler s)
    {
        var expected = Expected(run, epoch);
        var where = $"{run.GetProperty("scheduler").GetString()} {run.GetProperty("kwargs").GetRawText()} epoch {epoch}";
        Assert.True(expected.SequenceEqual(s.GetLastLr()), $"{where}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", s.GetLastLr())}]");
        Assert.True(expected.SequenceEqual(s.Optimizer.ParamGroups.Select(g => g.Lr)), $"{where}: the groups' lr");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void RatesMatchPyTorchEveryEpoch(int index)
    {
        var run = OptimFixture.ScheduleRun(index);
        var s = Create(run, TwoGroups());
        AssertRates(run, 0, s);
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            StepOnce(s, run, epoch);
            AssertRates(run, epoch + 1, s);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void StateDictKeysAreSomeOfPyTorchs(int index)
    {
        var run = OptimFixture.ScheduleRun(index);
        var keys = run.GetProperty("keys").EnumerateArray().Select(x => x.GetString()).ToHashSet();
        var ours = Create(run, TwoGroups()).StateDict().Keys;
        Assert.All(ours, k => Assert.Contains(k, keys));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ResumesFromPyTorchStateDict(int index)
    {
        var run = OptimFixture.ScheduleRun(index);
        var state = run.GetProperty("mid").EnumerateObject().ToDictionary(p => p.Name, p => OptimFixture.Value(p.Value)!);
        ResumeAndCheck(run, state);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ResumesFromItsOwnStateDict(int index)
    {
        var run = OptimFixture.ScheduleRun(index);
        var s = Create(run, TwoGroups());
        for (int epoch = 0; epoch < Resume; epoch++) StepOnce(s, run, epoch);
        var state = s.StateDict();
        StepOnce(s, run, Resume);
        ResumeAndCheck(run, state);
    }

    /// <summary>A schedule made fresh (on an optimizer at the epoch's rates, as a loaded optimizer would be) continues like the uninterrupted one.</summary>
    private static void ResumeAndCheck(JsonElement run, Dictionary<string, object> state)
    {
        var opt = TwoGroups();
        var s = Create(run, opt);
        var rates = Expected(run, Resume);
        for (int i = 0; i < rates.Length; i++) opt.ParamGroups[i].Lr = rates[i];
        s.LoadStateDict(state);
        AssertRates(run, Resume, s);
        for (int epoch = Resume; epoch < Epochs; epoch++)
        {
            StepOnce(s, run, epoch);
            AssertRates(run, epoch + 1, s);
        }
    }
}
