using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.Differential;

/// <summary>
/// Replays the randomized PyTorch cases of Fixtures/differential (make_differential.py), one test
/// per op family. Exact: raise or not, dtype, shape, integer and bool values. Floats:
/// |ours - torch| &lt;= atol + rtol |torch|, NaN equal to NaN and infinities exact, with
/// float32 rtol 1e-5, atol 1e-6 · max(1, max |torch|) (the scale of the tensor, so that a sum whose
/// terms cancel is not held to a relative bound its float32 rounding cannot meet), and float64
/// rtol 1e-10, atol 1e-12 · max(1, max |torch|). A case where torch computes float64 values through
/// float32 (<see cref="DifferentialCase.Float32Involved"/>) is held to the float32 bounds throughout:
/// a float64 leaf's gradient, for one, is summed in the float32 result's precision before widening,
/// so its digits past float32's are summation-order noise.
/// </summary>
public class DifferentialReplayTests
{
    private static readonly object ReportLock = new();

    public static TheoryData<string> Families => new(DifferentialCase.All.Select(c => c.Family).Distinct());

    [Theory]
    [MemberData(nameof(Families))]
    public void FamilyMatchesPyTorch(string family)
    {
        var failures = new List<string>();
        int count = 0;
        foreach (var c in DifferentialCase.All.Where(c => c.Family == family))
        {
            count++;
            string? why;
            try
            {
                why = Replay(c);
            }
            catch (Exception e)
            {
                why = $"replay threw {e.GetType().Name}: {e.Message}";
            }
            if (why is not null) failures.Add($"{c}\n    {why}");
        }
        Assert.True(count > 0, $"no cases of family {family}");
        // NNTOOLS_DIFFERENTIAL_REPORT names a file to receive every failure, not only the first 25.
        if (Environment.GetEnvironmentVariable("NNTOOLS_DIFFERENTIAL_REPORT") is { Length: > 0 } report)
        {
            lock (ReportLock) File.AppendAllLines(report, failures);
        }
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {count} {family} cases differ from PyTorch:\n" + string.Join("\n", failures.Take(25)));
    }

    /// <summary>
    /// Where PyTorch computes and we deliberately refuse (docs/FIDELITY.md): for a case it covers,
    /// the replay asserts our error id instead of torch's result.
    /// </summary>
    private static readonly (string Name, Func<DifferentialCase, Tensor[], bool> Covers, string ErrorId)[] Refusals =
    [
        ("regression loss with a target of another shape", (c, x) => c.Op is "mse" or "l1" or "smooth_l1" or "huber"
            && !x[0].Shape.SequenceEqual(x[1].Shape), "LossShapeMismatch"),
        // torch checks these dtypes in its kernels, so it skips the check when no kernel runs.
        ("softmax of an empty integer tensor", (c, x) => c.Op is "softmax" or "log_softmax" && !c.Raises
            && !x[0].IsFloatingPoint() && x[0].Numel() == 0, "FloatingDTypeRequired"),
        ("matmul of mixed dtypes with an empty operand", (c, x) => c.Op is "matmul" or "mm" or "bmm" or "mv" or "dot" && !c.Raises
            && x[0].DType != x[1].DType && (x[0].Numel() == 0 || x[1].Numel() == 0), "MatMulDType"),
        ("argmax or argmin of bool", (c, x) => c.Op is "argmax" or "argmin" && !c.Raises && x[0].DType == DType.Bool, "UnsupportedDType"),
        ("class-index loss with a bool target on an empty batch", (c, x) => c.Op is "nll" or "cross_entropy" && !c.Raises
            && x[1].DType == DType.Bool, "TargetDType"),
    ];

