namespace NNTools.NN;

/// <summary>x Φ(x), as nn.GELU(approximate): "none" (the exact erf form) or "tanh".</summary>
public sealed class GELU : Module
{
    public GELU(string approximate = "none")
    {
        if (approximate is not ("none" or "tanh"))
        {
            throw Raise(new TensorArgumentException("InvalidApproximate", $"approximate argument must be either none or tanh, got '{approximate}'"));
        }
        Approximate = approximate;
    }

    public string Approximate { get; }

    public override Tensor Forward(Tensor input) => input.Gelu(Approximate);

    protected override string ExtraRepr() => $"approximate='{Approximate}'";
}

/// <summary>x σ(x), as nn.SiLU.</summary>
public sealed class SiLU : Module
{
    public override Tensor Forward(Tensor input) => input.Silu();
}

/// <summary>x for x &gt; 0, α (e^x - 1) elsewhere, as nn.ELU(alpha).</summary>
public sealed class ELU(double alpha = 1.0) : Module
{
    public double Alpha { get; } = alpha;

    public override Tensor Forward(Tensor input) => input.Elu(Alpha);

    protected override string ExtraRepr() => $"alpha={ActivationFormat.Float(Alpha)}";
}

/// <summary>log(1 + e^(βx)) / β, linear past the threshold, as nn.Softplus(beta, threshold).</summary>
public sealed class Softplus(double beta = 1.0, double threshold = 20.0) : Module
{
    public double Beta { get; } = beta;

    public double Threshold { get; } = threshold;

    public override Tensor Forward(Tensor input) => input.Softplus(Beta, Threshold);

    // torch's defaults are Python ints (beta=1, threshold=20) and print so.
    protected override string ExtraRepr() => $"beta={Optim.PyFormat.Number(Beta)}, threshold={Optim.PyFormat.Number(Threshold)}";
}

/// <summary>Clamps to [minVal, maxVal], as nn.Hardtanh(min_val, max_val).</summary>
public sealed class Hardtanh : Module
{
    public Hardtanh(double minVal = -1.0, double maxVal = 1.0)
    {
        // nn.Hardtanh asserts this in its constructor (F.hardtanh alone does not).
        if (!(maxVal > minVal))
        {
            throw Raise(new TensorArgumentException("InvalidBounds", $"Hardtanh needs max_val > min_val, got min_val={ActivationFormat.Float(minVal)} and max_val={ActivationFormat.Float(maxVal)}"));
        }
        MinVal = minVal;
        MaxVal = maxVal;
    }

    public double MinVal { get; }

    public double MaxVal { get; }

    public override Tensor Forward(Tensor input) => input.Hardtanh(MinVal, MaxVal);

    protected override string ExtraRepr() => $"min_val={ActivationFormat.Float(MinVal)}, max_val={ActivationFormat.Float(MaxVal)}";
}

/// <summary>x tanh(softplus(x)), as nn.Mish.</summary>
public sealed class Mish : Module
{
    public override Tensor Forward(Tensor input) => input.Mish();
}

internal static class ActivationFormat
{
    /// <summary>A Python float's repr: a whole number keeps its ".0" (alpha=1.0).</summary>
    public static string Float(double value)
    {
        var text = Optim.PyFormat.Number(value);
        return double.IsFinite(value) && value == Math.Floor(value) ? text + ".0" : text;
    }
}
