using System.Reflection;
using System.Text;

namespace NNTools.NN;

/// <summary>
/// Base class of every layer and model, as torch.nn.Module. Parameters and child modules are
/// found two ways: registered explicitly (RegisterParameter / RegisterModule, used by the
/// built-in layers) and, for subclasses written in PowerShell or C#, discovered from public
/// properties and fields: a Module-typed member is a child, a Tensor member that requires grad
/// is a parameter, a Tensor member that does not is a buffer. Names are the member names, so
/// state dicts use PyTorch's dotted keys ("fc1.weight", "0.bias").
/// </summary>
public abstract class Module
{
    private readonly NamedEntries<Tensor?> _parameters = new();
    private readonly NamedEntries<Tensor> _buffers = new();
    private readonly NamedEntries<Module> _modules = new();

    // How many ToString calls are running on this thread (the outermost checks the whole tree once)
    // and how many modules the current printout has shown (a shared module prints each time it appears).
    [ThreadStatic]
    private static int t_printing;
    [ThreadStatic]
    private static int t_printed;

    /// <summary>True in training mode (the default); Dropout and similar layers behave differently in eval mode.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>
    /// The table preprocessing and class names the model was trained with (taken from a
    /// <see cref="Data.LabeledDataset"/> by training, kept in its model file), so scoring new rows
    /// repeats them; null for a model trained on tensors.
    /// </summary>
    public Data.Preprocessing? Preprocessing { get; set; }

    /// <summary>The computation of this module.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>
    /// Runs <see cref="Forward"/>, as calling a torch module, and refuses a null result (a PowerShell
    /// class whose Forward returns $null) with ForwardReturnedNull instead of passing it on.
    /// </summary>
    public Tensor Invoke(Tensor input)
    {
        // Modules run between kernels, never inside one: a safe point to reuse buffers, which gives
        // inference and validation loops (forward passes with no backward) the pool too.
        BufferPool.Reclaim();
        return Forward(input) ?? throw new ModuleException("ForwardReturnedNull",
            $"{GetType().Name}.Forward returned null for an input of shape {Shapes.Format(input.Sizes)}; Forward must return a tensor");
    }

    /// <summary>
    /// Checks that this model is a tree the engine can walk: no module holds itself (directly or
    /// through others) and nesting stays within <see cref="ModuleLimits.MaxDepth"/>. Cmdlets call it
    /// before running a model's own Forward, whose endless recursion through a cycle of PowerShell
    /// properties the engine could not stop once started.
    /// </summary>
    public void CheckStructure() => ModuleTree.Check(this);

    /// <summary>A new parameter drawn from U(-bound, bound) in long-lived memory, registered as <paramref name="name"/>: the recurrent layers' initialisation.</summary>
    private protected Tensor RegisterUniformParameter(string name, int[] shape, double bound, DType dtype, Generator? generator)
    {
        var parameter = Tensor.ZerosLongLived(shape, dtype).Uniform_(-bound, bound, generator).RequiresGrad_();
        RegisterParameter(name, parameter);
        return parameter;
    }

    protected void RegisterParameter(string name, Tensor? parameter)
    {
        if (parameter is not null && !parameter.IsLeaf)
        {
            throw new TensorArgumentException("ParameterNotLeaf", $"cannot assign a non-leaf tensor as parameter '{name}'; use Detach() first");
        }
        _parameters.Set(name, parameter);
    }

    protected void RegisterBuffer(string name, Tensor buffer) => _buffers.Set(name, buffer);

    /// <summary>
    /// Adds or replaces a child. A child that is this module or holds it is refused (ModuleCycle),
    /// and so is one nested too deep to sit below this module (ModuleNestingTooDeep): either would
    /// make every later walk of the model fail, so the mistake is reported where it is made.
    /// </summary>
    protected void RegisterModule(string name, Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        foreach (var (path, m) in ModuleTree.Walk(module, name, rootLevel: 2))
        {
            if (ReferenceEquals(m, this))
            {
                throw new ModuleException("ModuleCycle",
                    $"cannot add a {module.GetType().Name} as child '{name}' of this {GetType().Name}: " +
                    (path == name ? "it is this very module" : $"it holds this {GetType().Name} (at '{path}')") +
                    ", and a model must not contain itself");
            }
        }
        _modules.Set(name, module);
    }

