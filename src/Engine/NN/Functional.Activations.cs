namespace NNTools.NN;

/// <summary>The activations as functions (torch.nn.functional.gelu and friends), for code written against F.</summary>
public static partial class Functional
{
    /// <summary>F.gelu(input, approximate): "none" for x Φ(x), "tanh" for the tanh approximation.</summary>
    public static Tensor Gelu(Tensor input, string approximate = "none") => NotNull(input).Gelu(approximate);

    /// <summary>F.silu: x σ(x).</summary>
    public static Tensor Silu(Tensor input) => NotNull(input).Silu();

    /// <summary>F.elu: x for x &gt; 0, α (e^x - 1) elsewhere.</summary>
    public static Tensor Elu(Tensor input, double alpha = 1.0) => NotNull(input).Elu(alpha);

    /// <summary>F.softplus: log(1 + e^(βx)) / β, x itself past the threshold.</summary>
    public static Tensor Softplus(Tensor input, double beta = 1.0, double threshold = 20.0) => NotNull(input).Softplus(beta, threshold);

    /// <summary>F.hardtanh: the input clamped to [minVal, maxVal].</summary>
    public static Tensor Hardtanh(Tensor input, double minVal = -1.0, double maxVal = 1.0) => NotNull(input).Hardtanh(minVal, maxVal);

    /// <summary>F.mish: x tanh(softplus(x)).</summary>
    public static Tensor Mish(Tensor input) => NotNull(input).Mish();

    private static Tensor NotNull(Tensor input)
    {
        ThrowIfNull(input);
        return input;
    }
}
