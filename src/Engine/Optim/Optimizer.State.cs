namespace NNTools.Optim;

/// <summary>
/// An optimizer's state as torch.optim.Optimizer.state_dict() lays it out, in plain .NET objects a
/// checkpoint writer can serialise.
/// </summary>
/// <param name="State">
/// Per-parameter state keyed by the parameter's index, counted across groups in order: e.g. for Adam
/// {"step": float32 scalar tensor, "exp_avg": tensor, "exp_avg_sq": tensor}. Parameters that have
/// never been stepped have no entry. Values are tensors, numbers (long, double) or null.
/// </param>
/// <param name="ParamGroups">
/// One dictionary per group: every hyper-parameter by PyTorch name (double, bool, double[] for betas)
/// and "params", the int[] of the indices of its parameters.
/// </param>
public sealed record OptimizerStateDict(
    Dictionary<int, Dictionary<string, object?>> State,
    List<Dictionary<string, object>> ParamGroups);

public abstract partial class Optimizer
{
    /// <summary>PyTorch's implementation switches that a state dict from PyTorch carries and NNTools has no use for.</summary>
    private static readonly HashSet<string> TorchOnlyOptions = ["foreach", "differentiable", "capturable", "fused"];

    /// <summary>
    /// A snapshot of the optimizer's state. Unlike PyTorch, which hands out references to its live
    /// tensors, the tensors are copies: the snapshot does not change as training goes on.
    /// </summary>
    public OptimizerStateDict StateDict()
    {
        var state = new Dictionary<int, Dictionary<string, object?>>();
        var groups = new List<Dictionary<string, object>>();
        int index = 0;
        foreach (var g in _groups)
        {
            var packed = new Dictionary<string, object>();
            foreach (var (key, value) in g.Options) packed[key] = value is double[] pair ? pair.ToArray() : value;
            var ids = new int[g.Params.Count];
            for (int i = 0; i < ids.Length; i++, index++)
            {
                ids[i] = index;
                if (_state.TryGetValue(g.Params[i], out var s)) state[index] = s.ToDictionary(kv => kv.Key, kv => Snapshot(kv.Value));
            }
            packed["params"] = ids;
            groups.Add(packed);
        }
        return new OptimizerStateDict(state, groups);
    }

    private static object? Snapshot(object? value) => value is Tensor t ? t.Detach().Clone() : value;

    /// <summary>
    /// Replaces the hyper-parameters and the state with those of <paramref name="stateDict"/>, which must
    /// have as many groups of the same sizes as this optimizer and state tensors of the parameters'
    /// shapes. State tensors are copied and converted to their parameter's dtype (except "step").
    /// Everything is checked before anything changes: on an error the optimizer is as it was.
    /// </summary>
    public void LoadStateDict(OptimizerStateDict stateDict)
    {
        ThrowIfNull(stateDict);
        var saved = stateDict.ParamGroups ?? throw Raise(new TensorArgumentException("StateDictGroupCount", "state dict has no param_groups"));
        if (saved.Count != _groups.Count)
        {
            throw Raise(new TensorArgumentException("StateDictGroupCount",
                $"loaded state dict has a different number of parameter groups (the optimizer has {_groups.Count}, the state dict {saved.Count})"));
        }
        var idMap = new Dictionary<int, (Tensor Param, int Group)>();
        var newGroups = new List<ParamGroup>();
        for (int gi = 0; gi < saved.Count; gi++)
        {
            var current = _groups[gi];
            var ids = SavedIds(saved[gi], gi);
            if (ids.Length != current.Params.Count)
            {
                throw Raise(new TensorArgumentException("StateDictGroupSize",
                    $"loaded state dict contains a parameter group that doesn't match the size of optimizer's group (group {gi}: the optimizer has {current.Params.Count} parameters, the state dict {ids.Length})"));
            }
            for (int i = 0; i < ids.Length; i++) idMap[ids[i]] = (current.Params[i], gi);
            var options = new SortedDictionary<string, object>(StringComparer.Ordinal);
            foreach (var (key, value) in saved[gi])
            {
                if (key != "params" && !TorchOnlyOptions.Contains(key)) options[key] = ParamGroup.Normalize(key, value);
            }
            foreach (var (key, value) in _defaults) options.TryAdd(key, value);
            var group = new ParamGroup(current.Params, options, ValidateGroup);
            ValidateGroup(group);
            newGroups.Add(group);
        }

        var newState = new Dictionary<Tensor, Dictionary<string, object?>>(ReferenceEqualityComparer.Instance);
        foreach (var (id, entries) in stateDict.State ?? [])
        {
            if (!idMap.TryGetValue(id, out var target))
            {
                throw Raise(new TensorArgumentException("StateDictUnknownParameter",
                    $"loaded state dict has state for parameter {id}, which none of its parameter groups lists"));
            }
            newState[target.Param] = LoadParamState(newGroups[target.Group], target.Param, id, entries);
        }

        for (int gi = 0; gi < _groups.Count; gi++) _groups[gi] = newGroups[gi];
        _state.Clear();
        foreach (var (p, s) in newState) _state[p] = s;
    }

    private static int[] SavedIds(Dictionary<string, object> group, int gi)
    {
        if (!group.TryGetValue("params", out var value) || value is not System.Collections.IEnumerable items || value is string)
        {
            throw Raise(new TensorArgumentException("StateDictGroupSize", $"parameter group {gi} of the loaded state dict has no \"params\" list"));
        }
        return items.Cast<object>().Select(x => Convert.ToInt32(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    private Dictionary<string, object?> LoadParamState(ParamGroup group, Tensor param, int id, Dictionary<string, object?> entries)
    {
        foreach (var key in RequiredStateKeys(group))
        {
            if (!entries.ContainsKey(key))
            {
                throw Raise(new TensorArgumentException("StateDictMissingKey",
                    $"loaded state of parameter {id} has no '{key}'; {GetType().Name} with these hyper-parameters keeps: {string.Join(", ", RequiredStateKeys(group))}"));
            }
        }
        var state = new Dictionary<string, object?>();
        foreach (var (key, value) in entries)
        {
            if (value is Tensor t && !ScalarStateKeys.Contains(key))
            {
                if (!Shapes.SameShape(t.Sizes, param.Sizes))
                {
                    throw Raise(new ShapeMismatchException("StateDictShapeMismatch",
                        $"loaded state '{key}' of parameter {id} has shape {Shapes.Format(t.Sizes)}, but the parameter has shape {Shapes.Format(param.Sizes)}"));
                }
                state[key] = t.Detach().To(param.DType).Clone();
            }
            else
            {
                state[key] = Snapshot(value);
            }
        }
        NormalizeLoadedState(state);
        return state;
    }

    /// <summary>State entries that are scalars, not tensors of the parameter's shape (Adam's "step", NAdam's "mu_product").</summary>
    protected virtual IReadOnlySet<string> ScalarStateKeys { get; } = new HashSet<string> { "step" };

    /// <summary>The state keys a parameter that has been stepped must have under this group's hyper-parameters.</summary>
    protected abstract IEnumerable<string> RequiredStateKeys(ParamGroup group);

    /// <summary>Brings loaded values to the forms <see cref="Update"/> reads (e.g. a "step" saved as a number by an older PyTorch).</summary>
    protected virtual void NormalizeLoadedState(Dictionary<string, object?> state)
    {
    }

    /// <summary>A step counter as PyTorch keeps it for Adam, AdamW and Adagrad: a float32 scalar tensor.</summary>
    protected static Tensor StepTensor(Dictionary<string, object?> state) => state["step"] switch
    {
        Tensor t => t,
        var v => Tensor.Scalar(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
