namespace NNTools.Optim.Schedulers;

/// <summary>
/// Cosine annealing from each group's initial rate η_max down to <c>eta_min</c> over <c>T_max</c>
/// epochs, as torch.optim.lr_scheduler.CosineAnnealingLR. When nothing else changes the rate,
/// η_t = η_min + (η_max − η_min)(1 + cos(π t / T_max)) / 2, and past T_max it rises again (a cosine
/// of period 2·T_max). It is computed with PyTorch's recursive form, step by step:
/// <code>
/// η_t = (1 + cos(π t / T_max)) / (1 + cos(π (t − 1) / T_max)) · (η_{t−1} − η_min) + η_min
/// η_t = η_{t−1} + (η_max − η_min)(1 − cos(π / T_max)) / 2     when (t − 1 − T_max) mod 2·T_max = 0
/// </code>
/// so the values equal PyTorch's to the last bit, not only to the closed form's rounding.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0) : base(optimizer)
    {
        CheckTMax(tMax);
        TMax = tMax;
        EtaMin = etaMin;
        Initialize();
    }

    /// <summary>The number of epochs of the descent from the initial rate to <see cref="EtaMin"/> (PyTorch's T_max).</summary>
    public int TMax { get; private set; }

    public double EtaMin { get; private set; }

    protected override double[] GetLr()
    {
        var current = CurrentLrs();
        if (LastEpoch == 0) return current;
        var result = new double[current.Length];
        for (int i = 0; i < current.Length; i++)
        {
            result[i] = (LastEpoch - 1 - TMax) % (2 * TMax) == 0
                ? current[i] + (BaseLrs[i] - EtaMin) * (1 - Math.Cos(Math.PI / TMax)) / 2
                : (1 + Math.Cos(Math.PI * LastEpoch / TMax)) / (1 + Math.Cos(Math.PI * (LastEpoch - 1) / TMax)) * (current[i] - EtaMin) + EtaMin;
        }
        return result;
    }

    protected override IEnumerable<KeyValuePair<string, object>> Settings() => [new("T_max", TMax), new("eta_min", EtaMin)];

    protected override void LoadSettings(Dictionary<string, object> stateDict)
    {
        int tMax = (int)Number(stateDict, "T_max");
        CheckTMax(tMax);
        TMax = tMax;
        EtaMin = Number(stateDict, "eta_min");
    }

    private static void CheckTMax(int tMax)
    {
        if (tMax < 1) throw Raise(new TensorArgumentException("InvalidTMax", $"T_max must be a positive number of epochs, got {tMax}"));
    }
}
