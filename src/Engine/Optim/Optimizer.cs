using System.Collections;
using System.Text;
using NNTools.Autograd;

namespace NNTools.Optim;

/// <summary>
/// Base of the optimizers, as torch.optim.Optimizer: parameter groups with their own
/// hyper-parameters, per-parameter state, <see cref="ZeroGrad"/>, <see cref="Step()"/> and a state
/// dict with PyTorch's structure. A subclass supplies its defaults, their validation and the
/// update of one parameter.
/// </summary>
/// <remarks>
/// Parameters must be leaf tensors of a floating dtype. One that does not require grad is accepted
/// (a frozen layer): like every parameter whose <see cref="Tensor.Grad"/> is null, it is skipped.
/// </remarks>
public abstract partial class Optimizer
{
    private readonly List<ParamGroup> _groups = [];
    private readonly Dictionary<Tensor, Dictionary<string, object?>> _state = new(ReferenceEqualityComparer.Instance);
    private readonly SortedDictionary<string, object> _defaults = new(StringComparer.Ordinal);

    /// <param name="parameters">The tensors of the first parameter group.</param>
    /// <param name="defaults">Every hyper-parameter by PyTorch name with its value for groups that do not set it.</param>
    protected Optimizer(IEnumerable<Tensor> parameters, IEnumerable<KeyValuePair<string, object>> defaults)
    {
        ThrowIfNull(parameters);
        foreach (var (key, value) in defaults) _defaults[key] = ParamGroup.Normalize(key, value);
        ValidateGroup(new ParamGroup([], _defaults, _ => { }));
        AddParamGroup(parameters);
    }

    /// <summary>The hyper-parameters a group gets when it does not set them.</summary>
    public IReadOnlyDictionary<string, object> Defaults => _defaults;

    /// <summary>The parameter groups, in the order they were added.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups => _groups;

    /// <summary>
    /// Adds a group of parameters (e.g. layers being unfrozen during fine-tuning), as
    /// add_param_group. <paramref name="options"/> overrides defaults by PyTorch name
    /// (a PowerShell hashtable works: @{ lr = 0.01 }); unknown names are refused.
    /// </summary>
    public void AddParamGroup(IEnumerable<Tensor> parameters, IDictionary? options = null)
    {
        ThrowIfNull(parameters);
        var list = parameters.ToList();
        CheckParameters(list);
        var merged = new SortedDictionary<string, object>(_defaults, StringComparer.Ordinal);
        if (options is not null)
        {
            foreach (DictionaryEntry entry in options)
            {
                var name = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                var key = _defaults.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw Raise(new TensorArgumentException("UnknownHyperParameter",
                        $"{GetType().Name} has no hyper-parameter '{name}'; valid names: {string.Join(", ", _defaults.Keys)}"));
                merged[key] = ParamGroup.Normalize(key, entry.Value);
            }
        }
        var group = new ParamGroup(list, merged, ValidateGroup);
        ValidateGroup(group);
        _groups.Add(group);
    }

