namespace NNTools.Optim;

/// <summary>
/// NAdam (Dozat: Adam with Nesterov momentum), the update of torch.optim.NAdam (PyTorch 1.13,
/// single-tensor form; 1.13 has no maximize for it):
/// <code>
/// step += 1;  if weight_decay ≠ 0: g = g + weight_decay · p
/// μ = β₁ (1 − ½ · 0.96^(step · ψ));  μ' = β₁ (1 − ½ · 0.96^((step + 1) · ψ));  Π = Π · μ   (ψ = momentum_decay)
/// m = β₁ · m + (1 − β₁) · g;   v = β₂ · v + (1 − β₂) · g · g;   d = √(v / (1 − β₂^step)) + eps
/// p = p − lr (1 − μ) / (1 − Π) · g / d − lr μ' / (1 − Π μ') · m / d
/// </code>
/// State per parameter: "step" and "mu_product" (Π; float32 scalar tensors, so Π rounds as PyTorch's),
/// "exp_avg" and "exp_avg_sq".
/// </summary>
public sealed class NAdam : Optimizer
{
    public NAdam(IEnumerable<Tensor> parameters, double lr = 2e-3, (double, double)? betas = null, double eps = 1e-8, double weightDecay = 0, double momentumDecay = 4e-3)
        : base(parameters, new Dictionary<string, object>
        {
            ["lr"] = lr, ["betas"] = betas ?? (0.9, 0.999), ["eps"] = eps, ["weight_decay"] = weightDecay, ["momentum_decay"] = momentumDecay,
        })
    {
    }

    protected override void ValidateGroup(ParamGroup group)
    {
        AdamFamily.Validate(group);
        double momentumDecay = group.GetDouble("momentum_decay");
        Require(momentumDecay >= 0, "InvalidMomentumDecay", "momentum_decay value", momentumDecay);
    }

    protected override IReadOnlySet<string> ScalarStateKeys { get; } = new HashSet<string> { "step", "mu_product" };

    protected override IEnumerable<string> RequiredStateKeys(ParamGroup group) => ["step", "mu_product", "exp_avg", "exp_avg_sq"];

    protected override void NormalizeLoadedState(Dictionary<string, object?> state)
    {
        state["step"] = StepTensor(state);
        if (state["mu_product"] is not Tensor) state["mu_product"] = Tensor.Scalar(Convert.ToDouble(state["mu_product"], System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state)
    {
        double lr = group.Lr, eps = group.GetDouble("eps"), weightDecay = group.GetDouble("weight_decay"), momentumDecay = group.GetDouble("momentum_decay");
        var betas = group.GetPair("betas");
        double beta1 = betas[0], beta2 = betas[1];
        if (state.Count == 0)
        {
            state["step"] = Tensor.Scalar(0);
            state["mu_product"] = Tensor.Scalar(1);
            state["exp_avg"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
            state["exp_avg_sq"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
        }
        var stepT = (Tensor)state["step"]!;
        var muProduct = (Tensor)state["mu_product"]!;
        var expAvg = (Tensor)state["exp_avg"]!;
        var expAvgSq = (Tensor)state["exp_avg_sq"]!;

        stepT.Add_(1.0);
        double step = stepT.ToDouble();
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        var g = weightDecay != 0 ? grad.Add(param, weightDecay) : grad;
        double mu = beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * momentumDecay));
        double muNext = beta1 * (1.0 - 0.5 * Math.Pow(0.96, (step + 1) * momentumDecay));
        muProduct.Mul_(mu);
        double muProductNext = muProduct.Mul(mu).Mul(muNext).ToDouble();
        expAvg.Mul_(beta1).Add_(g, 1 - beta1);
        expAvgSq.Mul_(beta2).Addcmul_(g, g, 1 - beta2);
        var denom = expAvgSq.Div(biasCorrection2).Sqrt().Add_(eps);
        param.Addcdiv_(g, denom, -lr * (1.0 - mu) / (1.0 - muProduct.ToDouble()));
        param.Addcdiv_(expAvg, denom, -lr * muNext / (1.0 - muProductNext));
    }
}
