using System.Collections;
using System.Globalization;

namespace NNTools.Optim.Schedulers;

/// <summary>What every learning-rate schedule offers a training loop, whatever drives its steps.</summary>
public interface ILRScheduler
{
    /// <summary>The optimizer whose parameter groups' <see cref="ParamGroup.Lr"/> the schedule sets.</summary>
    Optimizer Optimizer { get; }

    /// <summary>The learning rate of each parameter group as the schedule last set it.</summary>
    double[] GetLastLr();

    /// <summary>The schedule's state with PyTorch's key names, in plain .NET values.</summary>
    Dictionary<string, object> StateDict();

    /// <summary>Restores a state returned by <see cref="StateDict"/>.</summary>
    void LoadStateDict(Dictionary<string, object> stateDict);
}

/// <summary>
/// Base of the epoch-driven schedules, as torch.optim.lr_scheduler._LRScheduler (PyTorch 1.13):
/// on creation each group records its "initial_lr" and the schedule takes its first step (epoch 0);
/// each later <see cref="Step"/> advances <see cref="LastEpoch"/> by one and writes the new rates into
/// the optimizer's groups. Call it after the optimizer's step, once per epoch (or per batch, as the
/// schedule is designed). Subclasses give PyTorch's recursive ("chainable") get_lr, so a rate changed
/// from outside the schedule is carried forward as in PyTorch.
/// </summary>
public abstract class LRScheduler : ILRScheduler
{
    private double[] _lastLr = [];

    protected LRScheduler(Optimizer optimizer)
    {
        ThrowIfNull(optimizer);
        Optimizer = optimizer;
        foreach (var g in optimizer.ParamGroups) g.SetDefault("initial_lr", g.Lr);
        BaseLrs = optimizer.ParamGroups.Select(g => g.GetDouble("initial_lr")).ToArray();
    }

    public Optimizer Optimizer { get; }

    /// <summary>The learning rate of each group when the schedule started ("initial_lr").</summary>
    public double[] BaseLrs { get; private set; }

    /// <summary>The index of the last epoch stepped: 0 right after creation.</summary>
    public int LastEpoch { get; private set; } = -1;

    /// <summary>How many times <see cref="Step"/> has run, the initial step included (PyTorch's _step_count).</summary>
    public int StepCount { get; private set; }

    /// <summary>Takes the initial step; each concrete schedule calls it last in its constructor, once its settings are in place.</summary>
    protected void Initialize() => Step();

    /// <summary>Advances one epoch and sets every group's learning rate to the schedule's next value.</summary>
    public void Step()
    {
        var groups = Optimizer.ParamGroups;
        if (groups.Count != BaseLrs.Length)
        {
            throw Raise(new TensorArgumentException("SchedulerGroupCount",
                $"the optimizer has {groups.Count} parameter groups but the schedule was created for {BaseLrs.Length}; create the schedule after adding every group"));
        }
        StepCount++;
        LastEpoch++;
        Apply(GetLr());
    }

    private void Apply(double[] values)
    {
        var groups = Optimizer.ParamGroups;
        // The indexer, not the Lr property: a rate the group refuses is this method's error, not a setter's.
        for (int i = 0; i < groups.Count; i++) groups[i]["lr"] = values[i];
        _lastLr = groups.Select(g => g.Lr).ToArray();
    }

    /// <summary>
    /// The rates of epoch 0 whatever the current rates are: PyTorch's closed form at epoch 0 (get_lr for the
    /// schedules that have none), which SequentialLR's step(0) uses to restart a schedule at its milestone.
    /// The initial rates, unless a schedule says otherwise.
    /// </summary>
    protected virtual double[] RestartLr() => BaseLrs.ToArray();

    /// <summary>PyTorch's step(0): back to epoch 0 with <see cref="RestartLr"/>'s rates.</summary>
    internal void Restart()
    {
        StepCount++;
        LastEpoch = 0;
        Apply(RestartLr());
    }