    private void CheckParameters(List<Tensor> list)
    {
        if (list.Count == 0) throw Raise(new TensorArgumentException("EmptyParameterList", "optimizer got an empty parameter list"));
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < list.Count; i++)
        {
            var p = list[i] ?? throw Raise(new TensorArgumentException("NullParameter", $"parameter {i} is null"));
            if (!p.IsLeaf)
            {
                throw Raise(new TensorArgumentException("NonLeafParameter",
                    $"can't optimize a non-leaf Tensor: parameter {i} (shape {Shapes.Format(p.Sizes)}) was produced by {p.GradFn!.Name}; optimize the leaf it was computed from"));
            }
            if (!p.DType.IsFloating())
            {
                throw Raise(new DTypeMismatchException("ParameterDType",
                    $"optimizer can only optimize tensors of a floating dtype, but parameter {i} (shape {Shapes.Format(p.Sizes)}) is {p.DType.TorchName()}"));
            }
            if (!seen.Add(p))
            {
                throw Raise(new TensorArgumentException("DuplicateParameter",
                    $"parameter {i} appears more than once in the parameter group; it would be updated twice per step"));
            }
        }
        if (_groups.Any(g => g.Params.Any(seen.Contains)))
        {
            throw Raise(new TensorArgumentException("ParameterInTwoGroups", "some parameters appear in more than one parameter group"));
        }
    }

    /// <summary>
    /// Clears the gradient of every parameter: to null (the default, as PyTorch 2's set_to_none=True)
    /// or to zeros in place. A parameter with a null gradient is skipped by the next step.
    /// </summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var g in _groups)
        {
            foreach (var p in g.Params) p.ZeroGrad(setToNone);
        }
    }

    /// <summary>
    /// Updates every parameter that has a gradient, in place and without recording a graph.
    /// Parameters whose <see cref="Tensor.Grad"/> is null are skipped and keep their state.
    /// </summary>
    public virtual void Step()
    {
        using var noGrad = GradMode.NoGrad();
        foreach (var group in _groups)
        {
            foreach (var p in group.Params)
            {
                if (p.Grad is null) continue;
                if (!_state.TryGetValue(p, out var state))
                {
                    state = [];
                    _state[p] = state;
                }
                Update(group, p, p.Grad, state);
            }
        }
    }

    /// <summary>Whether <see cref="Step()"/> cannot work and the optimizer must be stepped with a closure (LBFGS).</summary>
    public virtual bool RequiresClosure => false;

    /// <summary>The state of one parameter, created empty on first use, for optimizers that step all parameters at once.</summary>
    protected Dictionary<string, object?> StateOf(Tensor param)
    {
        if (!_state.TryGetValue(param, out var state))
        {
            state = [];
            _state[param] = state;
        }
        return state;
    }

    /// <summary>Evaluates <paramref name="closure"/> (which recomputes the loss and its gradients), then steps; returns the loss.</summary>
    public virtual Tensor Step(Func<Tensor> closure)
    {
        ThrowIfNull(closure);
        var loss = closure();
        Step();
        return loss;
    }

    /// <summary>
    /// Checks a group's hyper-parameters, throwing with PyTorch's wording ("Invalid learning rate: -0.1").
    /// Called for the defaults, for each new group, whenever a value is changed and on loading a state dict.
    /// </summary>
    protected abstract void ValidateGroup(ParamGroup group);

    /// <summary>
    /// Updates one parameter from its gradient (already known not to be null) and its state, which is
    /// empty on the parameter's first step. Runs in a no-grad scope.
    /// </summary>
    protected abstract void Update(ParamGroup group, Tensor param, Tensor grad, Dictionary<string, object?> state);

    /// <summary>Throws the PyTorch-style ValueError for a hyper-parameter that fails its check.</summary>
    protected internal static void Require(bool ok, string errorId, string what, object value)
    {
        if (!ok) throw Raise(new TensorArgumentException(errorId, $"Invalid {what}: {PyFormat.Value(value)}"));
    }

    /// <summary>
    /// Hyper-parameters whose PyTorch default is a Python float with an integral value (Adadelta's
    /// lr=1.0): they print as "1.0". The engine keeps every value as a double, so other integral
    /// values print as PyTorch prints its int defaults ("momentum: 0").
    /// </summary>
    protected virtual IReadOnlySet<string> FloatDefaults { get; } = new HashSet<string>();

    /// <summary>Text like print(optimizer) in PyTorch: each group's hyper-parameters sorted by name.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(GetType().Name).Append(" (");
        for (int i = 0; i < _groups.Count; i++)
        {
            sb.Append('\n').Append("Parameter Group ").Append(i).Append('\n');
            foreach (var (key, value) in _groups[i].Options)
            {
                string text = value is double d && FloatDefaults.Contains(key) && d == Math.Floor(d) && Math.Abs(d) < 1e16 ? PyFormat.Number(d) + ".0" : PyFormat.Value(value);
                sb.Append("    ").Append(key).Append(": ").Append(text).Append('\n');
            }
        }
        return sb.Append(')').ToString();
    }
}
