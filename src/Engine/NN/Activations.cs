using System.Globalization;

namespace NNTools.NN;

/// <summary>max(0, x), as nn.ReLU.</summary>
public sealed class ReLU : Module
{
    public override Tensor Forward(Tensor input) => input.Relu();
}

/// <summary>x for x &gt;= 0, slope * x otherwise, as nn.LeakyReLU.</summary>
public sealed class LeakyReLU(double negativeSlope = 0.01) : Module
{
    public double NegativeSlope { get; } = negativeSlope;

    public override Tensor Forward(Tensor input) => input.LeakyRelu(NegativeSlope);

    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture, $"negative_slope={NegativeSlope}");
}

/// <summary>1 / (1 + e^-x), as nn.Sigmoid.</summary>
public sealed class Sigmoid : Module
{
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}

/// <summary>tanh(x), as nn.Tanh.</summary>
public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>Softmax over <see cref="Dim"/>, as nn.Softmax(dim).</summary>
public sealed class Softmax(int dim) : Module
{
    public int Dim { get; } = dim;

    public override Tensor Forward(Tensor input) => input.Softmax(Dim);

    protected override string ExtraRepr() => $"dim={Dim}";
}

/// <summary>log(softmax(x)) over <see cref="Dim"/>, computed stably, as nn.LogSoftmax(dim).</summary>
public sealed class LogSoftmax(int dim) : Module
{
    public int Dim { get; } = dim;

    public override Tensor Forward(Tensor input) => input.LogSoftmax(Dim);

    protected override string ExtraRepr() => $"dim={Dim}";
}

/// <summary>Returns its input, as nn.Identity.</summary>
public sealed class Identity : Module
{
    public override Tensor Forward(Tensor input) => input;
}

/// <summary>Flattens dims startDim..endDim (by default all but the batch dim), as nn.Flatten.</summary>
public sealed class Flatten(int startDim = 1, int endDim = -1) : Module
{
    public int StartDim { get; } = startDim;

    public int EndDim { get; } = endDim;

    public override Tensor Forward(Tensor input) => input.Flatten(StartDim, EndDim);

    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}

/// <summary>
/// In training mode, zeroes each element with probability p and scales the rest by 1/(1-p);
/// in eval mode, the identity. The mask is drawn as PyTorch does: bernoulli_(1 - p) on a tensor
/// shaped like the input, then divided by (1 - p).
/// </summary>
public sealed class Dropout : Module
{
    public Dropout(double p = 0.5, Generator? generator = null)
    {
        if (p < 0 || p > 1)
        {
            throw Raise(new TensorArgumentException("InvalidProbability", $"dropout probability has to be between 0 and 1, but got {p}"));
        }
        P = p;
        Generator = generator;
    }

    public double P { get; }

    public Generator? Generator { get; }

    public override Tensor Forward(Tensor input)
    {
        if (!Training || P == 0) return input;
        if (P == 1) return input * 0.0;
        var noise = Tensor.ZerosLike(input).Bernoulli_(1 - P, Generator);
        noise.Div_(1 - P);
        return input * noise;
    }

    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture, $"p={P}, inplace=False");
}