    /// <summary>Null when the engine agrees with the recorded case, else what differs.</summary>
    internal static string? Replay(DifferentialCase c)
    {
        var op = DifferentialOps.Table[c.Op];
        var (leaves, inputs) = Inputs(c.Json.GetProperty("inputs"));
        var refusal = Refusals.FirstOrDefault(r => r.Covers(c, inputs));
        Tensor[] outs;
        try
        {
            outs = Flatten(op(inputs, c.Kw));
        }
        catch (TensorException e) when (refusal.Name is not null)
        {
            return e.ErrorId == refusal.ErrorId ? null : $"refused ({refusal.Name}) with {e.ErrorId}, expected {refusal.ErrorId}";
        }
        catch (TensorException e)
        {
            return c.Raises ? null : $"engine threw {e.GetType().Name} {e.ErrorId}: {e.Message}; torch did not";
        }
        catch (Exception e)
        {
            return $"engine threw an internal {e.GetType().Name}: {e.Message}";
        }
        if (refusal.Name is not null) return $"engine returned {Describe(outs)}; it should refuse ({refusal.Name}) with {refusal.ErrorId}";
        if (c.Raises) return $"torch raised, engine returned {Describe(outs)}";

        var expected = c.Json.GetProperty("out");
        var expectedOuts = expected.ValueKind == JsonValueKind.Array ? expected.EnumerateArray().ToArray() : [expected];
        if (expectedOuts.Length != outs.Length) return $"torch returned {expectedOuts.Length} tensors, engine {outs.Length}";
        for (int i = 0; i < outs.Length; i++)
        {
            var expectedOut = FixtureTensor.Read(expectedOuts[i]);
            if (c.Op is "long" or "int" or "byte") expectedOut = SaturatingCast(inputs[0], expectedOut);
            var why = Compare(expectedOut, outs[i], c.Float32Involved, Float32Slack(c));
            if (why is not null) return $"output {i}: {why}";
        }
        // Elsewhere torch's backward raises for reasons of its own (derivatives it lacks, its bugs:
        // docs/FIDELITY.md); for in-place writes the raise is the behaviour under test.
        if (c.BackwardRaises) return c.Op == "inplace_graph" ? BackwardRaises(outs) : null;
        return c.Json.TryGetProperty("up", out var ups) ? CompareGrads(c, leaves, outs, ups) : null;
    }

    // torch's backward raised (an overwritten saved value): the engine's must raise an engine error too.
    private static string? BackwardRaises(Tensor[] outs)
    {
        try
        {
            Tensor? total = null;
            foreach (var o in outs.Where(o => o.RequiresGrad)) total = total is null ? o.Sum() : total + o.Sum();
            if (total is null) return "torch's backward raised; the engine has no output that requires grad";
            total.Backward();
            return "torch's backward raised; the engine's did not";
        }
        catch (TensorException)
        {
            return null;
        }
    }

    private static string? CompareGrads(DifferentialCase c, Tensor[] leaves, Tensor[] outs, JsonElement ups)
    {
        var calls = ups.EnumerateArray().ToArray();
        try
        {
            for (int k = 0; k < calls.Length; k++)
            {
                var up = calls[k].EnumerateArray().Select(FixtureTensor.Read).ToArray();
                Tensor? total = null;
                for (int i = 0; i < outs.Length; i++)
                {
                    if (!outs[i].RequiresGrad) continue;
                    var term = (outs[i] * up[i]).Sum();
                    total = total is null ? term : total + term;
                }
                if (total is null) return "torch's outputs require grad, the engine's do not";
                total.Backward(retainGraph: k + 1 < calls.Length);
            }
        }
        catch (Exception e)
        {
            return $"backward threw {e.GetType().Name}: {e.Message}";
        }
        var grads = c.Json.GetProperty("grads").EnumerateArray().ToArray();
        for (int i = 0; i < leaves.Length; i++)
        {
            if (grads[i].ValueKind == JsonValueKind.Null)
            {
                if (leaves[i].RequiresGrad && leaves[i].Grad is { } g && g.Ne(0.0).Any().ToBoolean())
                {
                    return $"grad of input {i}: torch has none, engine has a nonzero one";
                }
                continue;
            }
            if (leaves[i].Grad is not { } grad) return $"grad of input {i}: engine has none";
            var why = Compare(FixtureTensor.Read(grads[i]), grad, c.Float32Involved, Float32Slack(c));
            if (why is not null) return $"grad of input {i} after {calls.Length} backward call(s): {why}";
        }
        return null;
    }

