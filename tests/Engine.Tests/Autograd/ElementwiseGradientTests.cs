using NNTools.Tests.Support;

namespace NNTools.Tests.Autograd;

/// <summary>Every differentiable elementwise op and view against central finite differences in float64.</summary>
public class ElementwiseGradientTests
{
    private static Tensor U(int seed, params int[] shape) => GradAssert.Uniform(seed, -2, 2, shape);

    private static Tensor Pos(int seed, params int[] shape) => GradAssert.Uniform(seed, 0.2, 2, shape);

    public static TheoryData<string> UnaryOps() => new() { "neg", "abs", "exp", "log", "sqrt", "rsqrt", "reciprocal", "sin", "cos", "tanh", "sigmoid", "relu", "square", "pow3", "pow_half", "clamp" };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOpGradients(string op)
    {
        bool positive = op is "log" or "sqrt" or "rsqrt" or "reciprocal" or "pow_half";
        var x = positive ? Pos(1, 3, 4) : U(1, 3, 4);
        GradAssert.Check(t => op switch
        {
            "neg" => -t[0],
            "abs" => t[0].Abs(),
            "exp" => t[0].Exp(),
            "log" => t[0].Log(),
            "sqrt" => t[0].Sqrt(),
            "rsqrt" => t[0].Rsqrt(),
            "reciprocal" => t[0].Reciprocal(),
            "sin" => t[0].Sin(),
            "cos" => t[0].Cos(),
            "tanh" => t[0].Tanh(),
            "sigmoid" => t[0].Sigmoid(),
            "relu" => t[0].Relu(),
            "square" => t[0].Square(),
            "pow3" => t[0].Pow(3),
            "pow_half" => t[0].Pow(0.5),
            _ => t[0].Clamp(-1, 1),
        }, x);
    }

    public static TheoryData<string> BinaryOps() => new() { "add", "sub", "mul", "div", "pow", "maximum", "minimum", "remainder", "where", "add_scalar", "rsub_scalar", "rdiv_scalar", "rpow" };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryOpGradientsWithBroadcasting(string op)
    {
        var a = op == "pow" ? Pos(2, 2, 3, 4) : U(2, 2, 3, 4);
        var b = op is "div" or "remainder" ? Pos(3, 3, 1) : U(3, 3, 1);
        var mask = U(4, 2, 3, 4).Gt(0.0);
        GradAssert.Check(t => op switch
        {
            "add" => t[0] + t[1],
            "sub" => t[0] - t[1],
            "mul" => t[0] * t[1],
            "div" => t[0] / t[1],
            "pow" => t[0].Pow(t[1]),
            "maximum" => t[0].Maximum(t[1]),
            "minimum" => t[0].Minimum(t[1]),
            "remainder" => t[0] % t[1],
            "where" => Tensor.Where(mask, t[0], t[1]),
            "add_scalar" => t[0] + 2.5 + t[1] * 0.5,
            "rsub_scalar" => 1.0 - t[0] * t[1],
            "rdiv_scalar" => 1.0 / (t[0] * t[0] + 1.0) + t[1],
            _ => Tensor.Pow(2.0, t[0]) * t[1],
        }, a, b);
    }

    public static TheoryData<string> ViewOps() => new() { "view", "reshape_after_transpose", "transpose", "t", "permute", "unsqueeze", "squeeze", "flatten", "expand", "slice", "select", "narrow", "contiguous", "clone", "sum_dims", "mean_keepdim", "sumto" };

    [Theory]
    [MemberData(nameof(ViewOps))]
    public void ViewAndReductionGradients(string op)
    {
        var x = U(5, 2, 3, 4);
        GradAssert.Check(t => op switch
        {
            "view" => t[0].View(6, 4) * 2.0,
            "reshape_after_transpose" => t[0].Transpose(0, 2).Reshape(-1),
            "transpose" => t[0].Transpose(1, 2),
            "t" => t[0].Select(0, 1).T,
            "permute" => t[0].Permute(2, 0, 1),
            "unsqueeze" => t[0].Unsqueeze(1),
            "squeeze" => t[0].Narrow(1, 1, 1).Squeeze(),
            "flatten" => t[0].Flatten(1),
            "expand" => t[0].Narrow(2, 0, 1).Expand(2, 3, 5),
            "slice" => t[0].Slice(2, 1, null, 2),
            "select" => t[0].Select(-1, -1),
            "narrow" => t[0].Narrow(0, 1, 1),
            "contiguous" => t[0].Transpose(0, 1).Contiguous(),
            "clone" => t[0].Clone(),
            "sum_dims" => t[0].Sum([0, 2]),
            "mean_keepdim" => t[0].Mean(1, keepDim: true),
            _ => t[0].SumTo([3, 1]),
        }, x);
    }

    [Fact]
    public void TensorUsedTwiceAccumulatesBothPaths()
    {
        var x = U(6, 4);
        GradAssert.Check(t => t[0] * t[0].Exp() + t[0].Sin() * t[0], x);
    }

    [Fact]
    public void ConversionBetweenFloatDTypesIsDifferentiable()
    {
        // Finite differences cannot see through float32 rounding, so check the exact gradient instead.
        var x = GradAssert.Uniform(9, -1, 1, 4).RequiresGrad_();
        (x.Float() * 3.0).Double().Sum().Backward();
        Assert.Equal(DType.Float64, x.Grad!.DType);
        Assert.All(x.Grad.ToDoubleArray(), v => Assert.Equal(3.0, v));
    }

    [Fact]
    public void MixedPrecisionGradientKeepsEachInputsDType()
    {
        var a = Tensor.Ones([3], DType.Float32).RequiresGrad_();
        var b = Tensor.Ones([3], DType.Float64).RequiresGrad_();
        (a * b).Sum().Backward();
        Assert.Equal(DType.Float32, a.Grad!.DType);
        Assert.Equal(DType.Float64, b.Grad!.DType);
    }
}
