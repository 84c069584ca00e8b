using System.Text.Json;
using NNTools.Autograd;
using NNTools.NN;
using NNTools.Tests.Support;
using AutogradApi = NNTools.Autograd.Autograd;

namespace NNTools.Tests.Autograd;

/// <summary>
/// Gradients of gradients (createGraph) against PyTorch (Fixtures/autograd/make_higher_order.py):
/// gradient penalties, Hessian-vector products and repeated derivatives through small MLPs, built
/// on the fused Linear as nn.Linear runs it; and against finite differences (GradGradCheck).
/// </summary>
public class HigherOrderTests
{
    private static readonly Dictionary<string, JsonElement> Cases = FixtureTensor.LoadNamedCases("autograd", "higher_order.json");

    private static Dictionary<string, Tensor> Inputs(JsonElement c) => c.GetProperty("inputs").EnumerateObject()
        .ToDictionary(p => p.Name, p => FixtureTensor.Read(p.Value).RequiresGrad_());

    private static Tensor Mlp(Tensor x, Dictionary<string, Tensor> p, Func<Tensor, Tensor> act) =>
        Tensor.LinearRows(act(Tensor.LinearRows(x, p["w1"], p["b1"])), p["w2"], p["b2"]);

    private static void AssertGrads(JsonElement expected, Dictionary<string, Tensor> p)
    {
        foreach (var e in expected.EnumerateObject())
        {
            if (e.Value.ValueKind == JsonValueKind.Null) Assert.Null(p[e.Name].Grad);
            else FixtureTensor.AssertClose(FixtureTensor.Read(e.Value), p[e.Name].Grad!, 1e-9, 1e-11, e.Name);
        }
    }

