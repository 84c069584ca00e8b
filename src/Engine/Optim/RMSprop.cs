namespace NNTools.Optim;

/// <summary>
/// RMSprop (Hinton), the update of torch.optim.RMSprop (PyTorch 1.13, single-tensor form):
/// <code>
/// g = maximize ? −grad : grad;  if weight_decay ≠ 0: g = g + weight_decay · p
/// v = α · v + (1 − α) · g · g
/// avg = centered ? √(v − ḡ · ḡ) with ḡ = α · ḡ + (1 − α) · g : √v;   avg = avg + eps
/// momentum &gt; 0: buf = momentum · buf + g / avg;  p = p − lr · buf
/// otherwise:    p = p − lr · g / avg
/// </code>
/// State per parameter: "step" (long), "square_avg", and "momentum_buffer" / "grad_avg" when
/// momentum &gt; 0 / centered.
/// </summary>
public sealed class RMSprop : Optimizer
{
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(parameters, new Dictionary<string, object>
        {
            ["lr"] = lr, ["alpha"] = alpha, ["eps"] = eps, ["weight_decay"] = weightDecay,
            ["momentum"] = momentum, ["centered"] = centered, ["maximize"] = maximize,
        })
    {
    }

    protected override void ValidateGroup(ParamGroup group)
    {
        double lr = group.GetDouble("lr"), eps = group.GetDouble("eps"), momentum = group.GetDouble("momentum");
        double weightDecay = group.GetDouble("weight_decay"), alpha = group.GetDouble("alpha");
        Require(lr >= 0, "InvalidLearningRate", "learning rate", lr);
        Require(eps >= 0, "InvalidEpsilon", "epsilon value", eps);
        Require(momentum >= 0, "InvalidMomentum", "momentum value", momentum);
        Require(weightDecay >= 0, "InvalidWeightDecay", "weight_decay value", weightDecay);
        Require(alpha >= 0, "InvalidAlpha", "alpha value", alpha);
    }

    protected override IEnumerable<string> RequiredStateKeys(ParamGroup group)
    {
        yield return "step";
        yield return "square_avg";
        if (group.GetDouble("momentum") > 0) yield return "momentum_buffer";
        if (group.GetBool("centered")) yield return "grad_avg";
    }

    protected override void NormalizeLoadedState(Dictionary<string, object?> state) =>
        state["step"] = state["step"] is Tensor t ? t.ToInt64() : Convert.ToInt64(state["step"], System.Globalization.CultureInfo.InvariantCulture);

    protected override void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state)
    {
        double lr = group.Lr, alpha = group.GetDouble("alpha"), eps = group.GetDouble("eps");
        double weightDecay = group.GetDouble("weight_decay"), momentum = group.GetDouble("momentum");
        bool centered = group.GetBool("centered");
        if (state.Count == 0)
        {
            state["step"] = 0L;
            state["square_avg"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
            if (momentum > 0) state["momentum_buffer"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
            if (centered) state["grad_avg"] = Tensor.ZerosLongLived(param.Sizes, param.DType);
        }
        state["step"] = (long)state["step"]! + 1;

        var g = group.GetBool("maximize") ? -grad : grad;
        if (weightDecay != 0) g = g.Add(param, weightDecay);
        var squareAvg = (Tensor)state["square_avg"]!;
        squareAvg.Mul_(alpha).Addcmul_(g, g, 1 - alpha);

        Tensor avg;
        if (centered)
        {
            var gradAvg = (Tensor)state["grad_avg"]!;
            gradAvg.Mul_(alpha).Add_(g, 1 - alpha);
            avg = squareAvg.Addcmul(gradAvg, gradAvg, -1).Sqrt_();
        }
        else
        {
            avg = squareAvg.Sqrt();
        }
        avg.Add_(eps);

        if (momentum > 0)
        {
            var buf = (Tensor)state["momentum_buffer"]!;
            buf.Mul_(momentum).Addcdiv_(g, avg);
            param.Add_(buf, -lr);
        }
        else
        {
            param.Addcdiv_(g, avg, -lr);
        }
    }
}