    /// <summary>
    /// torch's int64 or int32 of NaN, an infinity or a float past the type's range is C++'s undefined
    /// behaviour (the type's minimum on x86, and uint8 takes the low byte of the int64 one); ours
    /// saturates (NaN to 0), as docs/FIDELITY.md says: those elements are expected saturated, the
    /// rest as torch has them.
    /// </summary>
    private static Tensor SaturatingCast(Tensor input, Tensor expected)
    {
        if (!input.IsFloatingPoint()) return expected;
        var x = input.ToDoubleArray();
        var e = expected.ToInt64Array();
        for (int i = 0; i < x.Length; i++)
        {
            e[i] = expected.DType switch
            {
                DType.Int32 when double.IsNaN(x[i]) || x[i] >= 2147483648.0 || x[i] < -2147483648.0 => int.CreateSaturating(x[i]),
                DType.UInt8 when double.IsNaN(x[i]) || x[i] >= 9.2233720368547758e18 || x[i] < -9.2233720368547758e18 => (byte)long.CreateSaturating(x[i]),
                DType.Int64 when double.IsNaN(x[i]) || x[i] >= 9.2233720368547758e18 || x[i] < -9.2233720368547758e18 => long.CreateSaturating(x[i]),
                _ => e[i],
            };
        }
        return Tensor.FromBuffer(e, expected.Shape).To(expected.DType);
    }

    private static (Tensor[] Leaves, Tensor[] Viewed) Inputs(JsonElement inputs)
    {
        var spec = inputs.EnumerateArray().ToArray();
        var leaves = new Tensor[spec.Length];
        var viewed = new Tensor[spec.Length];
        for (int i = 0; i < spec.Length; i++)
        {
            leaves[i] = FixtureTensor.Read(spec[i]);
            if (spec[i].GetProperty("rg").GetBoolean()) leaves[i].RequiresGrad_();
            var view = spec[i].GetProperty("view");
            viewed[i] = view.ValueKind != JsonValueKind.String ? leaves[i]
                : view.GetString() == "T" ? leaves[i].Transpose(-2, -1)
                : leaves[i].Slice(0, null, null, 2);
        }
        return (leaves, viewed);
    }

    private static Tensor[] Flatten(object result) => result switch
    {
        Tensor t => [t],
        Tensor[] ts => ts,
        MinMaxResult m => [m.Values, m.Indices],
        _ => throw new InvalidOperationException($"op returned a {result.GetType().Name}"),
    };

    private static string Describe(Tensor[] outs) =>
        string.Join(", ", outs.Select(o => $"{o.DType.TorchName()}[{string.Join(",", o.Shape)}]"));

    /// <summary>
    /// The factor an op set widens the float32 bounds by for its op (<see cref="DifferentialOps.Float32Slack"/>):
    /// 1 for every op but the float32 decompositions, whose reference LAPACK runs in float32 throughout.
    /// </summary>
    private static double Float32Slack(DifferentialCase c) => DifferentialOps.Float32Slack.GetValueOrDefault(c.Op, 1.0);

    /// <summary>Null when <paramref name="actual"/> matches, else the first difference; float32 bounds times <paramref name="float32Slack"/>.</summary>
    internal static string? Compare(Tensor expected, Tensor actual, bool float32Involved, double float32Slack = 1.0)
    {
        if (expected.DType != actual.DType) return $"dtype: torch {expected.DType.TorchName()}, engine {actual.DType.TorchName()}";
        if (!expected.Shape.SequenceEqual(actual.Shape))
        {
            return $"shape: torch [{string.Join(",", expected.Shape)}], engine [{string.Join(",", actual.Shape)}]";
        }
        if (!expected.DType.IsFloating())
        {
            var e = expected.ToInt64Array();
            var a = actual.ToInt64Array();
            int at = FirstDiff(e, a);
            return at < 0 ? null : $"element {at}: torch {e[at]}, engine {a[at]}";
        }
        var ed = expected.ToDoubleArray();
        var ad = actual.ToDoubleArray();
        double scale = Math.Max(1, ed.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max());
        (double rtol, double atol) = expected.DType == DType.Float32 || float32Involved ? (1e-5 * float32Slack, 1e-6 * scale * float32Slack) : (1e-10, 1e-12 * scale);
        for (int i = 0; i < ed.Length; i++)
        {
            double x = ed[i], y = ad[i];
            if (x.Equals(y) || (double.IsFinite(x) && Math.Abs(x - y) <= atol + rtol * Math.Abs(x))) continue;
            return $"element {i}: torch {x:R}, engine {y:R} (atol {atol:G3}, rtol {rtol:G3})";
        }
        return null;
    }

    private static int FirstDiff(long[] e, long[] a)
    {
        for (int i = 0; i < e.Length; i++) if (e[i] != a[i]) return i;
        return -1;
    }
}
