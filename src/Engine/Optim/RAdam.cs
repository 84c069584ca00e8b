namespace NNTools.Optim;

/// <summary>
/// RAdam (Liu et al.: Adam with a rectified variance), the update of torch.optim.RAdam (PyTorch 1.13,
/// single-tensor form; 1.13 has no maximize for it):
/// <code>
/// step += 1;  if weight_decay ≠ 0: g = g + weight_decay · p
/// m = β₁ · m + (1 − β₁) · g;   v = β₂ · v + (1 − β₂) · g · g;   m̂ = m / (1 − β₁^step)
/// ρ∞ = 2 / (1 − β₂) − 1;   ρ = ρ∞ − 2 · step · β₂^step / (1 − β₂^step)
/// ρ > 5:  r = √((ρ − 4)(ρ − 2) ρ∞ / ((ρ∞ − 4)(ρ∞ − 2) ρ));  p = p − m̂ · lr · √(1 − β₂^step) / (√v + eps) · r
/// else:   p = p − m̂ · lr
/// </code>
/// State per parameter: "step" (float32 scalar tensor), "exp_avg" and "exp_avg_sq".
/// </summary>
public sealed class RAdam : Optimizer
{
    public RAdam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weightDecay = 0)
        : base(parameters, new Dictionary<string, object>
        {
            ["lr"] = lr, ["betas"] = betas ?? (0.9, 0.999), ["eps"] = eps, ["weight_decay"] = weightDecay,
        })
    {
    }

    protected override void ValidateGroup(ParamGroup group) => AdamFamily.Validate(group);

    protected override IEnumerable<string> RequiredStateKeys(ParamGroup group) => ["step", "exp_avg", "exp_avg_sq"];

    protected override void NormalizeLoadedState(Dictionary<string, object?> state) => state["step"] = StepTensor(state);

    protected override void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state)
    {
        double lr = group.Lr, eps = group.GetDouble("eps"), weightDecay = group.GetDouble("weight_decay");
        var betas = group.GetPair("betas");
        double beta1 = betas[0], beta2 = betas[1];
        if (state.Count == 0)
        {
            state["step"] = Tensor.Scalar(0);
            state["exp_avg"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
            state["exp_avg_sq"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
        }
        var stepT = (Tensor)state["step"]!;
        var expAvg = (Tensor)state["exp_avg"]!;
        var expAvgSq = (Tensor)state["exp_avg_sq"]!;

        stepT.Add_(1.0);
        double step = stepT.ToDouble();
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        var g = weightDecay != 0 ? grad.Add(param, weightDecay) : grad;
        expAvg.Mul_(beta1).Add_(g, 1 - beta1);
        expAvgSq.Mul_(beta2).Addcmul_(g, g, 1 - beta2);
        var corrected = expAvg.Div(biasCorrection1);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * step * Math.Pow(beta2, step) / biasCorrection2;
        if (rhoT > 5.0)
        {
            double rect = Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            // PyTorch's float / tensor is reciprocal(tensor) * float; the same order rounds alike.
            var adaptiveLr = expAvgSq.Sqrt().Add_(eps).Reciprocal().Mul(Math.Sqrt(biasCorrection2));
            param.Add_(corrected.Mul(lr).Mul(adaptiveLr).Mul(rect), -1.0);
        }
        else
        {
            param.Add_(corrected.Mul(lr), -1.0);
        }
    }
}