    // The public walks return arrays, not lazy sequences: PowerShell indexes and counts them
    // ($model.Parameters()[0], .Count; a collection expression's read-only wrapper hides Count from it),
    // and an array is a snapshot that later registrations do not change under the caller.

    /// <summary>Direct children with their names, registered ones first, then discovered members.</summary>
    public IReadOnlyList<(string Name, Module Module)> NamedChildren() => EnumerateChildren().ToArray();

    private IEnumerable<(string Name, Module Module)> EnumerateChildren()
    {
        foreach (var m in _modules) yield return m;
        foreach (var (name, value) in DiscoveredMembers())
        {
            switch (value)
            {
                case Module m when !_modules.Contains(name):
                    yield return (name, m);
                    break;
                case IEnumerable<Module> list when value is not Module:
                    int i = 0;
                    foreach (var m in list) yield return ($"{name}.{i++}", m);
                    break;
            }
        }
    }

    public IReadOnlyList<Module> Children() => EnumerateChildren().Select(c => c.Module).ToArray();

    /// <summary>This module's own parameters (not its children's), in registration then declaration order.</summary>
    private IEnumerable<(string Name, Tensor Tensor)> OwnParameters()
    {
        foreach (var (name, t) in _parameters) if (t is not null) yield return (name, t);
        foreach (var (name, value) in DiscoveredMembers())
        {
            if (value is Tensor t && t.RequiresGrad && !_parameters.Contains(name)) yield return (name, t);
        }
    }

    private IEnumerable<(string Name, Tensor Tensor)> OwnBuffers()
    {
        foreach (var b in _buffers) yield return b;
        foreach (var (name, value) in DiscoveredMembers())
        {
            if (value is Tensor t && !t.RequiresGrad && !_buffers.Contains(name) && !_parameters.Contains(name))
            {
                yield return (name, t);
            }
        }
    }

    /// <summary>Every parameter with its dotted name, each tensor once, as named_parameters().</summary>
    public IReadOnlyList<(string Name, Tensor Parameter)> NamedParameters() => EnumerateParameters().ToArray();

