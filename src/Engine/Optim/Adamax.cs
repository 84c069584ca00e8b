namespace NNTools.Optim;

/// <summary>
/// Adamax (Kingma and Ba, Adam with the infinity norm), the update of torch.optim.Adamax (PyTorch 1.13,
/// single-tensor form):
/// <code>
/// step += 1;  g = maximize ? −grad : grad;  if weight_decay ≠ 0: g = g + weight_decay · p
/// m = β₁ · m + (1 − β₁) · g;   u = max(β₂ · u, |g| + eps)
/// p = p − lr / (1 − β₁^step) · m / u
/// </code>
/// State per parameter: "step" (float32 scalar tensor), "exp_avg" (m) and "exp_inf" (u).
/// </summary>
public sealed class Adamax : Optimizer
{
    public Adamax(IEnumerable<Tensor> parameters, double lr = 2e-3, (double, double)? betas = null, double eps = 1e-8, double weightDecay = 0, bool maximize = false)
        : base(parameters, new Dictionary<string, object>
        {
            ["lr"] = lr, ["betas"] = betas ?? (0.9, 0.999), ["eps"] = eps, ["weight_decay"] = weightDecay, ["maximize"] = maximize,
        })
    {
    }

    protected override void ValidateGroup(ParamGroup group) => AdamFamily.Validate(group);

    protected override IEnumerable<string> RequiredStateKeys(ParamGroup group) => ["step", "exp_avg", "exp_inf"];

    protected override void NormalizeLoadedState(Dictionary<string, object?> state) => state["step"] = StepTensor(state);

    protected override void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state)
    {
        double lr = group.Lr, eps = group.GetDouble("eps"), weightDecay = group.GetDouble("weight_decay");
        var betas = group.GetPair("betas");
        if (state.Count == 0)
        {
            state["step"] = Tensor.Scalar(0);
            state["exp_avg"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
            state["exp_inf"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
        }
        var stepT = (Tensor)state["step"]!;
        var expAvg = (Tensor)state["exp_avg"]!;
        var expInf = (Tensor)state["exp_inf"]!;

        var g = group.GetBool("maximize") ? -grad : grad;
        stepT.Add_(1.0);
        double step = stepT.ToDouble();
        if (weightDecay != 0) g = g.Add(param, weightDecay);
        expAvg.Mul_(betas[0]).Add_(g, 1 - betas[0]);
        expInf.Mul_(betas[1]).Maximum_(g.Abs().Add_(eps));
        double clr = lr / (1 - Math.Pow(betas[0], step));
        param.Addcdiv_(expAvg, expInf, -clr);
    }
}
