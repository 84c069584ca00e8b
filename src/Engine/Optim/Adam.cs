namespace NNTools.Optim;

/// <summary>
/// Adam (Kingma and Ba), the update of torch.optim.Adam (PyTorch 1.13, single-tensor form), in
/// PyTorch's order of operations so float32 results round alike:
/// <code>
/// step += 1;  g = maximize ? −grad : grad;  if weight_decay ≠ 0: g = g + weight_decay · p
/// m = β₁ · m + (1 − β₁) · g;   v = β₂ · v + (1 − β₂) · g · g
/// bc1 = 1 − β₁^step;  bc2 = 1 − β₂^step;  step_size = lr / bc1
/// denom = √v̂ / √bc2 + eps   (v̂ = max of all v so far with amsgrad, else v)
/// p = p − step_size · m / denom
/// </code>
/// State per parameter: "step" (float32 scalar tensor), "exp_avg", "exp_avg_sq" and, with amsgrad,
/// "max_exp_avg_sq".
/// </summary>
public class Adam : Optimizer
{
    private readonly bool _decoupled;

    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : this(parameters, lr, betas, eps, weightDecay, amsgrad, maximize, decoupled: false)
    {
    }

    /// <summary>For <see cref="AdamW"/>: the same moments, with weight decay applied to the parameter instead of the gradient.</summary>
    private protected Adam(IEnumerable<Tensor> parameters, double lr, (double, double)? betas, double eps,
        double weightDecay, bool amsgrad, bool maximize, bool decoupled)
        : base(parameters, new Dictionary<string, object>
        {
            ["lr"] = lr, ["betas"] = betas ?? (0.9, 0.999), ["eps"] = eps, ["weight_decay"] = weightDecay,
            ["amsgrad"] = amsgrad, ["maximize"] = maximize,
        })
    {
        _decoupled = decoupled;
    }

    protected sealed override void ValidateGroup(ParamGroup group) => AdamFamily.Validate(group);

    protected sealed override IEnumerable<string> RequiredStateKeys(ParamGroup group) =>
        group.GetBool("amsgrad") ? ["step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["step", "exp_avg", "exp_avg_sq"];

    protected sealed override void NormalizeLoadedState(Dictionary<string, object?> state) => state["step"] = StepTensor(state);

    protected sealed override void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state)
    {
        double lr = group.Lr, eps = group.GetDouble("eps"), weightDecay = group.GetDouble("weight_decay");
        var betas = group.GetPair("betas");
        double beta1 = betas[0], beta2 = betas[1];
        bool amsgrad = group.GetBool("amsgrad");
        if (state.Count == 0)
        {
            state["step"] = Tensor.Scalar(0);
            state["exp_avg"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
            state["exp_avg_sq"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
            if (amsgrad) state["max_exp_avg_sq"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
        }
        var g = group.GetBool("maximize") ? -grad : grad;
        var stepT = (Tensor)state["step"]!;
        var expAvg = (Tensor)state["exp_avg"]!;
        var expAvgSq = (Tensor)state["exp_avg_sq"]!;

        stepT.Add_(1.0);
        if (!amsgrad && FusedUpdates.Applies(param, grad, expAvg, expAvgSq))
        {
            double t = stepT.ToDouble(), bc1 = 1 - Math.Pow(beta1, t);
            FusedUpdates.Adam(param, grad, expAvg, expAvgSq, beta1, beta2, lr, weightDecay, _decoupled, group.GetBool("maximize"),
                eps, lr / bc1, Math.Sqrt(1 - Math.Pow(beta2, t)));
            return;
        }
        if (_decoupled) param.Mul_(1 - lr * weightDecay);
        else if (weightDecay != 0) g = g.Add(param, weightDecay);

        expAvg.Mul_(beta1).Add_(g, 1 - beta1);
        expAvgSq.Mul_(beta2).Addcmul_(g, g, 1 - beta2);

        double step = stepT.ToDouble();
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        double stepSize = lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);

        var second = expAvgSq;
        if (amsgrad)
        {
            second = (Tensor)state["max_exp_avg_sq"]!;
            second.Maximum_(expAvgSq);
        }
        var denom = (second.Sqrt() / biasCorrection2Sqrt).Add_(eps);
        param.Addcdiv_(expAvg, denom, -stepSize);
    }
}
