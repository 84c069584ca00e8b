using System.Text.Json;
using NNTools.Optim;
using NNTools.Tests.Support;

namespace NNTools.Tests.Optim;

/// <summary>
/// LBFGS against PyTorch 1.13 (Fixtures/optim/lbfgs.json, make_lbfgs.py): Rosenbrock functions and a
/// small regression, with and without the strong-Wolfe line search, step by step: the same counts of
/// iterations and evaluations, and the loss and parameters to the run's tolerance, 1e-9 relative in
/// float64 (dot products sum in another order than BLAS, so trajectories agree to rounding, not to the
/// bit; a long nonconvex run 1e-6) and 1e-5 in float32.
/// </summary>
public class LbfgsFixtureTests
{
    private static readonly Lazy<JsonDocument> Fixture = new(() => FixtureTensor.Load("optim", "lbfgs.json"));

    public static TheoryData<int> Runs()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Fixture.Value.RootElement.GetProperty("runs").GetArrayLength(); i++) data.Add(i);
        return data;
    }

    /// <summary>The loss of a run's problem, written as make_lbfgs.py writes it.</summary>
    private static Tensor Problem(string name, Tensor[] p, DType dtype, Tensor x, Tensor y)
    {
        if (name == "rosenbrock")
        {
            var v = p[0];
            int n = v.Shape[0];
            var head = v.Narrow(0, 0, n - 1);
            var tail = v.Narrow(0, 1, n - 1);
            return (100 * (tail - head.Pow(2)).Pow(2) + (1 - head).Pow(2)).Sum();
        }
        return (x.To(dtype).MatMul(p[0]) + p[1] - y.To(dtype)).Pow(2).Mean();
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void TrajectoryMatchesPyTorch(int index)
    {
        var run = Fixture.Value.RootElement.GetProperty("runs")[index];
        var dtype = run.GetProperty("dtype").GetString() == "float32" ? DType.Float32 : DType.Float64;
        double tol = run.GetProperty("tolerance").GetDouble();
        var p = run.GetProperty("start").EnumerateArray()
            .Select(s => Tensor.From(s.EnumerateArray().Select(v => v.GetDouble()).ToArray()).To(dtype).RequiresGrad_()).ToArray();
        var kw = run.GetProperty("kwargs");
        double D(string key, double fallback) => kw.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        int? I(string key) => kw.TryGetProperty(key, out var v) ? v.GetInt32() : null;
        var opt = new LBFGS(p, D("lr", 1), I("max_iter") ?? 20, I("max_eval"), historySize: I("history_size") ?? 100,
            lineSearchFn: kw.TryGetProperty("line_search_fn", out var ls) ? ls.GetString() : null);
        var x = FixtureTensor.Read(Fixture.Value.RootElement.GetProperty("x"));
        var y = FixtureTensor.Read(Fixture.Value.RootElement.GetProperty("y"));
        string problem = run.GetProperty("problem").GetString()!;
        int step = 0;
        foreach (var expected in run.GetProperty("steps").EnumerateArray())
        {
            var loss = opt.Step(() =>
            {
                opt.ZeroGrad();
                var l = Problem(problem, p, dtype, x, y);
                l.Backward();
                return l;
            });
            string where = $"run {index} ({problem} {kw.GetRawText()}) step {step++}";
            var state = opt.StateDict().State[0];
            Assert.True(expected.GetProperty("n_iter").GetInt64() == (long)state["n_iter"]!, $"{where}: n_iter {state["n_iter"]}, torch {expected.GetProperty("n_iter")}");
            Assert.True(expected.GetProperty("func_evals").GetInt64() == (long)state["func_evals"]!, $"{where}: func_evals {state["func_evals"]}, torch {expected.GetProperty("func_evals")}");
            Close(expected.GetProperty("loss").GetDouble(), loss.ToDouble(), tol, where + " loss");
            var parameters = expected.GetProperty("params").EnumerateArray().ToArray();
            for (int i = 0; i < p.Length; i++)
            {
                var want = FixtureTensor.Read(parameters[i]).ToDoubleArray();
                var got = p[i].ToDoubleArray();
                for (int j = 0; j < want.Length; j++) Close(want[j], got[j], tol, $"{where} param {i}[{j}]");
            }
        }
    }

    private static void Close(double expected, double actual, double tol, string where) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"{where}: torch {expected:R}, engine {actual:R}");
}