    [Fact]
    public void GradientPenaltyThroughTanhMlp()
    {
        var c = Cases["gradient_penalty"];
        var p = Inputs(c);
        var gx = AutogradApi.Grad(Mlp(p["x"], p, t => t.Tanh()).Sum(), p["x"], createGraph: true)!;
        Assert.NotNull(gx.GradFn);
        var penalty = (gx.Norm(2, 1) - 1L).Pow(2L).Mean();
        penalty.Backward();
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("gx")), gx.Detach(), 1e-9, 1e-11);
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("penalty")), penalty.Detach(), 1e-9, 1e-11);
        AssertGrads(c.GetProperty("grads"), p);
    }

    [Fact]
    public void HessianVectorProductOfMseThroughSigmoidMlp()
    {
        var c = Cases["hvp"];
        var p = Inputs(c);
        string[] names = ["w1", "b1", "w2", "b2"];
        var x = p["x"].Detach();
        var loss = Functional.MseLoss(Mlp(x, p, t => t.Sigmoid()), p["y"].Detach());
        var ps = names.Select(n => p[n]).ToArray();
        var gs = AutogradApi.Grad([loss], ps, createGraph: true);
        var v = c.GetProperty("v");
        Tensor dot = Tensor.Scalar(0.0, DType.Float64);
        for (int i = 0; i < names.Length; i++) dot = dot + (gs[i]! * FixtureTensor.Read(v.GetProperty(names[i]))).Sum();
        var hv = AutogradApi.Grad([dot], ps);
        for (int i = 0; i < names.Length; i++)
        {
            FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("grads").GetProperty(names[i])), gs[i]!.Detach(), 1e-9, 1e-11, names[i]);
            FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("hv").GetProperty(names[i])), hv[i]!, 1e-9, 1e-11, names[i]);
            // Autograd.Grad never touches .Grad.
            Assert.Null(ps[i].Grad);
        }
    }

    [Fact]
    public void CrossEntropyInputGradientPenalty()
    {
        var c = Cases["cross_entropy_penalty"];
        var p = Inputs(c);
        var target = FixtureTensor.Read(c.GetProperty("target"));
        var gx = AutogradApi.Grad(Functional.CrossEntropy(Mlp(p["x"], p, t => t.Relu()), target), p["x"], createGraph: true)!;
        gx.Pow(2L).Sum().Backward();
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("gx")), gx.Detach(), 1e-9, 1e-11);
        AssertGrads(c.GetProperty("grads"), p);
    }

    [Fact]
    public void BceWithLogitsAndSoftmaxPenalty()
    {
        var c = Cases["bce_logits_softmax_penalty"];
        var p = Inputs(c);
        var x = p["x"];
        var target = FixtureTensor.Read(c.GetProperty("target"));
        var loss = Functional.BinaryCrossEntropyWithLogits(Mlp(x, p, t => t.Tanh()), target)
            + Mlp(x, p, t => t.Sigmoid()).Softmax(1)[":, 0"].Sum();
        var gx = AutogradApi.Grad(loss, x, createGraph: true)!;
        gx.Pow(2L).Sum(1).Mean().Backward();
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("gx")), gx.Detach(), 1e-9, 1e-11);
        AssertGrads(c.GetProperty("grads"), p);
    }

    [Fact]
    public void ThirdDerivativeByRepeatedGrad()
    {
        var c = Cases["third_derivative"];
        var x = Inputs(c)["x"];
        var y = (x.Sin() * x.Exp() + x.Pow(3L)).Sum();
        var d1 = AutogradApi.Grad(y, x, createGraph: true)!;
        var d2 = AutogradApi.Grad(d1.Sum(), x, createGraph: true)!;
        var d3 = AutogradApi.Grad(d2.Sum(), x)!;
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("d1")), d1.Detach(), 1e-12, 1e-12);
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("d2")), d2.Detach(), 1e-12, 1e-12);
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("d3")), d3, 1e-12, 1e-12);
        Assert.False(d3.RequiresGrad);
    }

    [Fact]
    public void BackwardWithCreateGraphLeavesADifferentiableGrad()
    {
        var c = Cases["backward_create_graph"];
        var x = Inputs(c)["x"];
        (x.Pow(3L) * x.Tanh()).Sum().Backward(createGraph: true);
        Assert.NotNull(x.Grad!.GradFn);
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("first")), x.Grad.Detach(), 1e-12, 1e-12);
        x.Grad.Sum().Backward();
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("after")), x.Grad.Detach(), 1e-12, 1e-12);
    }

    public static TheoryData<string> GradGradFunctions => new(GradGradCases.Keys);

    private static readonly Dictionary<string, Func<Tensor[], Tensor>> GradGradCases = new()
    {
        ["tanh mlp"] = x => Tensor.LinearRows(Tensor.LinearRows(x[0], x[1], x[2]).Tanh(), x[3], null),
        ["softmax * log"] = x => x[0].Softmax(1) * x[0].Sigmoid().Log(),
        ["matmul, max, mean"] = x => x[0].MatMul(x[1].T).Max(1).Values + x[0].Mean(0).Sum(),
        ["mse and cat"] = x => Functional.MseLoss(Tensor.Cat([x[0], x[0].Exp()], 0), Tensor.Cat([x[0].Sqrt().Abs(), x[0]], 0)),
        ["index and stack"] = x => Tensor.Stack([x[0].Index(new Tensor(new long[] { 2, 0, 2 })), x[0][":3"].Cos()], 1),
    };

    [Theory]
    [MemberData(nameof(GradGradFunctions))]
    public void SecondDerivativesMatchFiniteDifferences(string name)
    {
        var gen = new Generator(7);
        Tensor[] inputs =
        [
            (Tensor.Rand([3, 4], DType.Float64, gen) + 0.5).RequiresGrad_(),
            Tensor.Randn([5, 4], DType.Float64, gen).RequiresGrad_(),
            Tensor.Randn([5], DType.Float64, gen).RequiresGrad_(),
            Tensor.Randn([2, 5], DType.Float64, gen).RequiresGrad_(),
        ];
        var f = GradGradCases[name];
        var used = name == "tanh mlp" ? inputs : name == "matmul, max, mean" ? inputs[..2] : inputs[..1];
        foreach (var r in GradCheck.CheckGradGrad(f, used)) Assert.True(r.Passed, $"{name}: {r}");
    }

    [Fact]
    public void GradGradCheckCatchesAWrongSecondDerivative()
    {
        // x³ with a hook that detaches the gradient on its way through: the gradient's values are right
        // but its graph is cut, so first-order GradCheck passes and the second-order check must not.
        var x = Tensor.Randn([4], DType.Float64, new Generator(3)).RequiresGrad_();
        Func<Tensor[], Tensor> f = t =>
        {
            var u = t[0] * 1.0;
            if (u.RequiresGrad) u.RegisterHook(g => g.Detach());
            return u.Pow(3L);
        };
        Assert.All(GradCheck.Check(f, [x]), r => Assert.True(r.Passed));
        Assert.Contains(GradCheck.CheckGradGrad(f, [x]), r => !r.Passed);
    }

    [Fact]
    public void CreateGraphThroughConvolutionIsRefused()
    {
        var x = Tensor.Randn([1, 1, 4, 4], DType.Float64, new Generator(1)).RequiresGrad_();
        var w = Tensor.Randn([1, 1, 3, 3], DType.Float64, new Generator(2)).RequiresGrad_();
        var y = Tensor.Conv2d(x, w).Sum();
        var e = Assert.Throws<AutogradException>(() => AutogradApi.Grad(y, x, createGraph: true));
        Assert.Equal("DoubleBackwardNotSupported", e.ErrorId);
        Assert.Contains("ConvolutionBackward0", e.Message);
        // Without createGraph the same backward runs.
        Assert.NotNull(AutogradApi.Grad(y, x));
        var yt = Tensor.ConvTranspose2d(x, w).Sum();
        Assert.Equal("DoubleBackwardNotSupported", Assert.Throws<AutogradException>(() => AutogradApi.Grad(yt, x, createGraph: true)).ErrorId);
    }
}