    private IEnumerable<(string Name, Tensor Parameter)> EnumerateParameters()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (var (name, p) in module.OwnParameters())
            {
                if (seen.Add(p)) yield return (ModuleTree.Join(prefix, name), p);
            }
        }
    }

    public IReadOnlyList<Tensor> Parameters() => EnumerateParameters().Select(p => p.Parameter).ToArray();

    public IReadOnlyList<(string Name, Tensor Buffer)> NamedBuffers() => EnumerateBuffers().ToArray();

    private IEnumerable<(string Name, Tensor Buffer)> EnumerateBuffers()
    {
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (var (name, b) in module.OwnBuffers()) yield return (ModuleTree.Join(prefix, name), b);
        }
    }

    /// <summary>
    /// This module and all descendants, depth first, each once, with dotted names ("" for this one),
    /// as named_modules(). A cycle (ModuleCycle) or nesting beyond <see cref="ModuleLimits.MaxDepth"/>
    /// (ModuleNestingTooDeep) is an error: every parameter, buffer and state-dict walk comes here.
    /// </summary>
    public IReadOnlyList<(string Name, Module Module)> NamedModules() => ModuleTree.Walk(this).ToArray();

    public IReadOnlyList<Module> Modules() => ModuleTree.Walk(this).Select(m => m.Module).ToArray();

    /// <summary>Public properties and fields declared by subclasses, in declaration order.</summary>
    private IEnumerable<(string Name, object? Value)> DiscoveredMembers()
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        var type = GetType();
        if (type.Assembly == typeof(Module).Assembly) yield break;
        var members = type.GetProperties(flags).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Cast<MemberInfo>()
            .Concat(type.GetFields(flags))
            .Where(m => m.DeclaringType != typeof(Module) && m.DeclaringType!.IsSubclassOf(typeof(Module)))
            .OrderBy(m => m.MetadataToken);
        foreach (var m in members)
        {
            var memberType = m is PropertyInfo p ? p.PropertyType : ((FieldInfo)m).FieldType;
            if (!typeof(Module).IsAssignableFrom(memberType) && memberType != typeof(Tensor)
                && !typeof(IEnumerable<Module>).IsAssignableFrom(memberType) && memberType != typeof(object))
            {
                continue;
            }
            object? value = m is PropertyInfo pi ? pi.GetValue(this) : ((FieldInfo)m).GetValue(this);
            if (value is Module or Tensor or IEnumerable<Module>) yield return (m.Name, value);
        }
    }

    /// <summary>Sets training mode on this module and every descendant.</summary>
    public Module Train(bool mode = true)
    {
        foreach (var m in Modules()) m.Training = mode;
        return this;
    }

    /// <summary>Sets evaluation mode (Train(false)).</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears every parameter's gradient (to null by default, as PyTorch 2's set_to_none).</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters()) p.ZeroGrad(setToNone);
    }

    /// <summary>Parameters and buffers by dotted name, as state_dict(): the live tensors, detached.</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var dict = new Dictionary<string, Tensor>();
        foreach (var (name, p) in NamedParameters()) dict[name] = p.Detach();
        foreach (var (name, b) in NamedBuffers()) dict[name] = b.Detach();
        return dict;
    }

    /// <summary>
    /// Copies values into this module's parameters and buffers by name. With <paramref name="strict"/>,
    /// missing or unexpected keys are an error; shapes must always match.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = NamedParameters().Concat(NamedBuffers().Select(b => (b.Name, Parameter: b.Buffer))).ToDictionary(e => e.Name, e => e.Parameter);
        if (strict)
        {
            var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
            {
                throw new TensorArgumentException("StateDictKeys",
                    $"Error(s) in loading state_dict for {GetType().Name}: missing keys: [{string.Join(", ", missing)}]; unexpected keys: [{string.Join(", ", unexpected)}]");
            }
        }
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var source)) continue;
            if (!target.Shape.SequenceEqual(source.Shape))
            {
                throw new ShapeMismatchException("StateDictShape",
                    $"size mismatch for {name}: copying a param with shape {Shapes.Format(source.Sizes)} from checkpoint, the shape in current model is {Shapes.Format(target.Sizes)}");
            }
        }
        using var _ = Autograd.GradMode.NoGrad();
        foreach (var (name, target) in own)
        {
            if (state.TryGetValue(name, out var source)) target.Copy_(source);
        }
    }

    /// <summary>The arguments shown inside the parentheses of this module's printout, as extra_repr().</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>The module as PyTorch prints it: Name(extra) or Name(\n  (child): ...\n).</summary>
    /// <remarks>
    /// The outermost call walks the whole tree first, so a cycle or a nesting too deep is reported
    /// (ModuleCycle, ModuleNestingTooDeep) before the recursive printout could overflow the stack;
    /// a printout of more than <see cref="ModuleLimits.MaxModules"/> modules (shared modules nested
    /// in one another multiply) is refused with TooManyModules rather than growing without bound.
    /// </remarks>
    public override string ToString()
    {
        if (t_printing == 0)
        {
            ModuleTree.Check(this);
            t_printed = 0;
        }
        if (++t_printed > ModuleLimits.MaxModules)
        {
            throw new TensorLimitException("TooManyModules",
                $"the printout of the model would show more than {ModuleLimits.MaxModules} modules (ModuleLimits.MaxModules); a module shared in several places prints each time it appears");
        }
        t_printing++;
        try
        {
            return Print();
        }
        finally
        {
            t_printing--;
        }
    }

    private string Print()
    {
        var children = NamedChildren().ToList();
        var extra = ExtraRepr();
        if (children.Count == 0) return $"{GetType().Name}({extra})";
        var sb = new StringBuilder();
        sb.Append(GetType().Name).Append('(');
        if (extra.Length > 0) sb.Append("\n  ").Append(extra);
        foreach (var (name, child) in children)
        {
            var text = child.ToString().Replace("\n", "\n  ", StringComparison.Ordinal);
            sb.Append("\n  (").Append(name).Append("): ").Append(text);
        }
        sb.Append("\n)");
        return sb.ToString();
    }
}
