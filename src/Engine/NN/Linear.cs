using System.Globalization;

namespace NNTools.NN;

/// <summary>
/// y = x W^T + b over any number of leading batch dims, as nn.Linear. Weight [out, in] and bias
/// [out] start from PyTorch's default, drawn weight first, then bias, from the given or default
/// generator: kaiming_uniform_(a = sqrt(5)) for the weight (about U(-1/sqrt(in), 1/sqrt(in))) and
/// U(-1/sqrt(in), 1/sqrt(in)) for the bias.
/// </summary>
public sealed class Linear : Module
{
    public Linear(int inFeatures, int outFeatures, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (inFeatures < 0 || outFeatures < 0)
        {
            throw Raise(new TensorArgumentException("InvalidFeatures", $"Linear needs non-negative sizes, got in_features={inFeatures}, out_features={outFeatures}"));
        }
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = Init.KaimingUniform(Tensor.ZerosLongLived([outFeatures, inFeatures], dtype), Math.Sqrt(5), inFeatures, generator).RequiresGrad_();
        RegisterParameter("weight", Weight);
        if (bias)
        {
            double bound = inFeatures > 0 ? 1 / Math.Sqrt(inFeatures) : 0;
            Bias = Tensor.ZerosLongLived([outFeatures], dtype).Uniform_(-bound, bound, generator).RequiresGrad_();
            RegisterParameter("bias", Bias);
        }
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input)
    {
        ThrowIfNull(input);
        if (input.Ndim == 0 || input.Size(-1) != InFeatures) throw Raise(InputShapeError(input));
        if (input.Ndim == 2 && input.DType == Weight.DType && input.DType.IsFloating() && (Bias is null || Bias.DType == Weight.DType))
        {
            return Tensor.LinearRows(input, Weight, Bias);
        }
        var y = input.MatMul(Weight.T);
        return Bias is null ? y : y + Bias;
    }

    protected override string ExtraRepr() =>
        string.Create(CultureInfo.InvariantCulture, $"in_features={InFeatures}, out_features={OutFeatures}, bias={(Bias is null ? "False" : "True")}");

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown,
    // which keeps the checked method small for the JIT (a first training step compiles dozens of them).
    private ShapeMismatchException InputShapeError(Tensor input)
    {
        var shape = Shapes.Format(input.Sizes);
        var rows = input.Ndim == 0 ? "1x1" : $"{input.Numel() / Math.Max(input.Size(-1), 1)}x{input.Size(-1)}";
        return new ShapeMismatchException("LinearInputShape",
            $"mat1 and mat2 shapes cannot be multiplied ({rows} and {InFeatures}x{OutFeatures}): Linear(in_features={InFeatures}) got input of shape {shape}");
    }
}
