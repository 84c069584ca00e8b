using System.Globalization;

namespace NNTools.NN;

/// <summary>
/// Zeroes whole channels, as nn.Dropout2d: in training each channel of [N, C, H, W] (or [C, H, W]) is
/// zeroed with probability p and the rest scaled by 1/(1−p); in eval mode the identity. The mask is
/// drawn as PyTorch draws it, bernoulli_(1 − p) on an [N, C, 1, 1] tensor. A 3-d input is read as
/// PyTorch 1.13 reads it (with a warning there): [N, C, L], each of its rows dropped as a channel.
/// </summary>
public sealed class Dropout2d : Module
{
    public Dropout2d(double p = 0.5, Generator? generator = null)
    {
        if (p < 0 || p > 1 || double.IsNaN(p))
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
        ThrowIfNull(input);
        if (input.Ndim is not (3 or 4))
        {
            throw Raise(new ShapeMismatchException("Dropout2dInputRank", $"Dropout2d expects a 3-d [C, H, W] or 4-d [N, C, H, W] input, got shape {Shapes.Format(input.Sizes)}"));
        }
        if (!Training || P == 0) return input;
        if (P == 1) return input * 0.0;
        int[] maskShape = [input.Size(0), input.Size(1), .. Enumerable.Repeat(1, input.Ndim - 2)];
        var mask = Tensor.Zeros(maskShape, input.DType).Bernoulli_(1 - P, Generator);
        mask.Div_(1 - P);
        return input * mask;
    }

    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture, $"p={P}, inplace=False");
}
