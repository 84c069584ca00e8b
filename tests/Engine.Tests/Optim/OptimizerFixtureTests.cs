using System.Text.Json;
using NNTools.Optim;
using NNTools.Tests.Support;

namespace NNTools.Tests.Optim;

/// <summary>
/// Every optimizer configuration of Fixtures/optim/optimizers.json run for 100 steps from PyTorch's
/// initial parameters: the loss at every step, the final parameters and state, the hyper-parameters
/// and the printed form must match PyTorch 1.13; state dicts must resume a run exactly.
/// </summary>
public class OptimizerFixtureTests
{
    private const int Steps = 100;

    public static TheoryData<int> Runs()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < OptimFixture.OptimizerRunCount; i++) data.Add(i);
        return data;
    }

    private sealed record Problem(Tensor W, Tensor B, Tensor X, Tensor Y);

    private static Problem Start(JsonElement run, string w = "w0", string b = "b0") => new(
        FixtureTensor.Read(run.GetProperty(w)).RequiresGrad_(),
        FixtureTensor.Read(run.GetProperty(b)).RequiresGrad_(),
        FixtureTensor.Read(run.GetProperty("x")),
        FixtureTensor.Read(run.GetProperty("y")));

    private static List<double> Train(Optimizer opt, Problem p, int steps)
    {
        var losses = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            opt.ZeroGrad();
            var loss = OptimFixture.Loss(p.W, p.B, p.X, p.Y);
            losses.Add(loss.ToDouble());
            loss.Backward();
            opt.Step();
        }
        return losses;
    }

    private static string Describe(JsonElement run) =>
        $"{run.GetProperty("optimizer").GetString()} {run.GetProperty("kwargs").GetRawText()} {run.GetProperty("dtype").GetString()}";

    [Theory]
    [MemberData(nameof(Runs))]
    public void TrajectoryMatchesPyTorch(int index)
    {
        var run = OptimFixture.OptimizerRun(index);
        var tol = OptimFixture.Tolerance(run);
        var p = Start(run);
        var opt = OptimFixture.Create(run, [p.W, p.B]);
        var losses = Train(opt, p, Steps);

        var expected = run.GetProperty("losses").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        for (int i = 0; i < Steps; i++)
        {
            Assert.True(Math.Abs(expected[i] - losses[i]) <= tol + tol * Math.Abs(expected[i]),
                $"loss before step {i}: expected {expected[i]:R}, got {losses[i]:R} ({Describe(run)})");
        }
        FixtureTensor.AssertClose(FixtureTensor.Read(run.GetProperty("w")), p.W, tol, tol, Describe(run) + " w");
        FixtureTensor.AssertClose(FixtureTensor.Read(run.GetProperty("b")), p.B, tol, tol, Describe(run) + " b");
        Assert.True(p.W.IsLeaf && p.B.IsLeaf, "the update must not record a graph");

        var state = opt.StateDict().State;
        foreach (var param in run.GetProperty("state").EnumerateObject())
        {
            var ours = state[int.Parse(param.Name)];
            Assert.Equal(param.Value.EnumerateObject().Select(x => x.Name).Order(), ours.Keys.Order());
            foreach (var entry in param.Value.EnumerateObject())
            {
                var where = $"{Describe(run)} state[{param.Name}][{entry.Name}]";
                switch (OptimFixture.Value(entry.Value))
                {
                    case Tensor t: FixtureTensor.AssertClose(t, Assert.IsType<Tensor>(ours[entry.Name]), tol, tol, where); break;
                    case null: Assert.Null(ours[entry.Name]); break;
                    case var v: Assert.Equal(Convert.ToDouble(v), Convert.ToDouble(ours[entry.Name])); break;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void GroupAndPrintedFormMatchPyTorch(int index)
    {
        var run = OptimFixture.OptimizerRun(index);
        var p = Start(run);
        var opt = OptimFixture.Create(run, [p.W, p.B]);
        string[] torchOnly = ["capturable", "differentiable", "foreach", "fused"];

        var group = opt.ParamGroups[0];
        foreach (var entry in run.GetProperty("group").EnumerateObject().Where(e => !torchOnly.Contains(e.Name)))
        {
            var expected = OptimFixture.Value(entry.Value);
            var actual = group[entry.Name];
            if (expected is object?[] list) Assert.Equal(list.Select(Convert.ToDouble), Assert.IsType<double[]>(actual));
            else Assert.Equal(Convert.ToDouble(expected), Convert.ToDouble(actual));
        }
        Assert.Equal(run.GetProperty("group").EnumerateObject().Count(e => !torchOnly.Contains(e.Name)), group.Options.Count);

        var repr = string.Join("\n", run.GetProperty("repr").GetString()!.Split('\n')
            .Where(line => !torchOnly.Any(k => line.StartsWith($"    {k}:", StringComparison.Ordinal))));
        Assert.Equal(repr, opt.ToString());
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ResumesFromItsOwnStateDict(int index)
    {
        var run = OptimFixture.OptimizerRun(index);
        var uninterrupted = Start(run);
        Train(OptimFixture.Create(run, [uninterrupted.W, uninterrupted.B]), uninterrupted, Steps);

        var first = Start(run);
        var opt = OptimFixture.Create(run, [first.W, first.B]);
        Train(opt, first, Steps / 2);
        var saved = opt.StateDict();
        var fresh = new Problem(first.W.Detach().Clone().RequiresGrad_(), first.B.Detach().Clone().RequiresGrad_(), first.X, first.Y);
        Train(opt, first, 3); // the snapshot must not follow the live state

        var freshOpt = OptimFixture.Create(run, [fresh.W, fresh.B]);
        freshOpt.LoadStateDict(saved);
        Train(freshOpt, fresh, Steps - Steps / 2);

        Assert.Equal(uninterrupted.W.ToDoubleArray(), fresh.W.ToDoubleArray());
        Assert.Equal(uninterrupted.B.ToDoubleArray(), fresh.B.ToDoubleArray());
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ResumesFromPyTorchStateDict(int index)
    {
        var run = OptimFixture.OptimizerRun(index);
        var tol = OptimFixture.Tolerance(run);
        var mid = run.GetProperty("mid");
        var p = new Problem(
            FixtureTensor.Read(mid.GetProperty("w")).RequiresGrad_(),
            FixtureTensor.Read(mid.GetProperty("b")).RequiresGrad_(),
            FixtureTensor.Read(run.GetProperty("x")),
            FixtureTensor.Read(run.GetProperty("y")));
        var opt = OptimFixture.Create(run, [p.W, p.B]);
        opt.LoadStateDict(OptimFixture.StateDict(mid.GetProperty("state_dict")));
        Train(opt, p, Steps - Steps / 2);
        FixtureTensor.AssertClose(FixtureTensor.Read(run.GetProperty("w")), p.W, tol, tol, Describe(run) + " w");
        FixtureTensor.AssertClose(FixtureTensor.Read(run.GetProperty("b")), p.B, tol, tol, Describe(run) + " b");
    }
}
