using NNTools.Tests.Support;

namespace NNTools.Tests.Autograd;

/// <summary>Conv2d and MaxPool2d gradients against central finite differences in float64, on small inputs.</summary>
public class ConvGradientTests
{
    public static TheoryData<int[], int[], int[], int[], int[], int, bool> ConvConfigs() => new()
    {
        { [2, 2, 5, 4], [3, 2, 3, 2], [1], [0], [1], 1, true },
        { [1, 3, 6, 5], [2, 3, 3, 3], [2], [1], [1], 1, true },
        { [1, 2, 7, 6], [2, 2, 2, 3], [1, 2], [2, 1], [2, 1], 1, false },
        { [2, 4, 4, 4], [4, 2, 3, 1], [1], [1], [1], 2, true },
        { [1, 4, 3, 3], [2, 4, 1, 1], [1], [0], [1], 1, true },
        { [3, 5, 4], [2, 3, 2, 2], [2], [1], [1], 1, true },
    };

    [Theory]
    [MemberData(nameof(ConvConfigs))]
    public void Conv2dGradientsMatchFiniteDifferences(int[] inputShape, int[] weightShape, int[] stride, int[] padding, int[] dilation, int groups, bool bias)
    {
        var x = GradAssert.Uniform(1, -1, 1, inputShape);
        var w = GradAssert.Uniform(2, -1, 1, weightShape);
        if (bias)
        {
            var b = GradAssert.Uniform(3, -1, 1, weightShape[0]);
            GradAssert.Check(t => Tensor.Conv2d(t[0], t[1], t[2], stride, padding, dilation, groups), x, w, b);
        }
        else
        {
            GradAssert.Check(t => Tensor.Conv2d(t[0], t[1], null, stride, padding, dilation, groups), x, w);
        }
    }

    public static TheoryData<int[], int[], int[]?, int[], int[], bool> PoolConfigs() => new()
    {
        { [2, 2, 4, 4], [2], null, [0], [1], false },
        { [1, 2, 5, 6], [3], [1], [1], [1], false },
        { [1, 1, 5, 5], [2, 3], [2, 1], [1], [1], true },
        { [2, 6, 7], [3], [2], [1], [2], true },
    };

    [Theory]
    [MemberData(nameof(PoolConfigs))]
    public void MaxPool2dGradientMatchesFiniteDifferences(int[] shape, int[] kernel, int[]? stride, int[] padding, int[] dilation, bool ceilMode)
    {
        // Distinct, well-separated values keep every maximum unique, so finite differences see the same winner.
        int n = shape.Aggregate(1, (a, s) => a * s);
        var x = (Tensor.Randperm(n, new Generator(5)).To(DType.Float64) * 0.1).Reshape(shape);
        GradAssert.Check(t => t[0].MaxPool2d(kernel, stride, padding, dilation, ceilMode), x);
    }

    [Fact]
    public void AWindowWhollyPastTheInputTakesNoGradient()
    {
        // Width 1, padding 1, dilation 2: each row's window looks at columns -1 and 1, neither in the input.
        var x = Tensor.Arange(0, 6, 1, DType.Float64).Reshape(1, 1, 6, 1).RequiresGrad_();
        var y = x.MaxPool2d([2], [1], [1], [1, 2]);
        Assert.True(y.ToDoubleArray().All(double.IsNegativeInfinity));
        y.Sum().Backward();
        Assert.All(x.Grad!.ToDoubleArray(), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void ConvThroughPoolAndReluComposes()
    {
        var x = GradAssert.Uniform(4, -1, 1, 1, 1, 8, 8);
        var w = GradAssert.Uniform(5, -1, 1, 2, 1, 3, 3);
        var b = GradAssert.Uniform(6, -0.1, 0.1, 2);
        GradAssert.Check(t => Tensor.Conv2d(t[0], t[1], t[2]).Relu().MaxPool2d(2).Sum(), x, w, b);
    }

    [Fact]
    public void StridedAndOffsetViewsGiveTheSameResultsAsContiguousCopies()
    {
        var big = GradAssert.Uniform(7, -1, 1, 3, 2, 6, 7);
        var view = big.Transpose(2, 3).Narrow(0, 1, 2);
        var copy = view.Contiguous().Clone();
        var w = GradAssert.Uniform(8, -1, 1, 3, 2, 3, 3).Transpose(2, 3);
        var wCopy = w.Contiguous().Clone();
        FixtureTensor.AssertClose(Tensor.Conv2d(copy, wCopy, null, 2, 1), Tensor.Conv2d(view, w, null, 2, 1), 1e-12, 1e-12);
        FixtureTensor.AssertClose(copy.MaxPool2d(3, 2, 1), view.MaxPool2d(3, 2, 1), 0, 0);
        var g = GradAssert.Uniform(9, -1, 1, 2, 3, 3, 4).Transpose(2, 3);
        var gCopy = g.Contiguous().Clone();
        var (x1, x2) = (view.Detach().RequiresGrad_(), copy.Detach().RequiresGrad_());
        Tensor.Conv2d(x1, w, null, 2, 1).Backward(g);
        Tensor.Conv2d(x2, wCopy, null, 2, 1).Backward(gCopy);
        FixtureTensor.AssertClose(x2.Grad!, x1.Grad!, 1e-12, 1e-12);
    }

    [Fact]
    public void LargeBatchesSplitAcrossThreadsAgreeWithOneSampleAtATime()
    {
        // 17 samples: enough work for the parallel paths and three chunks of weight-gradient partials.
        var x = GradAssert.Uniform(10, -1, 1, 17, 4, 14, 14).RequiresGrad_();
        var w = GradAssert.Uniform(11, -1, 1, 8, 2, 3, 3).RequiresGrad_();
        var b = GradAssert.Uniform(12, -1, 1, 8).RequiresGrad_();
        var y = Tensor.Conv2d(x, w, b, null, [1], null, 2);
        var g = GradAssert.Uniform(13, -1, 1, y.Shape);
        y.Backward(g);
        var wSum = Tensor.ZerosLike(w);
        for (int n = 0; n < 17; n++)
        {
            var xn = x.Detach().Narrow(0, n, 1).RequiresGrad_();
            var wn = w.Detach().RequiresGrad_();
            var yn = Tensor.Conv2d(xn, wn, b.Detach(), null, [1], null, 2);
            FixtureTensor.AssertClose(yn, y.Detach().Narrow(0, n, 1), 1e-12, 1e-12, $"sample {n}");
            yn.Backward(g.Narrow(0, n, 1));
            FixtureTensor.AssertClose(xn.Grad!, x.Grad!.Narrow(0, n, 1), 1e-12, 1e-12, $"sample {n} input grad");
            wSum += wn.Grad!;
        }
        FixtureTensor.AssertClose(wSum, w.Grad!, 1e-10, 1e-10, "weight grad");
        FixtureTensor.AssertClose(g.Sum([0, 2, 3]), b.Grad!, 1e-12, 1e-12, "bias grad");
    }
}
