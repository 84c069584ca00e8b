namespace NNTools.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
/// the update of torch.optim.SGD (PyTorch 1.13, single-tensor form), operation for operation:
/// <code>
/// g = maximize ? −grad : grad;  if weight_decay ≠ 0: g = g + weight_decay · p
/// if momentum ≠ 0: buf = first step ? g : momentum · buf + (1 − dampening) · g
///                  g = nesterov ? g + momentum · buf : buf
/// p = p − lr · g
/// </code>
/// State per parameter: "momentum_buffer" (null while momentum is 0).
/// </summary>
public sealed class SGD : Optimizer
{
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : base(parameters, new Dictionary<string, object>
        {
            ["lr"] = lr, ["momentum"] = momentum, ["dampening"] = dampening, ["weight_decay"] = weightDecay,
            ["nesterov"] = nesterov, ["maximize"] = maximize,
        })
    {
    }

    protected override void ValidateGroup(ParamGroup group)
    {
        double lr = group.GetDouble("lr"), momentum = group.GetDouble("momentum"), weightDecay = group.GetDouble("weight_decay");
        Require(lr >= 0, "InvalidLearningRate", "learning rate", lr);
        Require(momentum >= 0, "InvalidMomentum", "momentum value", momentum);
        Require(weightDecay >= 0, "InvalidWeightDecay", "weight_decay value", weightDecay);
        double dampening = group.GetDouble("dampening");
        if (group.GetBool("nesterov") && (momentum <= 0 || dampening != 0))
        {
            throw Raise(new TensorArgumentException("NesterovRequiresMomentum",
                $"Nesterov momentum requires a momentum and zero dampening, got momentum={momentum}, dampening={dampening}"));
        }
    }

    protected override IEnumerable<string> RequiredStateKeys(ParamGroup group) => ["momentum_buffer"];

    protected override void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state)
    {
        double lr = group.Lr, momentum = group.GetDouble("momentum"), dampening = group.GetDouble("dampening");
        double weightDecay = group.GetDouble("weight_decay");
        if (momentum == 0 && !group.GetBool("maximize") && FusedUpdates.Applies(param, grad))
        {
            state["momentum_buffer"] = null;
            FusedUpdates.Sgd(param, grad, lr, weightDecay);
            return;
        }
        var dp = group.GetBool("maximize") ? -grad : grad;
        if (weightDecay != 0) dp = dp.Add(param, weightDecay);
        if (momentum != 0)
        {
            if (state.GetValueOrDefault("momentum_buffer") is not Tensor buf)
            {
                buf = dp.LongLivedCopy();
                state["momentum_buffer"] = buf;
            }
            else
            {
                buf.Mul_(momentum).Add_(dp, 1 - dampening);
            }
            dp = group.GetBool("nesterov") ? dp.Add(buf, momentum) : buf;
        }
        else
        {
            state["momentum_buffer"] = null;
        }
        param.Add_(dp, -lr);
    }
}
