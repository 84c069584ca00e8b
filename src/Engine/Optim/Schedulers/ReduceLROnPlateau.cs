using System.Globalization;

namespace NNTools.Optim.Schedulers;

/// <summary>Whether a monitored metric improves by going down (a loss) or up (an accuracy).</summary>
public enum PlateauMode
{
    Min,
    Max,
}

/// <summary>How an improvement is measured: relative to the best value so far, or by an absolute margin.</summary>
public enum ThresholdMode
{
    Rel,
    Abs,
}

/// <summary>
/// Cuts the learning rate by <c>factor</c> when a metric has stopped improving, as
/// torch.optim.lr_scheduler.ReduceLROnPlateau (PyTorch 1.13). A value is an improvement when it beats
/// the best so far: in Min mode, below best · (1 − threshold) (Rel) or best − threshold (Abs); in Max
/// mode, above best · (1 + threshold) or best + threshold. After more than <c>patience</c> epochs in a
/// row without one, every group's rate becomes max(lr · factor, min_lr), unless that changes it by
/// <c>eps</c> or less; then <c>cooldown</c> epochs pass during which bad epochs are not counted.
/// </summary>
public sealed class ReduceLROnPlateau : ILRScheduler
{
    private double[] _minLrs;
    private double[] _lastLr;

