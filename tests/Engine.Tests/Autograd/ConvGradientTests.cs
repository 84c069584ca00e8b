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
    public void ConvThroughPoolAndReluComposes()
    {
        var x = GradAssert.Uniform(4, -1, 1, 1, 1, 8, 8);
        var w = GradAssert.Uniform(5, -1, 1, 2, 1, 3, 3);
        var b = GradAssert.Uniform(6, -0.1, 0.1, 2);
        GradAssert.Check(t => Tensor.Conv2d(t[0], t[1], t[2]).Relu().MaxPool2d(2).Sum(), x, w, b);
    }
}
