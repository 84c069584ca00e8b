namespace NNTools.Optim;

/// <summary>
/// Adadelta (Zeiler), the update of torch.optim.Adadelta (PyTorch 1.13, single-tensor form):
/// <code>
/// step += 1;  g = maximize ? −grad : grad;  if weight_decay ≠ 0: g = g + weight_decay · p
/// v = ρ · v + (1 − ρ) · g · g
/// δ = √(u + eps) / √(v + eps) · g;   u = ρ · u + (1 − ρ) · δ · δ
/// p = p − lr · δ
/// </code>
/// State per parameter: "step" (an integer, as PyTorch keeps it), "square_avg" (v) and "acc_delta" (u).
/// </summary>
public sealed class Adadelta : Optimizer
{
    public Adadelta(IEnumerable<Tensor> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weightDecay = 0, bool maximize = false)
        : base(parameters, new Dictionary<string, object>
        {
            ["lr"] = lr, ["rho"] = rho, ["eps"] = eps, ["weight_decay"] = weightDecay, ["maximize"] = maximize,
        })
    {
    }

    protected override void ValidateGroup(ParamGroup group)
    {
        double lr = group.GetDouble("lr"), rho = group.GetDouble("rho"), eps = group.GetDouble("eps"), weightDecay = group.GetDouble("weight_decay");
        Require(lr >= 0, "InvalidLearningRate", "learning rate", lr);
        Require(rho >= 0 && rho <= 1, "InvalidRho", "rho value", rho);
        Require(eps >= 0, "InvalidEpsilon", "epsilon value", eps);
        Require(weightDecay >= 0, "InvalidWeightDecay", "weight_decay value", weightDecay);
    }

    protected override IReadOnlySet<string> FloatDefaults { get; } = new HashSet<string> { "lr" };

    protected override IEnumerable<string> RequiredStateKeys(ParamGroup group) => ["step", "square_avg", "acc_delta"];

    protected override void NormalizeLoadedState(Dictionary<string, object?> state) =>
        state["step"] = state["step"] is Tensor t ? (long)t.ToDouble() : Convert.ToInt64(state["step"], System.Globalization.CultureInfo.InvariantCulture);

    protected override void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state)
    {
        double lr = group.Lr, rho = group.GetDouble("rho"), eps = group.GetDouble("eps"), weightDecay = group.GetDouble("weight_decay");
        if (state.Count == 0)
        {
            state["step"] = 0L;
            state["square_avg"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
            state["acc_delta"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
        }
        state["step"] = (long)state["step"]! + 1;
        var squareAvg = (Tensor)state["square_avg"]!;
        var accDelta = (Tensor)state["acc_delta"]!;

        var g = group.GetBool("maximize") ? -grad : grad;
        if (weightDecay != 0) g = g.Add(param, weightDecay);
        squareAvg.Mul_(rho).Addcmul_(g, g, 1 - rho);
        var std = squareAvg.Add(eps).Sqrt_();
        var delta = accDelta.Add(eps).Sqrt_().Div_(std).Mul_(g);
        accDelta.Mul_(rho).Addcmul_(delta, delta, 1 - rho);
        param.Add_(delta, -lr);
    }
}