    /// <param name="optimizer">The optimizer whose rates are cut.</param>
    /// <param name="mode">Min for a metric that should fall (a loss), Max for one that should rise.</param>
    /// <param name="factor">The multiplier of a cut, below 1.</param>
    /// <param name="patience">How many epochs without improvement are tolerated before a cut.</param>
    /// <param name="threshold">The margin a value must beat the best by to count as an improvement.</param>
    /// <param name="thresholdMode">Whether <paramref name="threshold"/> is relative to the best value or absolute.</param>
    /// <param name="cooldown">Epochs after a cut during which bad epochs are not counted.</param>
    /// <param name="minLr">The lower bound of every group's rate.</param>
    /// <param name="minLrs">A lower bound per group, instead of <paramref name="minLr"/>.</param>
    /// <param name="eps">The smallest change of rate worth making; smaller cuts are skipped.</param>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10,
        double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Rel, int cooldown = 0,
        double minLr = 0, double[]? minLrs = null, double eps = 1e-8)
    {
        ThrowIfNull(optimizer);
        CheckFactor(factor);
        int groups = optimizer.ParamGroups.Count;
        if (minLrs is not null && minLrs.Length != groups)
        {
            throw Raise(new TensorArgumentException("SchedulerGroupCount", $"expected {groups} min_lrs, got {minLrs.Length}"));
        }
        Optimizer = optimizer;
        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        Cooldown = cooldown;
        Eps = eps;
        _minLrs = minLrs?.ToArray() ?? Enumerable.Repeat(minLr, groups).ToArray();
        _lastLr = optimizer.ParamGroups.Select(g => g.Lr).ToArray();
        Best = ModeWorse;
    }

    public Optimizer Optimizer { get; }

    public PlateauMode Mode { get; private set; }

    public double Factor { get; private set; }

    public int Patience { get; private set; }

    public double Threshold { get; private set; }

    public ThresholdMode ThresholdMode { get; private set; }

    public int Cooldown { get; private set; }

    public double Eps { get; private set; }

    /// <summary>The lower bound of each group's rate.</summary>
    public double[] MinLrs => _minLrs.ToArray();

    /// <summary>The best metric seen so far (+∞ in Min mode, −∞ in Max mode before the first step).</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive epochs without improvement, outside cooldown.</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>Epochs of cooldown still to pass after the last cut.</summary>
    public int CooldownCounter { get; private set; }

    public int LastEpoch { get; private set; }

    private double ModeWorse => Mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;

    /// <summary>Records this epoch's metric and cuts the rates if it has been on a plateau for too long.</summary>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric, Best))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else
        {
            NumBadEpochs++;
        }
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            NumBadEpochs = 0;
        }
        if (NumBadEpochs > Patience)
        {
            ReduceLr();
            CooldownCounter = Cooldown;
            NumBadEpochs = 0;
        }
        _lastLr = Optimizer.ParamGroups.Select(g => g.Lr).ToArray();
    }

    /// <summary>Records a scalar tensor metric (e.g. a validation loss); see <see cref="Step(double)"/>.</summary>
    public void Step(Tensor metric) => Step(metric.ToDouble());

    private void ReduceLr()
    {
        var groups = Optimizer.ParamGroups;
        if (groups.Count != _minLrs.Length)
        {
            throw Raise(new TensorArgumentException("SchedulerGroupCount",
                $"the optimizer has {groups.Count} parameter groups but the schedule was created for {_minLrs.Length}; create the schedule after adding every group"));
        }
        for (int i = 0; i < groups.Count; i++)
        {
            double oldLr = groups[i].Lr;
            double newLr = Math.Max(oldLr * Factor, _minLrs[i]);
            if (oldLr - newLr > Eps) groups[i]["lr"] = newLr;
        }
    }

    private bool IsBetter(double a, double best) => (Mode, ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Rel) => a < best * (1.0 - Threshold),
        (PlateauMode.Min, ThresholdMode.Abs) => a < best - Threshold,
        (PlateauMode.Max, ThresholdMode.Rel) => a > best * (Threshold + 1.0),
        _ => a > best + Threshold,
    };

    public double[] GetLastLr() => _lastLr.ToArray();

    /// <summary>PyTorch's keys: factor, min_lrs, patience, cooldown, cooldown_counter, mode, threshold, threshold_mode, best, num_bad_epochs, mode_worse, eps, last_epoch, _last_lr.</summary>
    public Dictionary<string, object> StateDict() => new()
    {
        ["factor"] = Factor,
        ["min_lrs"] = _minLrs.ToArray(),
        ["patience"] = Patience,
        ["cooldown"] = Cooldown,
        ["cooldown_counter"] = CooldownCounter,
        ["mode"] = Mode == PlateauMode.Min ? "min" : "max",
        ["threshold"] = Threshold,
        ["threshold_mode"] = ThresholdMode == ThresholdMode.Rel ? "rel" : "abs",
        ["best"] = Best,
        ["num_bad_epochs"] = NumBadEpochs,
        ["mode_worse"] = ModeWorse,
        ["eps"] = Eps,
        ["last_epoch"] = LastEpoch,
        ["_last_lr"] = _lastLr.ToArray(),
    };

    public void LoadStateDict(Dictionary<string, object> stateDict)
    {
        ThrowIfNull(stateDict);
        double factor = LRScheduler.Number(stateDict, "factor");
        CheckFactor(factor);
        var minLrs = LRScheduler.Numbers(stateDict, "min_lrs");
        if (minLrs.Length != Optimizer.ParamGroups.Count)
        {
            throw Raise(new TensorArgumentException("SchedulerGroupCount",
                $"loaded schedule state has {minLrs.Length} min_lrs but the optimizer has {Optimizer.ParamGroups.Count} parameter groups"));
        }
        var mode = ParseMode(stateDict);
        var thresholdMode = ParseThresholdMode(stateDict);
        Factor = factor;
        _minLrs = minLrs;
        Mode = mode;
        ThresholdMode = thresholdMode;
        Patience = (int)LRScheduler.Number(stateDict, "patience");
        Cooldown = (int)LRScheduler.Number(stateDict, "cooldown");
        CooldownCounter = (int)LRScheduler.Number(stateDict, "cooldown_counter");
        Threshold = LRScheduler.Number(stateDict, "threshold");
        Best = LRScheduler.Number(stateDict, "best");
        NumBadEpochs = (int)LRScheduler.Number(stateDict, "num_bad_epochs");
        Eps = LRScheduler.Number(stateDict, "eps");
        LastEpoch = (int)LRScheduler.Number(stateDict, "last_epoch");
        _lastLr = stateDict.ContainsKey("_last_lr") ? LRScheduler.Numbers(stateDict, "_last_lr") : Optimizer.ParamGroups.Select(g => g.Lr).ToArray();
    }

    private static PlateauMode ParseMode(Dictionary<string, object> state) =>
        Convert.ToString(state.GetValueOrDefault("mode"), CultureInfo.InvariantCulture) switch
        {
            "min" => PlateauMode.Min,
            "max" => PlateauMode.Max,
            var m => throw Raise(new TensorArgumentException("InvalidPlateauMode", $"mode {m} is unknown!")),
        };

    private static ThresholdMode ParseThresholdMode(Dictionary<string, object> state) =>
        Convert.ToString(state.GetValueOrDefault("threshold_mode"), CultureInfo.InvariantCulture) switch
        {
            "rel" => ThresholdMode.Rel,
            "abs" => ThresholdMode.Abs,
            var m => throw Raise(new TensorArgumentException("InvalidThresholdMode", $"threshold mode {m} is unknown!")),
        };

    private static void CheckFactor(double factor)
    {
        if (factor >= 1.0) throw Raise(new TensorArgumentException("InvalidFactor", $"Factor should be < 1.0 (got {PyFormat.Number(factor)})."));
    }
}
