namespace NNTools.Optim;

/// <summary>
/// Adagrad (Duchi et al.), the update of torch.optim.Adagrad (PyTorch 1.13, single-tensor form, dense gradients):
/// <code>
/// step += 1;  g = maximize ? −grad : grad;  if weight_decay ≠ 0: g = g + weight_decay · p
/// clr = lr / (1 + (step − 1) · lr_decay)
/// sum = sum + g · g;   p = p − clr · g / (√sum + eps)
/// </code>
/// State per parameter: "step" (float32 scalar tensor) and "sum", which starts at
/// initial_accumulator_value. PyTorch creates this state in the constructor; NNTools creates it at a
/// parameter's first step, so a state dict taken before any step has no entries.
/// </summary>
public sealed class Adagrad : Optimizer
{
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : base(parameters, new Dictionary<string, object>
        {
            ["lr"] = lr, ["lr_decay"] = lrDecay, ["weight_decay"] = weightDecay,
            ["initial_accumulator_value"] = initialAccumulatorValue, ["eps"] = eps, ["maximize"] = maximize,
        })
    {
    }

    protected override void ValidateGroup(ParamGroup group)
    {
        double lr = group.GetDouble("lr"), lrDecay = group.GetDouble("lr_decay"), weightDecay = group.GetDouble("weight_decay");
        double initial = group.GetDouble("initial_accumulator_value"), eps = group.GetDouble("eps");
        Require(lr >= 0, "InvalidLearningRate", "learning rate", lr);
        Require(lrDecay >= 0, "InvalidLrDecay", "lr_decay value", lrDecay);
        Require(weightDecay >= 0, "InvalidWeightDecay", "weight_decay value", weightDecay);
        Require(initial >= 0, "InvalidInitialAccumulatorValue", "initial_accumulator_value value", initial);
        Require(eps >= 0, "InvalidEpsilon", "epsilon value", eps);
    }

    protected override IEnumerable<string> RequiredStateKeys(ParamGroup group) => ["step", "sum"];

    protected override void NormalizeLoadedState(Dictionary<string, object?> state) => state["step"] = StepTensor(state);

    protected override void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state)
    {
        double lr = group.Lr, lrDecay = group.GetDouble("lr_decay"), weightDecay = group.GetDouble("weight_decay");
        double eps = group.GetDouble("eps");
        if (state.Count == 0)
        {
            state["step"] = Tensor.Scalar(0);
            state["sum"] = Tensor.FullLike(param, group.GetDouble("initial_accumulator_value"));
        }
        var stepT = (Tensor)state["step"]!;
        var sum = (Tensor)state["sum"]!;

        stepT.Add_(1.0);
        double step = stepT.ToDouble();
        var g = group.GetBool("maximize") ? -grad : grad;
        if (weightDecay != 0) g = g.Add(param, weightDecay);
        double clr = lr / (1 + (step - 1) * lrDecay);

        sum.Addcmul_(g, g, 1);
        var std = sum.Sqrt().Add_(eps);
        param.Addcdiv_(g, std, -clr);
    }
}
