using System.Text.Json;
using NNTools.NN;
using NNTools.Tests.Support;

namespace NNTools.Tests.NN;

/// <summary>Losses, softmax and log-softmax: forward values and input gradients against PyTorch (Fixtures/nn/losses.json).</summary>
public class LossFixtureTests
{
    public static TheoryData<int> Cases() => FixtureTensor.CaseIndices("nn", "losses.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndGradientMatchPyTorch(int index)
    {
        using var doc = FixtureTensor.Load("nn", "losses.json");
        var c = doc.RootElement[index];
        var op = c.GetProperty("op").GetString()!;
        var reduction = c.GetProperty("reduction").GetString() switch { "sum" => Reduction.Sum, "none" => Reduction.None, _ => Reduction.Mean };
        var options = c.GetProperty("options");
        var input = FixtureTensor.Read(c.GetProperty("input")).RequiresGrad_();
        var target = FixtureTensor.Read(c.GetProperty("target"));
        var weight = c.TryGetProperty("weight", out var w) ? FixtureTensor.Read(w) : null;
        var expected = FixtureTensor.Read(c.GetProperty("out"));
        var expectedGrad = FixtureTensor.Read(c.GetProperty("grad"));

        var output = Compute(op, input, target, weight, reduction, options);
        var tol = input.DType == DType.Float32 ? 2e-6 : 1e-12;
        FixtureTensor.AssertClose(expected, output, rtol: tol * 10, atol: tol, context: $"case {index} {op} forward");
        var upstream = output.Ndim == 0 ? Tensor.OnesLike(output) : Tensor.Linspace(0.5, 1.5, output.Numel(), output.DType).Reshape(output.Shape);
        (output * upstream).Sum().Backward();
        FixtureTensor.AssertClose(expectedGrad, input.Grad!, rtol: tol * 10, atol: tol, context: $"case {index} {op} grad");
    }

    private static Tensor Compute(string op, Tensor x, Tensor t, Tensor? w, Reduction r, JsonElement o) => op switch
    {
        "mse" => new MSELoss(r).Compute(x, t),
        "l1" => new L1Loss(r).Compute(x, t),
        "smooth_l1" => new SmoothL1Loss(r, o.GetProperty("beta").GetDouble()).Compute(x, t),
        "huber" => new HuberLoss(r, o.GetProperty("delta").GetDouble()).Compute(x, t),
        "bce" => new BCELoss(null, r).Compute(x, t),
        "bce_weight" => new BCELoss(w, r).Compute(x, t),
        "bce_logits" => new BCEWithLogitsLoss(null, null, r).Compute(x, t),
        "bce_logits_pos_weight" => new BCEWithLogitsLoss(null, w, r).Compute(x, t),
        "cross_entropy" or "cross_entropy_ignore" or "cross_entropy_probs" => new CrossEntropyLoss(null, r).Compute(x, t),
        "cross_entropy_weight" => new CrossEntropyLoss(w, r).Compute(x, t),
        "cross_entropy_smoothing" => new CrossEntropyLoss(null, r, labelSmoothing: o.GetProperty("label_smoothing").GetDouble()).Compute(x, t),
        "nll" => new NLLLoss(null, r).Compute(x, t),
        "nll_weight" => new NLLLoss(w, r).Compute(x, t),
        "cross_entropy_ignore_index" => new CrossEntropyLoss(null, r, ignoreIndex: o.GetProperty("ignore_index").GetInt64()).Compute(x, t),
        "nll_weight_ignore_index" => new NLLLoss(w, r, ignoreIndex: o.GetProperty("ignore_index").GetInt64()).Compute(x, t),
        "softmax" => new Softmax(o.GetProperty("dim").GetInt32()).Forward(x),
        "log_softmax" => new LogSoftmax(o.GetProperty("dim").GetInt32()).Forward(x),
        "leaky_relu" => new LeakyReLU(o.GetProperty("slope").GetDouble()).Forward(x),
        _ => throw new InvalidOperationException($"no mapping for fixture op {op}"),
    };
}
