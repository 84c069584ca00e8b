namespace NNTools.Optim.Schedulers;

/// <summary>
/// Sets each group's learning rate to its initial rate times a function of the epoch, as
/// torch.optim.lr_scheduler.LambdaLR: lr(epoch) = initial_lr · λ(epoch). One function for every group,
/// or one per group. From PowerShell, New-LRScheduler LambdaLR -Lambda { param($epoch) 0.95 * $epoch }.
/// Like PyTorch, the state dict does not hold the functions (its "lr_lambdas" entries are null).
/// </summary>
public sealed class LambdaLR : LRScheduler
{
    private readonly Func<int, double>[] _lambdas;

    public LambdaLR(Optimizer optimizer, Func<int, double> lambda) : this(optimizer, [lambda])
    {
    }

    public LambdaLR(Optimizer optimizer, IReadOnlyList<Func<int, double>> lambdas) : base(optimizer)
    {
        ThrowIfNull(lambdas);
        int groups = optimizer.ParamGroups.Count;
        if (lambdas.Count != 1 && lambdas.Count != groups)
        {
            throw Raise(new TensorArgumentException("LambdaCount", $"Expected {groups} lr_lambdas, but got {lambdas.Count}"));
        }
        _lambdas = lambdas.Count == 1 ? [.. Enumerable.Repeat(lambdas[0], groups)] : [.. lambdas];
        Initialize();
    }

    protected override double[] GetLr()
    {
        var result = new double[BaseLrs.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double factor = _lambdas[i](LastEpoch);
            if (!double.IsFinite(factor))
            {
                throw Raise(new TensorArgumentException("LambdaNotFinite", $"the learning-rate function returned {factor} for epoch {LastEpoch}; it must return a finite number"));
            }
            result[i] = BaseLrs[i] * factor;
        }
        return result;
    }

    // No closed form in PyTorch: step(0) calls get_lr, which starts over at epoch 0.
    protected override double[] RestartLr() => GetLr();

    protected override IEnumerable<KeyValuePair<string, object>> Settings() => [new("lr_lambdas", new object?[_lambdas.Length])];

    protected override void LoadSettings(Dictionary<string, object> stateDict)
    {
    }
}
