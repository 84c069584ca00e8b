using System.Runtime.CompilerServices;

namespace NNTools.NN;

/// <summary>Runs its children in order, each output feeding the next, as nn.Sequential. Children are named "0", "1", ...</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    // How many Sequential forward passes are running inside one another on this thread.
    [ThreadStatic]
    private static int t_forwardDepth;

    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers) Append(layer);
    }

    public Sequential(IEnumerable<Module> layers) : this(layers.ToArray()) { }

    /// <summary>Adds a layer at the end; a layer that is or holds this Sequential is refused (ModuleCycle).</summary>
    public Sequential Append(Module layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <summary>The number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>The layer at <paramref name="index"/> (negative counts from the end).</summary>
    public Module this[int index]
    {
        get
        {
            int i = index < 0 ? index + _layers.Count : index;
            if (i < 0 || i >= _layers.Count)
            {
                throw new TensorIndexException("LayerIndexOutOfRange", $"index {index} is out of range for a Sequential of {_layers.Count} layers");
            }
            return _layers[i];
        }
    }

    /// <remarks>
    /// Nested Sequentials run inside one another, so the nesting is counted per thread and refused
    /// beyond <see cref="ModuleLimits.MaxDepth"/>, or when the stack runs short (PowerShell classes
    /// in between use much more of it): either raises ModuleNestingTooDeep, which can be caught,
    /// where a stack overflow would end the session. A null output of a layer is ForwardReturnedNull.
    /// </remarks>
    public override Tensor Forward(Tensor input)
    {
        if (t_forwardDepth >= ModuleLimits.MaxDepth)
        {
            throw ModuleTree.TooDeep("a Sequential running inside other Sequentials' forward passes", t_forwardDepth + 1);
        }
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new TensorLimitException("ModuleNestingTooDeep",
                $"a Sequential's forward pass, {t_forwardDepth + 1} Sequentials deep, would overflow the stack; does a module's Forward call itself, or reach itself through a property?");
        }
        t_forwardDepth++;
        try
        {
            var x = input;
            foreach (var layer in _layers) x = layer.Invoke(x);
            return x;
        }
        finally
        {
            t_forwardDepth--;
        }
    }
}
