namespace NNTools.Tests.Tutorials;

/// <summary>The tutorials' hand-written backward passes agree with autograd to 1e-6 in float64.</summary>
[Collection(NNTools.Tests.Random.DefaultGeneratorCollection.Name)]
public class HandDerivedBackwardTests
{
    private static void AssertClose(Tensor expected, Tensor actual) =>
        Assert.True(expected.AllClose(actual, rtol: 0, atol: 1e-6), $"expected {expected}, got {actual}");

    [Fact]
    public void AssignmentThreeFourTwoNetwork()
    {
        Tensor.ManualSeed(0);
        var (x, y) = ToyData.Generate(20, DType.Float64);
        var w1 = (Tensor.Randn([3, 4], DType.Float64) * 0.2).RequiresGrad_();
        var b1 = (Tensor.Randn([1, 4], DType.Float64) * 0.2).RequiresGrad_();
        var w2 = (Tensor.Randn([4, 2], DType.Float64) * 0.2).RequiresGrad_();
        var b2 = (Tensor.Randn([1, 2], DType.Float64) * 0.2).RequiresGrad_();

        // forward, then the tutorial's manual backward under no-grad
        var z1 = x.MatMul(w1) + b1;
        var h = z1.Relu();
        var z2 = h.MatMul(w2) + b2;
        var yHat = z2.Sigmoid();
        NNTools.NN.Functional.MseLoss(yHat, y, NNTools.NN.Reduction.Sum).Backward();
        using (NNTools.Autograd.GradMode.NoGrad())
        {
            var yHatGrad = (yHat - y) * 2.0;
            var z2Grad = yHatGrad * yHat * (1.0 - yHat);
            var hGrad = z2Grad.MatMul(w2.T);
            var z1Grad = hGrad * z1.Ge(0.0).Double();
            AssertClose(z2Grad.Sum(0), b2.Grad!.Squeeze());
            AssertClose((h[":, :, None"] * z2Grad[":, None, :"]).Sum(0), w2.Grad!);
            AssertClose(z1Grad.Sum(0), b1.Grad!.Squeeze());
            AssertClose((x[":, :, None"] * z1Grad[":, None, :"]).Sum(0), w1.Grad!);
        }
    }

    [Fact]
    public void TanhHiddenLayer()
    {
        Tensor.ManualSeed(1);
        var x = Tensor.Randn([100, 50], DType.Float64);
        var y = Tensor.Randint(0, 2, [100]).Double() * 2.0 - 1.0;
        var w = Tensor.Randn([50, 11], DType.Float64).RequiresGrad_();
        var v = Tensor.Randn([11], DType.Float64).RequiresGrad_();
        var phi = x.MatMul(w).Tanh();
        var yPred = phi.MatMul(v);
        var delta = yPred - y;
        (0.5 * delta.Pow(2).Mean()).Backward();
        using (NNTools.Autograd.GradMode.NoGrad())
        {
            var dphi = 1.0 - phi.Pow(2);
            var gradW = x.T.MatMul(delta.Outer(v) * dphi) / 100.0;
            var gradV = (delta[":, None"] * phi).Mean(0);
            AssertClose(gradW, w.Grad!);
            AssertClose(gradV, v.Grad!);
        }
    }

    [Fact]
    public void SigmoidOfADotProduct()
    {
        Tensor.ManualSeed(2);
        var x = Tensor.Randn([5], DType.Float64);
        var w = Tensor.Randn([5], DType.Float64).RequiresGrad_();
        var s = w.Dot(x).Sigmoid();
        s.Backward();
        using (NNTools.Autograd.GradMode.NoGrad())
        {
            AssertClose(s * (1.0 - s) * x, w.Grad!);
        }
    }
}
