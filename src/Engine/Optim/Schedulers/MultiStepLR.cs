namespace NNTools.Optim.Schedulers;

/// <summary>
/// Multiplies each group's learning rate by <c>gamma</c> at each milestone epoch, as
/// torch.optim.lr_scheduler.MultiStepLR: a milestone listed twice multiplies by gamma² there.
/// </summary>
public sealed class MultiStepLR : LRScheduler
{
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1) : base(optimizer)
    {
        Milestones = [.. milestones.Order()];
        Gamma = gamma;
        Initialize();
    }

    /// <summary>The milestone epochs, sorted, repeats kept (PyTorch keeps them as a Counter).</summary>
    public int[] Milestones { get; private set; }

    public double Gamma { get; private set; }

    protected override double[] GetLr()
    {
        int count = Milestones.Count(m => m == LastEpoch);
        return count == 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * Math.Pow(Gamma, count)).ToArray();
    }

    protected override double[] RestartLr() => BaseLrs.Select(b => b * Math.Pow(Gamma, Milestones.Count(m => m <= 0))).ToArray();

    protected override IEnumerable<KeyValuePair<string, object>> Settings() => [new("milestones", Milestones.ToArray()), new("gamma", Gamma)];

    protected override void LoadSettings(Dictionary<string, object> stateDict)
    {
        Milestones = [.. Numbers(stateDict, "milestones").Select(m => (int)m).Order()];
        Gamma = Number(stateDict, "gamma");
    }
}
