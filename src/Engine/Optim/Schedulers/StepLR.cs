namespace NNTools.Optim.Schedulers;

/// <summary>
/// Multiplies each group's learning rate by <c>gamma</c> every <c>step_size</c> epochs, as
/// torch.optim.lr_scheduler.StepLR: lr(epoch) = initial_lr · gamma^⌊epoch / step_size⌋ when nothing
/// else changes the rate.
/// </summary>
public sealed class StepLR : LRScheduler
{
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        CheckStepSize(stepSize);
        StepSize = stepSize;
        Gamma = gamma;
        Initialize();
    }

    public int StepSize { get; private set; }

    public double Gamma { get; private set; }

    protected override double[] GetLr() => LastEpoch == 0 || LastEpoch % StepSize != 0
        ? CurrentLrs()
        : CurrentLrs().Select(lr => lr * Gamma).ToArray();

    protected override IEnumerable<KeyValuePair<string, object>> Settings() =>
        [new("step_size", StepSize), new("gamma", Gamma)];

    protected override void LoadSettings(Dictionary<string, object> stateDict)
    {
        int stepSize = (int)Number(stateDict, "step_size");
        CheckStepSize(stepSize);
        StepSize = stepSize;
        Gamma = Number(stateDict, "gamma");
    }

    private static void CheckStepSize(int stepSize)
    {
        if (stepSize < 1) throw Raise(new TensorArgumentException("InvalidStepSize", $"step_size must be a positive number of epochs, got {stepSize}"));
    }
}
