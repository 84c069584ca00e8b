using NNTools.NN;
using AutogradApi = NNTools.Autograd.Autograd;

namespace NNTools.Tests.Differential;

/// <summary>
/// The ops of families_autograd.py: Autograd.Grad of a random primitive, weighted by the last input,
/// first order (ad_grad) and with createGraph (ad_double, whose gradients the replay then
/// differentiates again with its backward pass). Each primitive mirrors the Python table P.
/// </summary>
[DifferentialOpSet]
internal static class AutogradOps
{
    private static readonly Dictionary<string, Func<Tensor[], Kw, Tensor>> Prims = new()
    {
        ["exp"] = (x, _) => x[0].Exp(), ["log"] = (x, _) => x[0].Log(), ["sqrt"] = (x, _) => x[0].Sqrt(),
        ["rsqrt"] = (x, _) => x[0].Rsqrt(), ["reciprocal"] = (x, _) => x[0].Reciprocal(),
        ["sin"] = (x, _) => x[0].Sin(), ["cos"] = (x, _) => x[0].Cos(), ["tanh"] = (x, _) => x[0].Tanh(),
        ["sigmoid"] = (x, _) => x[0].Sigmoid(), ["relu"] = (x, _) => x[0].Relu(), ["abs"] = (x, _) => x[0].Abs(),
        ["square"] = (x, _) => x[0].Square(), ["neg"] = (x, _) => -x[0],
        ["pow_scalar"] = (x, k) => k.Num("p") is long l ? x[0].Pow(l) : x[0].Pow(k.Double("p")),
        ["mul_scalar"] = (x, k) => k.Num("s") is long l ? x[0] * l : x[0] * k.Double("s"),
        ["add_scalar"] = (x, k) => k.Num("s") is long l ? x[0] + l : x[0] + k.Double("s"),
        ["rdiv"] = (x, k) => k.Num("s") is long l ? l / x[0] : k.Double("s") / x[0],
        ["add"] = (x, _) => x[0] + x[1], ["sub"] = (x, _) => x[0] - x[1], ["mul"] = (x, _) => x[0] * x[1],
        ["div"] = (x, _) => x[0] / x[1], ["pow"] = (x, _) => x[0].Pow(x[1]),
        ["maximum"] = (x, _) => x[0].Maximum(x[1]), ["minimum"] = (x, _) => x[0].Minimum(x[1]),
        ["sum"] = (x, _) => x[0].Sum(), ["sum_dim"] = (x, k) => x[0].Sum(k.Int("dim"), k.Bool("keepdim")),
        ["mean"] = (x, _) => x[0].Mean(), ["mean_dim"] = (x, k) => x[0].Mean(k.Int("dim"), k.Bool("keepdim")),
        ["max"] = (x, _) => x[0].Max(), ["min"] = (x, _) => x[0].Min(),
        ["max_dim"] = (x, k) => x[0].Max(k.Int("dim"), k.Bool("keepdim")).Values,
        ["min_dim"] = (x, k) => x[0].Min(k.Int("dim"), k.Bool("keepdim")).Values,
        ["matmul"] = (x, _) => x[0].MatMul(x[1]), ["mm"] = (x, _) => x[0].Mm(x[1]), ["bmm"] = (x, _) => x[0].Bmm(x[1]),
        ["mv"] = (x, _) => x[0].Mv(x[1]), ["linear"] = (x, _) => Tensor.LinearRows(x[0], x[1], x[2]),
        ["reshape"] = (x, _) => x[0].Reshape(-1), ["transpose"] = (x, _) => x[0].Transpose(0, -1),
        ["slice"] = (x, _) => x[0]["1::2"], ["select"] = (x, k) => x[0].Select(0, k.Int("i")),
        ["index"] = (x, _) => x[0].Index(x[1]),
        ["unsqueeze_expand"] = (x, _) => x[0].Unsqueeze(0).Expand([3, .. x[0].Shape]),
        ["cat"] = (x, k) => Tensor.Cat([x[0], x[1]], k.Int("dim")), ["stack"] = (x, k) => Tensor.Stack([x[0], x[1]], k.Int("dim")),
        ["softmax"] = (x, k) => x[0].Softmax(k.Int("dim")), ["log_softmax"] = (x, k) => x[0].LogSoftmax(k.Int("dim")),
        ["mse"] = (x, k) => Functional.MseLoss(x[0], x[1], Red(k)),
        ["cross_entropy"] = (x, k) => Functional.CrossEntropy(x[0], x[1], null, Red(k)),
        ["bce"] = (x, k) => Functional.BinaryCrossEntropy(x[0], x[1], null, Red(k)),
        ["bce_logits"] = (x, k) => Functional.BinaryCrossEntropyWithLogits(x[0], x[1], null, null, Red(k)),
        ["tanh_mlp"] = (x, _) => x[0].MatMul(x[1]).Tanh().MatMul(x[2]),
    };

    private static Reduction Red(Kw k) => Enum.Parse<Reduction>(k.Str("reduction"), ignoreCase: true);

    public static void Register(Dictionary<string, DifferentialOps.Op> t)
    {
        t["ad_grad"] = (x, k) => Grads(x, k, createGraph: false);
        t["ad_double"] = (x, k) => Grads(x, k, createGraph: true);
    }

    private static Tensor[] Grads(Tensor[] x, Kw k, bool createGraph)
    {
        var xs = x[..k.Int("n")];
        var y = (Prims[k.Str("f")](x[..^1], k) * x[^1]).Sum();
        // As the Python side: x²/2 makes every gradient depend on its input, so torch records second-order gradients.
        if (createGraph) foreach (var xi in xs) y = y + xi.Square().Sum() / 2L;
        return AutogradApi.Grad([y], xs, createGraph: createGraph).Select(g => g!).ToArray();
    }
}
