namespace NNTools.NN;

/// <summary>Builds multi-layer perceptrons and layers by name, for cmdlets and scripts.</summary>
public static class Layers
{
    /// <summary>The activation names <see cref="Activation"/> accepts (used for tab completion).</summary>
    public static IReadOnlyList<string> ActivationNames { get; } = ["ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Identity"];

    /// <summary>An activation module by (case-insensitive) name.</summary>
    public static Module Activation(string name) => name.Trim().ToLowerInvariant() switch
    {
        "relu" => new ReLU(),
        "leakyrelu" => new LeakyReLU(),
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "softmax" => new Softmax(-1),
        "logsoftmax" => new LogSoftmax(-1),
        "identity" or "none" or "linear" => new Identity(),
        _ => throw Raise(new TensorArgumentException("UnknownActivation",
            $"unknown activation '{name}'; expected one of {string.Join(", ", ActivationNames)}")),
    };

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
