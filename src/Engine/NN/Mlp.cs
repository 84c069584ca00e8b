namespace NNTools.NN;

/// <summary>Builds multi-layer perceptrons and layers by name, for cmdlets and scripts.</summary>
public static class Layers
{
    /// <summary>The activation names <see cref="Activation"/> accepts (used for tab completion): LayerCatalog's activations.</summary>
    public static IReadOnlyList<string> ActivationNames => LayerCatalog.ActivationNames;

    /// <summary>An activation module by (case-insensitive) name, with its default arguments; "none" and "linear" mean Identity.</summary>
    public static Module Activation(string name)
    {
        string key = name.Trim();
        if (key.Equals("none", StringComparison.OrdinalIgnoreCase) || key.Equals("linear", StringComparison.OrdinalIgnoreCase)) key = "Identity";
        if (!ActivationNames.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            throw Raise(new TensorArgumentException("UnknownActivation", $"unknown activation '{name}'; expected one of {string.Join(", ", ActivationNames)}"));
        }
        return LayerCatalog.Create(key, new Dictionary<string, object?>());
    }

    /// <summary>
    /// Linear layers between consecutive <paramref name="sizes"/> (at least input and output),
    /// <paramref name="activation"/> after every hidden layer, and an optional activation on the output.
    /// Mlp([2, 500, 500, 1], "ReLU", "Sigmoid") is the tutorial's moons classifier.
    /// </summary>
    public static Sequential Mlp(IReadOnlyList<int> sizes, string activation = "ReLU", string? outputActivation = null, double dropout = 0, Generator? generator = null)
    {
        if (sizes.Count < 2)
        {
            throw Raise(new TensorArgumentException("MlpSizes", $"an MLP needs at least an input and an output size, got [{string.Join(", ", sizes)}]"));
        }
        // Checked even when no hidden layer uses it: a misspelt name is a mistake with two sizes too.
        _ = Activation(activation);
        var seq = new Sequential();
        for (int i = 0; i + 1 < sizes.Count; i++)
        {
            seq.Append(new Linear(sizes[i], sizes[i + 1], generator: generator));
            bool hidden = i + 2 < sizes.Count;
            if (hidden)
            {
                seq.Append(Activation(activation));
                if (dropout > 0) seq.Append(new Dropout(dropout, generator));
            }
        }
        if (!string.IsNullOrEmpty(outputActivation)) seq.Append(Activation(outputActivation));
        return seq;
    }
}
