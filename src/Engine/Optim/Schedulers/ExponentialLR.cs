namespace NNTools.Optim.Schedulers;

/// <summary>
/// Multiplies each group's learning rate by <c>gamma</c> every epoch, as
/// torch.optim.lr_scheduler.ExponentialLR: lr(epoch) = initial_lr · gamma^epoch when nothing else
/// changes the rate (computed recursively, one multiplication per epoch, as PyTorch).
/// </summary>
public sealed class ExponentialLR : LRScheduler
{
    public ExponentialLR(Optimizer optimizer, double gamma) : base(optimizer)
    {
        Gamma = gamma;
        Initialize();
    }

    public double Gamma { get; private set; }

    protected override double[] GetLr() => LastEpoch == 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * Gamma).ToArray();

    protected override IEnumerable<KeyValuePair<string, object>> Settings() => [new("gamma", Gamma)];

    protected override void LoadSettings(Dictionary<string, object> stateDict) => Gamma = Number(stateDict, "gamma");
}
