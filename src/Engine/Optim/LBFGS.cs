using NNTools.Autograd;

namespace NNTools.Optim;

/// <summary>
/// Limited-memory BFGS, as torch.optim.LBFGS (PyTorch 1.13), operation for operation: each
/// <see cref="Step(Func{Tensor})"/> runs up to max_iter iterations on the loss the closure computes,
/// building the search direction from the last history_size curvature pairs (the two-loop recursion),
/// with a fixed step of lr (the first scaled by min(1, 1/‖g‖₁)) or, with line_search_fn "strong_wolfe",
/// a step satisfying the strong Wolfe conditions. It stops early when the largest gradient entry is at
/// most tolerance_grad, or the step or the loss changes by less than tolerance_change, or after max_eval
/// evaluations. One parameter group only; the parameters are treated as one flat vector. Vectors are
/// computed in the parameters' dtype, scalars in double (PyTorch's 0-d tensors: the same for float64).
/// </summary>
public sealed partial class LBFGS : Optimizer
{
    public LBFGS(IEnumerable<Tensor> parameters, double lr = 1, int maxIter = 20, int? maxEval = null, double toleranceGrad = 1e-7,
        double toleranceChange = 1e-9, int historySize = 100, string? lineSearchFn = null)
        : base(parameters, new Dictionary<string, object>
        {
            ["lr"] = lr, ["max_iter"] = maxIter, ["max_eval"] = maxEval ?? maxIter * 5 / 4, ["tolerance_grad"] = toleranceGrad,
            ["tolerance_change"] = toleranceChange, ["history_size"] = historySize, ["line_search_fn"] = lineSearchFn ?? NoLineSearch,
        })
    {
        _params = [.. ParamGroups[0].Params];
        if (_params.Select(p => p.DType).Distinct().Count() > 1)
        {
            throw Raise(new DTypeMismatchException("ParameterDType",
                $"LBFGS treats its parameters as one vector, so they must share a dtype; got {string.Join(", ", _params.Select(p => p.DType.TorchName()).Distinct())}"));
        }
    }

    /// <summary>The group's "line_search_fn" without a line search: PyTorch's None, printed as PyTorch prints it.</summary>
    public const string NoLineSearch = "None";

    private readonly Tensor[] _params;

    public override bool RequiresClosure => true;

    protected override void ValidateGroup(ParamGroup group)
    {
        double lr = group.GetDouble("lr");
        Require(lr >= 0, "InvalidLearningRate", "learning rate", lr);
        foreach (var key in (string[])["max_iter", "max_eval", "history_size"])
        {
            double v = group.GetDouble(key);
            Require(v >= 1 && v == Math.Floor(v) && v <= int.MaxValue, "InvalidLbfgsCount", key + " (a positive integer)", v);
        }
        Require(group.GetDouble("tolerance_grad") >= 0, "InvalidTolerance", "tolerance_grad", group.GetDouble("tolerance_grad"));
        Require(group.GetDouble("tolerance_change") >= 0, "InvalidTolerance", "tolerance_change", group.GetDouble("tolerance_change"));
        if (group["line_search_fn"] is not string fn || !(fn == NoLineSearch || fn == "strong_wolfe"))
        {
            throw Raise(new TensorArgumentException("InvalidLineSearch", $"only 'strong_wolfe' is supported (or None), got line_search_fn={PyFormat.Value(group["line_search_fn"])}"));
        }
    }

    /// <summary>LBFGS keeps one set of state, under its first parameter, with flat vectors in it.</summary>
    protected override IEnumerable<string> RequiredStateKeys(ParamGroup group) => ["func_evals", "n_iter"];

    protected override IReadOnlySet<string> ScalarStateKeys { get; } = new HashSet<string> { "d", "prev_flat_grad", "old_dirs", "old_stps" };

    protected override IReadOnlySet<string> FloatDefaults { get; } = new HashSet<string> { "lr" };

    protected override void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state) =>
        throw Raise(new TensorArgumentException("ClosureRequired", "LBFGS needs a closure that recomputes the loss: call Step(closure), not Step()"));

    public override void Step()
    {
        if (ParamGroups.Count != 1)
        {
            throw Raise(new TensorArgumentException("LbfgsParamGroups", "LBFGS doesn't support per-parameter options (parameter groups)"));
        }
        Update(ParamGroups[0], _params[0], _params[0], []);
    }

    /// <summary>The parameters' gradients as one vector in their order, zeros for a parameter without one.</summary>
    private Tensor GatherFlatGrad() =>
        Tensor.Cat([.. _params.Select(p => p.Grad is { } g ? g.Reshape(-1) : Tensor.Zeros([p.Numel()], p.DType))], 0);

    /// <summary>p += stepSize · update, slice by slice.</summary>
    private void AddGrad(double stepSize, Tensor update)
    {
        int offset = 0;
        foreach (var p in _params)
        {
            int n = p.Numel();
            p.Add_(update.Narrow(0, offset, n).View(p.Shape), stepSize);
            offset += n;
        }
    }

    /// <summary>The closure's loss as a double, with grad mode on whatever scope the step runs in (PyTorch's enable_grad).</summary>
    private static double Evaluate(Func<Tensor> closure, out Tensor loss)
    {
        using (GradMode.EnableGrad())
        {
            loss = closure() ?? throw Raise(new TensorArgumentException("ClosureResult", "the LBFGS closure returned nothing; it must return the loss tensor"));
        }
        if (loss.Numel() != 1)
        {
            throw Raise(new TensorArgumentException("ClosureResult", $"the LBFGS closure must return the loss, a one-element tensor, but returned shape {Shapes.Format(loss.Sizes)}"));
        }
        return loss.ToDouble();
    }

    private static double Dot(Tensor a, Tensor b) => a.Dot(b).ToDouble();

    private static double AbsMax(Tensor a) => a.Abs().Max().ToDouble();
}
