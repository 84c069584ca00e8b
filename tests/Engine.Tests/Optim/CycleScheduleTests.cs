using System.Text.Json;
using NNTools.Optim;
using NNTools.Optim.Schedulers;
using NNTools.Tests.Support;

namespace NNTools.Tests.Optim;

/// <summary>
/// OneCycleLR and SequentialLR against PyTorch 1.13 (Fixtures/optim/cycles.json, make_cycles.py): every
/// group's rate and momentum (SGD's momentum, Adam's beta1) after creation and after each step, to the
/// last bit; and a state-dict round trip that resumes mid-run on the same sequence.
/// </summary>
public class CycleScheduleTests
{
    private static readonly Lazy<JsonDocument> Fixture = new(() => FixtureTensor.Load("optim", "cycles.json"));

    public static TheoryData<int> Runs()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Fixture.Value.RootElement.GetArrayLength(); i++) data.Add(i);
        return data;
    }

    private static Optimizer TwoGroups(string kind)
    {
        Tensor[] first = [Tensor.Zeros(2).RequiresGrad_()];
        var opt = kind == "SGD" ? (Optimizer)new SGD(first, lr: 0.1, momentum: 0.9) : new Adam(first, lr: 0.1);
        opt.AddParamGroup([Tensor.Zeros(3).RequiresGrad_()], new Dictionary<string, object> { ["lr"] = 0.03 });
        return opt;
    }

    private static LRScheduler Create(Optimizer opt, string name, JsonElement kw)
    {
        double D(string key, double fallback) => kw.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        int? I(string key) => kw.TryGetProperty(key, out var v) ? v.GetInt32() : null;
        bool B(string key, bool fallback) => kw.TryGetProperty(key, out var v) ? v.GetBoolean() : fallback;
        return name switch
        {
            "OneCycleLR" => new OneCycleLR(opt, D("max_lr", double.NaN), I("total_steps"), I("epochs"), I("steps_per_epoch"), D("pct_start", 0.3),
                kw.TryGetProperty("anneal_strategy", out var a) ? a.GetString()! : "cos", B("cycle_momentum", true), D("base_momentum", 0.85),
                D("max_momentum", 0.95), D("div_factor", 25), D("final_div_factor", 1e4), B("three_phase", false)),
            "SequentialLR" => new SequentialLR(opt,
                [.. kw.GetProperty("schedulers").EnumerateArray().Select(s => Create(opt, s[0].GetString()!, s[1]))],
                [.. kw.GetProperty("milestones").EnumerateArray().Select(m => m.GetInt32())]),
            "LinearLR" => new LinearLR(opt, D("start_factor", 1.0 / 3), D("end_factor", 1.0), I("total_iters") ?? 5),
            "ExponentialLR" => new ExponentialLR(opt, D("gamma", double.NaN)),
            "StepLR" => new StepLR(opt, I("step_size")!.Value, D("gamma", 0.1)),
            "CosineAnnealingLR" => new CosineAnnealingLR(opt, I("T_max")!.Value, D("eta_min", 0)),
            "MultiStepLR" => new MultiStepLR(opt, kw.GetProperty("milestones").EnumerateArray().Select(x => x.GetInt32()), D("gamma", 0.1)),
            "LambdaLR" when kw.GetProperty("lr_lambda").GetString() == "0.9 ** epoch" => new LambdaLR(opt, epoch => Math.Pow(0.9, epoch)),
            _ => throw new InvalidOperationException($"unknown schedule {name}"),
        };
    }

    private static double Momentum(ParamGroup g) => g.ContainsKey("betas") ? ((double[])g["betas"])[0] : g.GetDouble("momentum");

    private static void AssertStep(JsonElement run, int step, Optimizer opt, LRScheduler s)
    {
        // PyTorch's rate after the last step extrapolates, below zero for linear annealing; ours stops at 0 (docs/FIDELITY.md).
        var lrs = run.GetProperty("lrs")[step].EnumerateArray().Select(x => Math.Max(0, x.GetDouble())).ToArray();
        var momenta = run.GetProperty("momenta")[step].EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var where = $"{run.GetProperty("scheduler").GetString()} {run.GetProperty("kwargs").GetRawText()} on {run.GetProperty("optimizer").GetString()}, step {step}";
        Assert.True(lrs.SequenceEqual(opt.ParamGroups.Select(g => g.Lr)), $"{where}: lr expected [{string.Join(", ", lrs)}], got [{string.Join(", ", opt.ParamGroups.Select(g => g.Lr))}]");
        Assert.True(lrs.SequenceEqual(s.GetLastLr()), $"{where}: get_last_lr");
        Assert.True(momenta.SequenceEqual(opt.ParamGroups.Select(Momentum)), $"{where}: momentum expected [{string.Join(", ", momenta)}], got [{string.Join(", ", opt.ParamGroups.Select(Momentum))}]");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void RatesAndMomentaMatchPyTorchEveryStep(int index)
    {
        var run = Fixture.Value.RootElement[index];
        var opt = TwoGroups(run.GetProperty("optimizer").GetString()!);
        var s = Create(opt, run.GetProperty("scheduler").GetString()!, run.GetProperty("kwargs"));
        int steps = run.GetProperty("lrs").GetArrayLength() - 1;
        AssertStep(run, 0, opt, s);
        for (int step = 1; step <= steps; step++)
        {
            s.Step();
            AssertStep(run, step, opt, s);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ResumesFromItsStateDict(int index)
    {
        var run = Fixture.Value.RootElement[index];
        string kind = run.GetProperty("optimizer").GetString()!, name = run.GetProperty("scheduler").GetString()!;
        var opt = TwoGroups(kind);
        var s = Create(opt, name, run.GetProperty("kwargs"));
        int steps = run.GetProperty("lrs").GetArrayLength() - 1, mid = steps / 2;
        for (int step = 0; step < mid; step++) s.Step();
        var fresh = TwoGroups(kind);
        var resumed = Create(fresh, name, run.GetProperty("kwargs"));
        fresh.LoadStateDict(opt.StateDict());
        resumed.LoadStateDict(s.StateDict());
        AssertStep(run, mid, fresh, resumed);
        for (int step = mid + 1; step <= steps; step++)
        {
            resumed.Step();
            AssertStep(run, step, fresh, resumed);
        }
    }

    [Fact]
    public void OneCycleRefusesToStepPastItsEnd()
    {
        var s = new OneCycleLR(TwoGroups("SGD"), 0.5, totalSteps: 3);
        for (int i = 0; i < 3; i++) s.Step();
        var e = Assert.Throws<TensorArgumentException>(s.Step);
        Assert.Equal("OneCycleStepsExceeded", e.ErrorId);
        Assert.Contains("Tried to step 5 times. The specified number of total steps is 3", e.Message);
    }

    [Fact]
    public void OneCycleChecksItsSettings()
    {
        Assert.Equal("OneCycleTotalSteps", Assert.Throws<TensorArgumentException>(() => new OneCycleLR(TwoGroups("SGD"), 0.5)).ErrorId);
        Assert.Equal("OneCycleTotalSteps", Assert.Throws<TensorArgumentException>(() => new OneCycleLR(TwoGroups("SGD"), 0.5, totalSteps: 0)).ErrorId);
        Assert.Equal("InvalidPctStart", Assert.Throws<TensorArgumentException>(() => new OneCycleLR(TwoGroups("SGD"), 0.5, 10, pctStart: 1.5)).ErrorId);
        Assert.Equal("InvalidAnnealStrategy", Assert.Throws<TensorArgumentException>(() => new OneCycleLR(TwoGroups("SGD"), 0.5, 10, annealStrategy: "step")).ErrorId);
        var adagrad = new Adagrad([Tensor.Zeros(2).RequiresGrad_()], 0.1);
        Assert.Equal("OneCycleMomentum", Assert.Throws<TensorArgumentException>(() => new OneCycleLR(adagrad, 0.5, 10)).ErrorId);
        Assert.Equal(0.02, new OneCycleLR(adagrad, 0.5, 10, cycleMomentum: false).GetLastLr()[0], 15);
    }

    [Fact]
    public void SequentialChecksItsSchedules()
    {
        var opt = TwoGroups("SGD");
        var other = TwoGroups("SGD");
        var a = new ExponentialLR(opt, 0.9);
        Assert.Equal("SequentialMilestones", Assert.Throws<TensorArgumentException>(() => new SequentialLR(opt, [a, new StepLR(opt, 2)], [])).ErrorId);
        Assert.Equal("SequentialOptimizer", Assert.Throws<TensorArgumentException>(() => new SequentialLR(opt, [a, new StepLR(other, 2)], [3])).ErrorId);
        Assert.Equal("SequentialSchedulers", Assert.Throws<TensorArgumentException>(() => new SequentialLR(opt, [a, new ReduceLROnPlateau(opt)], [3])).ErrorId);
        Assert.Equal("SequentialSchedulers", Assert.Throws<TensorArgumentException>(() => new SequentialLR(opt, [], [])).ErrorId);
    }
}
