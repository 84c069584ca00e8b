namespace NNTools.NN;

/// <summary>Runs its children in order, each output feeding the next, as nn.Sequential. Children are named "0", "1", ...</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers) Append(layer);
    }

    public Sequential(IEnumerable<Module> layers) : this(layers.ToArray()) { }

    /// <summary>Adds a layer at the end.</summary>
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

    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }
}
