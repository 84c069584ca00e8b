namespace NNTools.Optim.Schedulers;

/// <summary>
/// The 1cycle policy, as torch.optim.lr_scheduler.OneCycleLR (PyTorch 1.13), stepped once per batch: the
/// rate rises from max_lr / div_factor to max_lr over the first pct_start of the total steps, then anneals
/// to initial_lr / final_div_factor (with <c>three_phase</c>: back to the initial rate first, then down).
/// With cycle_momentum the momentum (Adam-style optimizers: beta1) moves the opposite way between
/// max_momentum and base_momentum. Each group holds its "initial_lr", "max_lr", "min_lr" (and
/// "max_momentum", "base_momentum"), as in PyTorch. Annealing is cosine or linear:
/// <code>
/// cos: end + (start − end)/2 · (cos(π·pct) + 1)        linear: (end − start)·pct + start
/// </code>
/// where pct is the position within the phase. Stepping past total_steps throws; the step that reaches it
/// extrapolates as PyTorch's does, except that a negative rate (linear annealing) is set to 0.
/// </summary>
public sealed class OneCycleLR : LRScheduler
{
    public OneCycleLR(Optimizer optimizer, double maxLr, int? totalSteps = null, int? epochs = null, int? stepsPerEpoch = null,
        double pctStart = 0.3, string annealStrategy = "cos", bool cycleMomentum = true, double baseMomentum = 0.85,
        double maxMomentum = 0.95, double divFactor = 25, double finalDivFactor = 1e4, bool threePhase = false)
        : base(Prepare(optimizer, maxLr, totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum,
            baseMomentum, maxMomentum, divFactor, finalDivFactor))
    {
        TotalSteps = totalSteps ?? epochs!.Value * stepsPerEpoch!.Value;
        (PctStart, AnnealStrategy, CycleMomentum, ThreePhase) = (pctStart, annealStrategy.Trim().ToLowerInvariant(), cycleMomentum, threePhase);
        UseBeta1 = cycleMomentum && optimizer.Defaults.ContainsKey("betas");
        Initialize();
    }

    public int TotalSteps { get; private set; }

    public double PctStart { get; private set; }

    /// <summary>"cos" or "linear".</summary>
    public string AnnealStrategy { get; private set; }

    public bool CycleMomentum { get; private set; }

    /// <summary>Whether the momentum cycled is beta1 of the optimizer's "betas" (Adam and its kin) rather than its "momentum".</summary>
    public bool UseBeta1 { get; private set; }

    public bool ThreePhase { get; private set; }

    /// <summary>Validates everything, then writes the per-group settings PyTorch writes before its base constructor runs.</summary>
    private static Optimizer Prepare(Optimizer optimizer, double maxLr, int? totalSteps, int? epochs, int? stepsPerEpoch, double pctStart,
        string annealStrategy, bool cycleMomentum, double baseMomentum, double maxMomentum, double divFactor, double finalDivFactor)
    {
        ThrowIfNull(optimizer);
        ThrowIfNull(annealStrategy);
        if (totalSteps is null && (epochs is null || stepsPerEpoch is null))
        {
            throw Raise(new TensorArgumentException("OneCycleTotalSteps", "You must define either total_steps OR (epochs AND steps_per_epoch)"));
        }
        Positive(totalSteps, "total_steps");
        if (totalSteps is null)
        {
            Positive(epochs, "epochs");
            Positive(stepsPerEpoch, "steps_per_epoch");
            if ((long)epochs!.Value * stepsPerEpoch!.Value > int.MaxValue)
            {
                throw Raise(new TensorArgumentException("OneCycleTotalSteps", $"epochs * steps_per_epoch = {(long)epochs.Value * stepsPerEpoch.Value} is more steps than a schedule can count"));
            }
        }
        CheckSettings(pctStart, annealStrategy);
        if (!(maxLr >= 0) || !(divFactor > 0) || !(finalDivFactor > 0))
        {
            throw Raise(new TensorArgumentException("InvalidOneCycleRate",
                $"OneCycleLR needs max_lr >= 0 and positive div_factor and final_div_factor, got max_lr={maxLr}, div_factor={divFactor}, final_div_factor={finalDivFactor}"));
        }
        bool beta1 = optimizer.Defaults.ContainsKey("betas");
        if (cycleMomentum && !beta1 && !optimizer.Defaults.ContainsKey("momentum"))
        {
            throw Raise(new TensorArgumentException("OneCycleMomentum",
                $"optimizer must support momentum with `cycle_momentum` option enabled; {optimizer.GetType().Name} has neither momentum nor betas (pass cycle_momentum off)"));
        }
        foreach (var group in optimizer.ParamGroups)
        {
            group["initial_lr"] = maxLr / divFactor;
            group["max_lr"] = maxLr;
            group["min_lr"] = group.GetDouble("initial_lr") / finalDivFactor;
            if (!cycleMomentum) continue;
            if (beta1) group["betas"] = new[] { maxMomentum, group.GetPair("betas")[1] };
            else group["momentum"] = maxMomentum;
            group["max_momentum"] = maxMomentum;
            group["base_momentum"] = baseMomentum;
        }
        return optimizer;
    }

