namespace NNTools.Optim.Schedulers;

/// <summary>
/// Cosine annealing with warm restarts (SGDR), as torch.optim.lr_scheduler.CosineAnnealingWarmRestarts
/// stepped once per epoch: η = η_min + (η_max − η_min)(1 + cos(π T_cur / T_i)) / 2, where T_cur counts
/// the epochs since the last restart and the i-th period T_i is T_0 · T_mult^i.
/// </summary>
public sealed class CosineAnnealingWarmRestarts : LRScheduler
{
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult = 1, double etaMin = 0) : base(optimizer)
    {
        Check(t0, tMult);
        (T0, TI, TMult, EtaMin, TCur) = (t0, t0, tMult, etaMin, -1);
        Initialize();
    }

    public int T0 { get; private set; }

    /// <summary>The length of the current period.</summary>
    public int TI { get; private set; }

    public int TMult { get; private set; }

    public double EtaMin { get; private set; }

    /// <summary>Epochs since the last restart.</summary>
    public int TCur { get; private set; }

    // PyTorch advances T_cur in step() before get_lr; the base Step calls this once per step, after
    // advancing LastEpoch, so the advance happens here.
    protected override double[] GetLr()
    {
        if (LastEpoch == 0)
        {
            (TI, TCur) = (T0, 0);
        }
        else if (++TCur >= TI)
        {
            TCur -= TI;
            TI *= TMult;
        }
        return [.. BaseLrs.Select(b => EtaMin + (b - EtaMin) * (1 + Math.Cos(Math.PI * TCur / TI)) / 2)];
    }

    // No closed form in PyTorch: step(0) calls get_lr, which starts over at epoch 0.
    protected override double[] RestartLr() => GetLr();

    protected override IEnumerable<KeyValuePair<string, object>> Settings() =>
        [new("T_0", T0), new("T_i", TI), new("T_mult", TMult), new("eta_min", EtaMin), new("T_cur", TCur)];

    protected override void LoadSettings(Dictionary<string, object> stateDict)
    {
        int t0 = (int)Number(stateDict, "T_0"), tMult = (int)Number(stateDict, "T_mult");
        Check(t0, tMult);
        (T0, TI, TMult, EtaMin, TCur) = (t0, (int)Number(stateDict, "T_i"), tMult, Number(stateDict, "eta_min"), (int)Number(stateDict, "T_cur"));
    }

    private static void Check(int t0, int tMult)
    {
        if (t0 <= 0) throw Raise(new TensorArgumentException("InvalidT0", $"Expected positive integer T_0, but got {t0}"));
        if (tMult < 1) throw Raise(new TensorArgumentException("InvalidTMult", $"Expected integer T_mult >= 1, but got {tMult}"));
    }
}
