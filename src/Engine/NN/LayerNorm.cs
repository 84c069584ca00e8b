using System.Globalization;

namespace NNTools.NN;

/// <summary>
/// Layer normalisation over the last dims, as nn.LayerNorm(normalized_shape): each sample's trailing
/// <c>normalized_shape</c> elements are normalised by their own mean and biased variance,
/// y = (x − mean) / √(var + eps) · weight + bias, with weight (ones) and bias (zeros) of that shape.
/// The same in training and eval.
/// </summary>
public sealed class LayerNorm : Module
{
    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(s => s <= 0))
        {
            throw Raise(new TensorArgumentException("InvalidNormalizedShape", $"LayerNorm needs a non-empty normalized_shape of positive sizes, got {Shapes.Format(normalizedShape)}"));
        }
        NormalizedShape = [.. normalizedShape];
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = Tensor.Ones(NormalizedShape, DType.Float32).RequiresGrad_();
            Bias = Tensor.Zeros(NormalizedShape, DType.Float32).RequiresGrad_();
            RegisterParameter("weight", Weight);
            RegisterParameter("bias", Bias);
        }
    }

    public int[] NormalizedShape { get; }

    public double Eps { get; }

    public Tensor? Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input)
    {
        ThrowIfNull(input);
        int k = NormalizedShape.Length;
        if (input.Ndim < k || !input.Sizes[^k..].SequenceEqual(NormalizedShape))
        {
            throw Raise(new ShapeMismatchException("LayerNormInputShape",
                $"Given normalized_shape={Shapes.Format(NormalizedShape)}, expected input with shape [*, {string.Join(", ", NormalizedShape)}], but got input of size {Shapes.Format(input.Sizes)}"));
        }
        int[] dims = [.. Enumerable.Range(input.Ndim - k, k)];
        var mean = input.Mean(dims, keepDim: true);
        var variance = input.Var(dims, correction: 0, keepDim: true);
        var y = (input - mean) * (variance + Eps).Rsqrt();
        return Weight is null ? y : y * Weight + Bias!;
    }

    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture,
        $"({(NormalizedShape.Length == 1 ? NormalizedShape[0] + "," : string.Join(", ", NormalizedShape))}), eps={Optim.PyFormat.Number(Eps)}, elementwise_affine={(Weight is null ? "False" : "True")}");
}
