namespace NNTools.NN;

/// <summary>
/// Weight initialisations as torch.nn.init, computing their bounds with the same double-precision
/// expressions as PyTorch so that a seeded model starts from bit-identical weights.
/// </summary>
public static class Init
{
    /// <summary>The recommended gain for a nonlinearity, as calculate_gain (leaky_relu with its slope, relu, tanh, sigmoid, linear).</summary>
    public static double CalculateGain(string nonlinearity, double param = 0.01) => nonlinearity.ToLowerInvariant() switch
    {
        "linear" or "identity" or "conv2d" or "sigmoid" => 1.0,
        "tanh" => 5.0 / 3,
        "relu" => Math.Sqrt(2.0),
        "leaky_relu" => Math.Sqrt(2.0 / (1 + Math.Pow(param, 2))),
        "selu" => 3.0 / 4,
        _ => throw Raise(new TensorArgumentException("UnknownNonlinearity", $"Unsupported nonlinearity {nonlinearity}")),
    };

    /// <summary>
    /// U(-bound, bound) with bound = sqrt(3) * gain / sqrt(fanIn), gain for leaky_relu with slope
    /// <paramref name="a"/>, as kaiming_uniform_(tensor, a, mode='fan_in', nonlinearity='leaky_relu').
    /// </summary>
    public static Tensor KaimingUniform(Tensor tensor, double a, int fanIn, Generator? generator = null)
    {
        if (fanIn == 0) return tensor;
        double gain = CalculateGain("leaky_relu", a);
        double std = gain / Math.Sqrt(fanIn);
        double bound = Math.Sqrt(3.0) * std;
        using var _ = Autograd.GradMode.NoGrad();
        return tensor.Uniform_(-bound, bound, generator);
    }

    /// <summary>U(a, b) in place, as uniform_.</summary>
    public static Tensor Uniform(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
    {
        using var _ = Autograd.GradMode.NoGrad();
        return tensor.Uniform_(a, b, generator);
    }

    /// <summary>N(mean, std²) in place, as normal_.</summary>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        using var _ = Autograd.GradMode.NoGrad();
        return tensor.Normal_(mean, std, generator);
    }

    /// <summary>
    /// U(-b, b) with b = gain * sqrt(6 / (fanIn + fanOut)), as xavier_uniform_ for a weight [out, in, ...].
    /// </summary>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1.0, Generator? generator = null)
    {
        var (fanIn, fanOut) = Fans(tensor);
        double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        double bound = Math.Sqrt(3.0) * std;
        using var _ = Autograd.GradMode.NoGrad();
        return tensor.Uniform_(-bound, bound, generator);
    }

    /// <summary>Fills with zeros in place.</summary>
    public static Tensor Zeros(Tensor tensor)
    {
        using var _ = Autograd.GradMode.NoGrad();
        return tensor.Zero_();
    }

    /// <summary>Fan-in and fan-out of a weight [out, in, k...], as _calculate_fan_in_and_fan_out.</summary>
    public static (int FanIn, int FanOut) Fans(Tensor tensor)
    {
        if (tensor.Ndim < 2)
        {
            throw Raise(new ShapeMismatchException("FanDims", $"Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape {Shapes.Format(tensor.Sizes)})"));
        }
        int receptive = 1;
        for (int d = 2; d < tensor.Ndim; d++) receptive *= tensor.Size(d);
        return (tensor.Size(1) * receptive, tensor.Size(0) * receptive);
    }
}
