using NNTools.Autograd;

namespace NNTools.Optim;

/// <summary>LBFGS's step: torch.optim.LBFGS.step and its _strong_wolfe line search, in the same order of operations.</summary>
public sealed partial class LBFGS
{
    /// <summary>
    /// Runs one LBFGS step. <paramref name="closure"/> must clear the gradients, compute the loss, call
    /// Backward on it and return it; it is called at least once and up to max_eval times, with grad mode
    /// on. Returns the loss of the first evaluation (before the step), as PyTorch.
    /// </summary>
    public override Tensor Step(Func<Tensor> closure)
    {
        ThrowIfNull(closure);
        if (ParamGroups.Count != 1)
        {
            throw Raise(new TensorArgumentException("LbfgsParamGroups", "LBFGS doesn't support per-parameter options (parameter groups)"));
        }
        var group = ParamGroups[0];
        double lr = group.Lr, tolGrad = group.GetDouble("tolerance_grad"), tolChange = group.GetDouble("tolerance_change");
        int maxIter = (int)group.GetDouble("max_iter"), maxEval = (int)group.GetDouble("max_eval"), historySize = (int)group.GetDouble("history_size");
        bool wolfe = (string)group["line_search_fn"] == "strong_wolfe";
        var state = StateOf(_params[0]);
        long funcEvals = Count(state, "func_evals"), stateIter = Count(state, "n_iter");
        using var noGrad = GradMode.NoGrad();

        double loss = Evaluate(closure, out var origLoss);
        int currentEvals = 1;
        funcEvals++;
        var flatGrad = GatherFlatGrad();
        bool optCond = AbsMax(flatGrad) <= tolGrad;
        if (optCond)
        {
            (state["func_evals"], state["n_iter"]) = (funcEvals, stateIter);
            return origLoss;
        }

        var d = state.GetValueOrDefault("d") as Tensor;
        double t = state.GetValueOrDefault("t") is double st ? st : 0;
        var oldDirs = Rows(state.GetValueOrDefault("old_dirs"));
        var oldStps = Rows(state.GetValueOrDefault("old_stps"));
        var ro = (state.GetValueOrDefault("ro") as double[])?.ToList() ?? [];
        double hDiag = state.GetValueOrDefault("H_diag") is double h ? h : 1;
        var prevFlatGrad = state.GetValueOrDefault("prev_flat_grad") as Tensor;
        double prevLoss = state.GetValueOrDefault("prev_loss") is double pl ? pl : 0;
        var al = state.GetValueOrDefault("al") as double[];

        int nIter = 0;
        while (nIter < maxIter)
        {
            nIter++;
            stateIter++;
            if (stateIter == 1 || d is null || prevFlatGrad is null)
            {
                d = flatGrad.Neg();
                (oldDirs, oldStps, ro, hDiag) = ([], [], [], 1);
            }
            else
            {
                // The curvature pair of the last step, kept only when y·s shows positive curvature.
                var y = flatGrad.Sub(prevFlatGrad);
                var s = d.Mul(t);
                double ys = Dot(y, s);
                if (ys > 1e-10)
                {
                    if (oldDirs.Count == historySize)
                    {
                        oldDirs.RemoveAt(0);
                        oldStps.RemoveAt(0);
                        ro.RemoveAt(0);
                    }
                    oldDirs.Add(y);
                    oldStps.Add(s);
                    ro.Add(1.0 / ys);
                    hDiag = ys / Dot(y, y);
                }
                if (al is null || al.Length < historySize) al = new double[historySize];
                var q = flatGrad.Neg();
                for (int i = oldDirs.Count - 1; i >= 0; i--)
                {
                    al[i] = Dot(oldStps[i], q) * ro[i];
                    q.Add_(oldDirs[i], -al[i]);
                }
                var r = q.Mul(hDiag);
                for (int i = 0; i < oldDirs.Count; i++)
                {
                    double be = Dot(oldDirs[i], r) * ro[i];
                    r.Add_(oldStps[i], al[i] - be);
                }
                d = r;
            }
            prevFlatGrad = flatGrad.Clone();
            prevLoss = loss;
            t = stateIter == 1 ? Math.Min(1.0, 1.0 / flatGrad.Abs().Sum().ToDouble()) * lr : lr;
            double gtd = Dot(flatGrad, d);
            if (gtd > -tolChange) break;

            int lsEvals = 0;
            if (wolfe)
            {
                var xInit = _params.Select(p => p.Clone()).ToArray();
                (loss, flatGrad, t, lsEvals) = StrongWolfe(closure, xInit, t, d, loss, flatGrad, gtd, tolChange);
                AddGrad(t, d);
                optCond = AbsMax(flatGrad) <= tolGrad;
            }
            else
            {
                AddGrad(t, d);
                if (nIter != maxIter)
                {
                    loss = Evaluate(closure, out _);
                    flatGrad = GatherFlatGrad();
                    optCond = AbsMax(flatGrad) <= tolGrad;
                    lsEvals = 1;
                }
            }
            currentEvals += lsEvals;
            funcEvals += lsEvals;

            if (nIter == maxIter || currentEvals >= maxEval || optCond) break;
            if (AbsMax(d.Mul(t)) <= tolChange) break;
            if (Math.Abs(loss - prevLoss) < tolChange) break;
        }

        state["func_evals"] = funcEvals;
        state["n_iter"] = stateIter;
        state["d"] = d;
        state["t"] = t;
        state["old_dirs"] = Stacked(oldDirs, d);
        state["old_stps"] = Stacked(oldStps, d);
        state["ro"] = ro.ToArray();
        state["H_diag"] = hDiag;
        state["prev_flat_grad"] = prevFlatGrad;
        state["prev_loss"] = prevLoss;
        state["al"] = al;
        return origLoss;
    }

    // The curvature pairs live in the state as one [pairs, n] tensor each (PyTorch keeps lists of
    // vectors): a state dict of tensors and numbers is what checkpoints and CliXml carry.
    private static List<Tensor> Rows(object? stacked) => stacked is Tensor t && t.Ndim == 2 ? [.. t.Unbind(0)] : [];

    private static Tensor? Stacked(List<Tensor> rows, Tensor? like) =>
        rows.Count > 0 ? Tensor.Stack([.. rows]) : like is null ? null : Tensor.Zeros([0, like.Numel()], like.DType);

    private static long Count(Dictionary<string, object?> state, string key) =>
        state.GetValueOrDefault(key) is { } v ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>The loss and flat gradient at x + t·d; the parameters are put back to x afterwards.</summary>
    private (double Loss, Tensor Grad) DirectionalEvaluate(Func<Tensor> closure, Tensor[] x, double t, Tensor d)
    {
        AddGrad(t, d);
        double loss = Evaluate(closure, out _);
        var flatGrad = GatherFlatGrad();
        for (int i = 0; i < _params.Length; i++) _params[i].Copy_(x[i]);
        return (loss, flatGrad);
    }

    /// <summary>
    /// The minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to the bounds
    /// (the interval's ends when none); the midpoint when the cubic has no minimum.
    /// </summary>
    private static double CubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, (double Min, double Max)? bounds = null)
    {
        var (lo, hi) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1));
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square < 0) return (lo + hi) / 2.0;
        double d2 = Math.Sqrt(d2Square);
        double minPos = x1 <= x2
            ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
            : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
        return Math.Min(Math.Max(minPos, lo), hi);
    }
}
