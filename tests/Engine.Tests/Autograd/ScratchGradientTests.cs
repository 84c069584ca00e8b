using NNTools.Autograd;
using NNTools.NN;

namespace NNTools.Tests.Autograd;

/// <summary>
/// Activation gradients written over a scratch gradient buffer (one a Linear or mv backward has just
/// made and handed to exactly one tensor): the results must be those of the formula, and a buffer
/// that is shared, or kept as a retained gradient, must never be overwritten.
/// </summary>
public class ScratchGradientTests
{
    private static Tensor Mask(Tensor h) => h.Gt(0.0).To(h.DType);

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void LinearReluLinearGradientsAreTheFormulas(DType dtype)
    {
        var g = new Generator(5);
        var lin1 = new Linear(3, 5, dtype: dtype, generator: g);
        var lin2 = new Linear(5, 2, dtype: dtype, generator: g);
        var x = Tensor.Randn([7, 3], dtype, g).RequiresGrad_();

        var h = lin1.Forward(x);
        lin2.Forward(h.Relu()).Sum().Backward();

        using var _ = GradMode.NoGrad();
        var gh = Tensor.Ones([7, 2], dtype).MatMul(lin2.Weight) * Mask(h);
        Assert.Equal(gh.MatMul(lin1.Weight).ToDoubleArray(), x.Grad!.ToDoubleArray());
        Assert.Equal(gh.T.MatMul(x).ToDoubleArray(), lin1.Weight.Grad!.ToDoubleArray());
    }

    [Fact]
    public void AGradientSharedByTwoActivationsIsReadByBoth()
    {
        // s = relu(h) + tanh(h): the sum hands lin2's input gradient to both activations, so neither
        // may write over it (the second would read the first's result).
        var g = new Generator(6);
        var lin1 = new Linear(3, 4, dtype: DType.Float64, generator: g);
        var lin2 = new Linear(4, 2, dtype: DType.Float64, generator: g);
        var x = Tensor.Randn([5, 3], DType.Float64, g).RequiresGrad_();

        var h = lin1.Forward(x);
        var c = h.Tanh();
        lin2.Forward(h.Relu() + c).Sum().Backward();

        using var _ = GradMode.NoGrad();
        var gs = Tensor.Ones([5, 2], DType.Float64).MatMul(lin2.Weight);
        var gh = gs * Mask(h) + gs * (1.0 - c * c);
        var expected = gh.MatMul(lin1.Weight).ToDoubleArray();
        var actual = x.Grad!.ToDoubleArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }

    [Fact]
    public void ARetainedGradientKeepsItsValueWhenTheActivationBackwardRuns()
    {
        var g = new Generator(7);
        var lin1 = new Linear(3, 4, generator: g);
        var lin2 = new Linear(4, 2, generator: g);
        var x = Tensor.Randn([5, 3], DType.Float32, g).RequiresGrad_();

        var h = lin1.Forward(x);
        h.RetainGrad();
        var a = h.Relu();
        a.RetainGrad();
        lin2.Forward(a).Sum().Backward();

        using var _ = GradMode.NoGrad();
        var ga = Tensor.Ones(5, 2).MatMul(lin2.Weight);
        Assert.Equal(ga.ToFloatArray(), a.Grad!.ToFloatArray());
        Assert.Equal((ga * Mask(h)).ToFloatArray(), h.Grad!.ToFloatArray());
    }

    [Fact]
    public void TanhAfterMvGetsTheFormula()
    {
        // W4's shape: tanh(X W) w, whose tanh gradient arrives as mv's outer product.
        var g = new Generator(8);
        var x = Tensor.Randn([6, 4], DType.Float32, g);
        var w1 = Tensor.Randn([4, 3], DType.Float32, g).RequiresGrad_();
        var w2 = Tensor.Randn([3], DType.Float32, g).RequiresGrad_();

        var t = x.MatMul(w1).Tanh();
        t.MatMul(w2).Sum().Backward();

        using var _ = GradMode.NoGrad();
        var gt = Tensor.Ones(6).Unsqueeze(1).MatMul(w2.Unsqueeze(0));
        var expected = x.T.MatMul(gt * (1.0 - t * t)).ToFloatArray();
        var actual = w1.Grad!.ToFloatArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
    }
}
