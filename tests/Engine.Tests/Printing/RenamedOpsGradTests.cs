using NNTools.Tests.Support;

namespace NNTools.Tests.Printing;

/// <summary>
/// The ops whose autograd records were restructured to carry PyTorch's grad_fn names (Mean, Reciprocal
/// and Rsqrt as one node each, Reshape's copy path, t() and .T as their own views) still differentiate correctly.
/// </summary>
public class RenamedOpsGradTests
{
    [Fact]
    public void MeanOfAllElements() => GradAssert.Check(x => x[0].Mean(), GradAssert.Uniform(1, -1, 1, 3, 4));

    [Fact]
    public void MeanOverDimsKeepDim() => GradAssert.Check(x => x[0].Mean([0, 2], keepDim: true), GradAssert.Uniform(2, -1, 1, 2, 3, 4));

    [Fact]
    public void ReshapeOfNonContiguous() => GradAssert.Check(x => x[0].T.Reshape(12) * x[0].T.Reshape(12), GradAssert.Uniform(3, -1, 1, 3, 4));

    [Fact]
    public void MatrixTranspose() => GradAssert.Check(x => x[0].t() * GradAssert.Uniform(4, -1, 1, 4, 3), GradAssert.Uniform(5, -1, 1, 3, 4));

    [Fact]
    public void SqueezeOfNonUnitDim() => GradAssert.Check(x => x[0].Squeeze(0) * 2.0, GradAssert.Uniform(6, -1, 1, 3, 4));

    [Fact]
    public void Reciprocal() => GradAssert.Check(x => x[0].Reciprocal(), GradAssert.Uniform(7, 0.5, 2, 2, 3));

    [Fact]
    public void Rsqrt() => GradAssert.Check(x => x[0].Rsqrt(), GradAssert.Uniform(8, 0.5, 2, 2, 3));

    [Fact]
    public void NamesMatchPyTorch()
    {
        var x = Tensor.Zeros(2, 3).RequiresGrad_();
        var v = Tensor.Zeros(3).RequiresGrad_();
        Assert.Equal("MeanBackward0", x.Mean().GradFn!.Name);
        Assert.Equal("MeanBackward1", x.Mean([]).GradFn!.Name);
        Assert.Equal("SumBackward0", x.Sum().GradFn!.Name);
        Assert.Equal("SumBackward1", x.Sum(0).GradFn!.Name);
        Assert.Equal("TBackward0", v.t().GradFn!.Name);
        Assert.Equal("PermuteBackward0", v.T.GradFn!.Name);
        Assert.Same(v, v.Flatten());
        Assert.Equal("ReshapeAliasBackward0", x.Flatten().GradFn!.Name);
    }
}
