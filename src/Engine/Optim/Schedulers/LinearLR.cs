namespace NNTools.Optim.Schedulers;

/// <summary>
/// Scales each group's learning rate by a factor that moves linearly from <c>start_factor</c> to
/// <c>end_factor</c> over <c>total_iters</c> epochs (a warm-up), as torch.optim.lr_scheduler.LinearLR,
/// in PyTorch's recursive form:
/// <code>
/// epoch 0: lr · start;   epoch t ≤ total: lr · (1 + (end − start) / (total · start + (t − 1)(end − start)));   later: lr
/// </code>
/// </summary>
public sealed class LinearLR : LRScheduler
{
    public LinearLR(Optimizer optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, int totalIters = 5) : base(optimizer)
    {
        Check(startFactor, endFactor);
        StartFactor = startFactor;
        EndFactor = endFactor;
        TotalIters = totalIters;
        Initialize();
    }

    public double StartFactor { get; private set; }

    public double EndFactor { get; private set; }

    public int TotalIters { get; private set; }

    protected override double[] GetLr()
    {
        var current = CurrentLrs();
        if (LastEpoch == 0) return current.Select(lr => lr * StartFactor).ToArray();
        if (LastEpoch > TotalIters) return current;
        return current.Select(lr => lr * (1.0 + (EndFactor - StartFactor) /
            (TotalIters * StartFactor + (LastEpoch - 1) * (EndFactor - StartFactor)))).ToArray();
    }

    protected override double[] RestartLr() => BaseLrs.Select(b => b * StartFactor).ToArray();

    protected override IEnumerable<KeyValuePair<string, object>> Settings() =>
        [new("start_factor", StartFactor), new("end_factor", EndFactor), new("total_iters", TotalIters)];

    protected override void LoadSettings(Dictionary<string, object> stateDict)
    {
        double start = Number(stateDict, "start_factor"), end = Number(stateDict, "end_factor");
        Check(start, end);
        (StartFactor, EndFactor, TotalIters) = (start, end, (int)Number(stateDict, "total_iters"));
    }

    private static void Check(double start, double end)
    {
        if (start > 1.0 || start < 0 || double.IsNaN(start))
            throw Raise(new TensorArgumentException("InvalidStartFactor", $"Starting multiplicative factor expected to be between 0 and 1, got {start}"));
        if (end > 1.0 || end < 0 || double.IsNaN(end))
            throw Raise(new TensorArgumentException("InvalidEndFactor", $"Ending multiplicative factor expected to be between 0 and 1, got {end}"));
    }
}