    private static void CheckSettings(double pctStart, string? annealStrategy)
    {
        if (!(pctStart >= 0 && pctStart <= 1))
        {
            throw Raise(new TensorArgumentException("InvalidPctStart", $"Expected float between 0 and 1 pct_start, but got {pctStart}"));
        }
        if (annealStrategy?.Trim().ToLowerInvariant() is not ("cos" or "linear"))
        {
            throw Raise(new TensorArgumentException("InvalidAnnealStrategy", $"anneal_strategy must by one of 'cos' or 'linear', instead got {annealStrategy}"));
        }
    }

    private static void Positive(int? value, string name)
    {
        if (value is <= 0) throw Raise(new TensorArgumentException("OneCycleTotalSteps", $"Expected positive integer {name}, but got {value}"));
    }

    /// <summary>The phases: each ends at a step and goes between two group settings (rate, then momentum).</summary>
    private (double End, string StartLr, string EndLr, string StartMomentum, string EndMomentum)[] Phases() => ThreePhase
        ? [(PctStart * TotalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
           (2 * PctStart * TotalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
           (TotalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum")]
        : [(PctStart * TotalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
           (TotalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum")];

    protected override double[] GetLr()
    {
        int step = LastEpoch;
        if (step > TotalSteps)
        {
            throw Raise(new TensorArgumentException("OneCycleStepsExceeded",
                $"Tried to step {step + 1} times. The specified number of total steps is {TotalSteps}"));
        }
        var phases = Phases();
        var groups = Optimizer.ParamGroups;
        var lrs = new double[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            double start = 0;
            for (int i = 0; i < phases.Length; i++)
            {
                var phase = phases[i];
                if (step <= phase.End || i == phases.Length - 1)
                {
                    double pct = (step - start) / (phase.End - start);
                    // The step after the last (step == total_steps, which PyTorch allows) extrapolates past
                    // the end; linear annealing then goes below zero, a rate no group accepts: 0 instead.
                    lrs[g] = Math.Max(0, Anneal(group.GetDouble(phase.StartLr), group.GetDouble(phase.EndLr), pct));
                    if (CycleMomentum)
                    {
                        double momentum = Anneal(group.GetDouble(phase.StartMomentum), group.GetDouble(phase.EndMomentum), pct);
                        if (UseBeta1) group["betas"] = new[] { momentum, group.GetPair("betas")[1] };
                        else group["momentum"] = momentum;
                    }
                    break;
                }
                start = phase.End;
            }
        }
        return lrs;
    }

    // No closed form in PyTorch: step(0) calls get_lr, which starts the cycle over.
    protected override double[] RestartLr() => GetLr();

    private double Anneal(double start, double end, double pct) => AnnealStrategy == "cos"
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;

    protected override IEnumerable<KeyValuePair<string, object>> Settings() =>
        [new("total_steps", TotalSteps), new("pct_start", PctStart), new("anneal_strategy", AnnealStrategy),
         new("cycle_momentum", CycleMomentum), new("use_beta1", UseBeta1), new("three_phase", ThreePhase)];

    protected override void LoadSettings(Dictionary<string, object> stateDict)
    {
        int total = (int)Number(stateDict, "total_steps");
        double pct = Number(stateDict, "pct_start");
        var strategy = stateDict.GetValueOrDefault("anneal_strategy") as string;
        Positive(total, "total_steps");
        CheckSettings(pct, strategy);
        (TotalSteps, PctStart, AnnealStrategy) = (total, pct, strategy!.Trim().ToLowerInvariant());
        (CycleMomentum, UseBeta1, ThreePhase) = (Flag(stateDict, "cycle_momentum"), Flag(stateDict, "use_beta1"), Flag(stateDict, "three_phase"));
    }

    private static bool Flag(Dictionary<string, object> state, string key) => state.TryGetValue(key, out var v) && v is bool b
        ? b
        : throw Raise(new TensorArgumentException("SchedulerStateValue", $"loaded schedule state '{key}' must be true or false"));
}
