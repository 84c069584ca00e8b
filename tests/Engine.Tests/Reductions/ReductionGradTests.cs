using NNTools.Tests.Support;

namespace NNTools.Tests.Reductions;

/// <summary>Gradients of every differentiable reduction against central finite differences (float64).</summary>
public class ReductionGradTests
{
    private static Tensor X(int seed = 1) => GradAssert.Uniform(seed, -2, 2, 3, 4, 5);

    [Fact] public void Var() => GradAssert.Check(t => t[0].Var([0, 2], true, keepDim: false), X());

    [Fact] public void VarCorrection() => GradAssert.Check(t => t[0].Var([-1], 0.0, keepDim: true), X());

    [Fact] public void StdAll() => GradAssert.Check(t => t[0].Std(), X());

    [Fact] public void StdDim() => GradAssert.Check(t => t[0].Std(1, unbiased: false, keepDim: true), X());

    [Fact] public void ProdAll() => GradAssert.Check(t => t[0].Prod(), GradAssert.Uniform(2, 0.5, 1.5, 2, 3));

    [Fact] public void ProdDim() => GradAssert.Check(t => t[0].Prod(-1), X());

    [Fact]
    public void ProdWithZerosHasTheExactGradient()
    {
        // One zero in a row: its gradient is the product of the others; two zeros: all gradients vanish.
        var x = Tensor.From(new[,] { { 2.0, 0.0, 3.0 }, { 0.0, 0.0, 5.0 } }, requiresGrad: true);
        x.Prod(1).Sum().Backward();
        Assert.Equal(new[] { 0.0, 6.0, 0.0, 0.0, 0.0, 0.0 }, x.Grad!.ToDoubleArray());
        GradAssert.Check(t => t[0].Prod(1), Tensor.From(new[,] { { 2.0, 0.0, 3.0 }, { 1.5, -1.0, 0.5 } }, DType.Float64));
    }

    [Fact] public void MaxAll() => GradAssert.Check(t => t[0].Max(), X());

    [Fact] public void MinDim() => GradAssert.Check(t => t[0].Min(1, keepDim: true).Values, X());

    [Fact] public void MaxDim() => GradAssert.Check(t => t[0].Max(-1).Values, X());

    [Fact] public void NormTwo() => GradAssert.Check(t => t[0].Norm(), X());

    [Fact] public void NormOneOverDims() => GradAssert.Check(t => t[0].Norm(1, [0, 2]), X());

    [Fact] public void NormThree() => GradAssert.Check(t => t[0].Norm(3, 1, keepDim: true), X());

    [Fact] public void NormInf() => GradAssert.Check(t => t[0].Norm(double.PositiveInfinity, -1), X());

    [Fact] public void NormFro() => GradAssert.Check(t => t[0].Norm("fro", [1, 2]), X());

    [Fact]
    public void NormGradientAtZeroIsZero()
    {
        var x = Tensor.Zeros([2, 3], DType.Float64).RequiresGrad_();
        x.Norm(2, 1).Sum().Backward();
        Assert.Equal(new double[6], x.Grad!.ToDoubleArray());
    }

    [Fact] public void LogSumExp() => GradAssert.Check(t => t[0].LogSumExp([0, 2], keepDim: true), X());

    [Fact] public void CumSum() => GradAssert.Check(t => t[0].CumSum(1), X());

    [Fact]
    public void StdOfConstantRowHasZeroGradient()
    {
        var x = Tensor.Full([2, 3], 4.0, DType.Float64).RequiresGrad_();
        x.Std(1).Sum().Backward();
        Assert.Equal(new double[6], x.Grad!.ToDoubleArray());
    }
}
