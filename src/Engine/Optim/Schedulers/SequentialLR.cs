using System.Collections;

namespace NNTools.Optim.Schedulers;

/// <summary>
/// Runs schedules one after another, as torch.optim.lr_scheduler.SequentialLR (PyTorch 1.13): schedule i
/// drives the rate from milestone i − 1 (epoch 0 for the first) until milestone i, each restarting at its
/// own epoch 0 (PyTorch's step(0): its closed form at 0) when its milestone comes. All schedules must be
/// built on this optimizer, in order; creating the sequence resets the rates to their initial values and
/// takes the first schedule's initial step again, as PyTorch does. Its state dict holds each schedule's.
/// </summary>
public sealed class SequentialLR : LRScheduler
{
    private readonly LRScheduler[] _schedulers;

    public SequentialLR(Optimizer optimizer, IReadOnlyList<ILRScheduler> schedulers, IReadOnlyList<int> milestones) : base(optimizer)
    {
        ThrowIfNull(schedulers);
        ThrowIfNull(milestones);
        if (schedulers.Count == 0) throw Raise(new TensorArgumentException("SequentialSchedulers", "SequentialLR needs at least one schedule"));
        _schedulers = new LRScheduler[schedulers.Count];
        for (int i = 0; i < schedulers.Count; i++)
        {
            var s = schedulers[i] ?? throw Raise(new TensorArgumentException("SequentialSchedulers", $"schedule {i} of SequentialLR is null"));
            if (!ReferenceEquals(s.Optimizer, optimizer))
            {
                throw Raise(new TensorArgumentException("SequentialOptimizer",
                    $"Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index {i} to be different than the optimizer passed in."));
            }
            _schedulers[i] = s as LRScheduler ?? throw Raise(new TensorArgumentException("SequentialSchedulers",
                $"schedule {i} is a {s.GetType().Name}, which is driven by a metric, not by epochs: SequentialLR can only chain epoch schedules"));
        }
        if (milestones.Count != schedulers.Count - 1)
        {
            throw Raise(new TensorArgumentException("SequentialMilestones",
                $"Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers {schedulers.Count} and the number of milestones to be equal to {milestones.Count}"));
        }
        Milestones = [.. milestones];
        foreach (var group in optimizer.ParamGroups) group["lr"] = group.GetDouble("initial_lr");
        foreach (var s in _schedulers) s.Rewind();
        _schedulers[0].InitialStep();
        Start(_schedulers[0].GetLastLr());
    }

    /// <summary>The epochs at which the next schedule takes over.</summary>
    public int[] Milestones { get; private set; }

    /// <summary>The schedules, in the order they run.</summary>
    public IReadOnlyList<LRScheduler> Schedulers => _schedulers;

    /// <summary>Steps the schedule whose turn it is (restarting it at its milestone) and returns the rates it set.</summary>
    protected override double[] GetLr()
    {
        int index = Milestones.Count(m => m <= LastEpoch);
        var schedule = _schedulers[index];
        if (index > 0 && Milestones[index - 1] == LastEpoch) schedule.Restart();
        else schedule.Step();
        return schedule.GetLastLr();
    }

    protected override IEnumerable<KeyValuePair<string, object>> Settings() =>
        [new("_milestones", Milestones.ToArray()), new("_schedulers", _schedulers.Select(s => (object)s.StateDict()).ToArray())];

    protected override void LoadSettings(Dictionary<string, object> stateDict)
    {
        var milestones = Numbers(stateDict, "_milestones");
        if (milestones.Length != _schedulers.Length - 1)
        {
            throw Raise(new TensorArgumentException("SequentialMilestones", $"loaded SequentialLR state has {milestones.Length} milestones for {_schedulers.Length} schedules"));
        }
        if (!stateDict.TryGetValue("_schedulers", out var value) || value is not IEnumerable items || value is string
            || items.Cast<object>().ToArray() is not { } states || states.Length != _schedulers.Length)
        {
            throw Raise(new TensorArgumentException("SchedulerStateMissingKey", $"loaded SequentialLR state needs '_schedulers', one state per schedule ({_schedulers.Length})"));
        }
        for (int i = 0; i < states.Length; i++) _schedulers[i].LoadStateDict(AsState(states[i], i));
        Milestones = [.. milestones.Select(m => (int)m)];
    }

    private static Dictionary<string, object> AsState(object? state, int index) => state switch
    {
        Dictionary<string, object> d => d,
        IDictionary d => d.Cast<DictionaryEntry>().ToDictionary(e => Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture)!, e => e.Value!),
        _ => throw Raise(new TensorArgumentException("SchedulerStateValue", $"loaded SequentialLR state of schedule {index} is not a dictionary")),
    };
}