    /// <summary>Marks a schedule that took its first step through others (SequentialLR) as at epoch 0 with these rates.</summary>
    private protected void Start(double[] lastLr)
    {
        LastEpoch = 0;
        StepCount = 1;
        _lastLr = lastLr.ToArray();
    }

    /// <summary>Undoes the epoch count of the initial step (SequentialLR's "last_epoch -= 1").</summary>
    internal void Rewind() => LastEpoch--;

    /// <summary>PyTorch's _initial_step: the step count from zero, then one step.</summary>
    internal void InitialStep()
    {
        StepCount = 0;
        Step();
    }

    /// <summary>The rates for <see cref="LastEpoch"/>, computed from the groups' current rates as PyTorch's get_lr.</summary>
    protected abstract double[] GetLr();

    /// <summary>The current rate of every group.</summary>
    protected double[] CurrentLrs() => Optimizer.ParamGroups.Select(g => g.Lr).ToArray();

    public double[] GetLastLr() => _lastLr.ToArray();

    /// <summary>PyTorch's keys: "base_lrs", "last_epoch", "_step_count", "_last_lr" and the schedule's own settings.</summary>
    public Dictionary<string, object> StateDict()
    {
        var state = new Dictionary<string, object>
        {
            ["base_lrs"] = BaseLrs.ToArray(),
            ["last_epoch"] = LastEpoch,
            ["_step_count"] = StepCount,
            ["_last_lr"] = _lastLr.ToArray(),
        };
        foreach (var (key, value) in Settings()) state[key] = value;
        return state;
    }

    public void LoadStateDict(Dictionary<string, object> stateDict)
    {
        ThrowIfNull(stateDict);
        var baseLrs = Numbers(stateDict, "base_lrs");
        if (baseLrs.Length != Optimizer.ParamGroups.Count)
        {
            throw Raise(new TensorArgumentException("SchedulerGroupCount",
                $"loaded schedule state has {baseLrs.Length} base_lrs but the optimizer has {Optimizer.ParamGroups.Count} parameter groups"));
        }
        int lastEpoch = (int)Number(stateDict, "last_epoch");
        int stepCount = (int)Number(stateDict, "_step_count");
        var lastLr = stateDict.ContainsKey("_last_lr") ? Numbers(stateDict, "_last_lr") : CurrentLrs();
        LoadSettings(stateDict);
        BaseLrs = baseLrs;
        LastEpoch = lastEpoch;
        StepCount = stepCount;
        _lastLr = lastLr;
    }

    /// <summary>The schedule's own settings by PyTorch name (e.g. "step_size", "gamma").</summary>
    protected abstract IEnumerable<KeyValuePair<string, object>> Settings();

    /// <summary>Reads back the settings written by <see cref="Settings"/>, validating them.</summary>
    protected abstract void LoadSettings(Dictionary<string, object> stateDict);

    internal static double Number(Dictionary<string, object> state, string key)
    {
        if (!state.TryGetValue(key, out var value))
        {
            throw Raise(new TensorArgumentException("SchedulerStateMissingKey", $"loaded schedule state has no '{key}'"));
        }
        return value is IConvertible c && c.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal
            ? c.ToDouble(CultureInfo.InvariantCulture)
            : throw Raise(new TensorArgumentException("SchedulerStateValue", $"loaded schedule state '{key}' must be a number, not {value?.GetType().Name ?? "null"}"));
    }

    internal static double[] Numbers(Dictionary<string, object> state, string key)
    {
        if (!state.TryGetValue(key, out var value) || value is not IEnumerable items || value is string)
        {
            throw Raise(new TensorArgumentException("SchedulerStateMissingKey", $"loaded schedule state has no list '{key}'"));
        }
        return items.Cast<object>().Select(x => Convert.ToDouble(x, CultureInfo.InvariantCulture)).ToArray();
    }
}
