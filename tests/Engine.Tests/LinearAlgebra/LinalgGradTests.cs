using NNTools.Tests.Support;

namespace NNTools.Tests.LinearAlgebra;

/// <summary>Gradients of the matrix products and linear algebra against central finite differences (float64).</summary>
public class LinalgGradTests
{
    private static Tensor U(int seed, params int[] shape) => GradAssert.Uniform(seed, -1, 1, shape);

    /// <summary>A well-conditioned square matrix (batch): random plus a multiple of the identity.</summary>
    private static Tensor WellConditioned(int seed, params int[] shape) =>
        (U(seed, shape) + Tensor.Eye(shape[^1], dtype: DType.Float64) * 3.0).Detach();

    [Fact] public void MatMulBatchedBroadcast() => GradAssert.Check(t => t[0].MatMul(t[1]), U(1, 2, 1, 3, 4), U(2, 5, 4, 2));

    [Fact] public void MatMulVectorLeft() => GradAssert.Check(t => t[0].MatMul(t[1]), U(1, 4), U(2, 2, 4, 3));

    [Fact] public void MatMulVectorRight() => GradAssert.Check(t => t[0].MatMul(t[1]), U(1, 2, 3, 4), U(2, 4));

    [Fact] public void MatMulTransposedOperands() => GradAssert.Check(t => t[0].T.MatMul(t[1].T), U(1, 4, 3), U(2, 5, 4));

    [Fact] public void Dot() => GradAssert.Check(t => t[0].Dot(t[1]), U(1, 5), U(2, 5));

    [Fact] public void Mm() => GradAssert.Check(t => t[0].Mm(t[1]), U(1, 3, 4), U(2, 4, 2));

    [Fact] public void Mv() => GradAssert.Check(t => t[0].Mv(t[1]), U(1, 3, 4), U(2, 4));

    [Fact] public void MvTransposedMatrixStridedVector() => GradAssert.Check(t => t[0].T.Mv(t[1][$"::2"]), U(1, 4, 3), U(2, 8));

    [Fact]
    public void MvHasItsOwnNodeAndTheBitsOfTheComposedProduct()
    {
        // Mv records one MvBackward0 node (as torch.mv) but computes what mat @ vec[:, None] would,
        // forward and backward, to the bit: the same kernels on the same operand layouts.
        var gen = new Generator(5);
        var mat = Tensor.Randn([37, 23], DType.Float32, gen).RequiresGrad_();
        var vec = Tensor.Randn([23], DType.Float32, gen).RequiresGrad_();
        var outGrad = Tensor.Randn([37], DType.Float32, gen);
        var y = mat.MatMul(vec);
        Assert.Equal("MvBackward0", y.GradFn!.Name);
        y.Backward(outGrad);
        var mat2 = mat.Detach().Clone().RequiresGrad_();
        var vec2 = vec.Detach().Clone().RequiresGrad_();
        var y2 = Tensor.BatchedMatMul(mat2, vec2.Unsqueeze(1)).Squeeze(1);
        y2.Backward(outGrad);
        Assert.Equal(y2.ToFloatArray(), y.ToFloatArray());
        Assert.Equal(mat2.Grad!.ToFloatArray(), mat.Grad!.ToFloatArray());
        Assert.Equal(vec2.Grad!.ToFloatArray(), vec.Grad!.ToFloatArray());
        // Only the operand that asks for a gradient gets one.
        var frozen = Tensor.Randn([23], DType.Float32, gen);
        var w = Tensor.Randn([37, 23], DType.Float32, gen).RequiresGrad_();
        w.Mv(frozen).Sum().Backward();
        Assert.Null(frozen.Grad);
        Assert.Equal([37, 23], w.Grad!.Shape);
    }

    [Fact] public void Bmm() => GradAssert.Check(t => t[0].Bmm(t[1]), U(1, 2, 3, 4), U(2, 2, 4, 2));

    [Fact] public void Outer() => GradAssert.Check(t => t[0].Outer(t[1]), U(1, 3), U(2, 4));

    [Fact] public void Inv() => GradAssert.Check(t => t[0].Inv(), WellConditioned(1, 2, 3, 3));

    [Fact] public void Det() => GradAssert.Check(t => t[0].Det(), WellConditioned(2, 2, 3, 3));

    [Fact] public void SolveMatrixBroadcast() => GradAssert.Check(t => t[0].Solve(t[1]), WellConditioned(3, 2, 3, 3), U(4, 3, 2));

    [Fact] public void SolveVector() => GradAssert.Check(t => t[0].Solve(t[1]), WellConditioned(5, 3, 3), U(6, 3));

    [Fact] public void LstsqTall() => GradAssert.Check(t => t[0].Lstsq(t[1]), U(7, 6, 3), U(8, 6, 2));

    [Fact] public void LstsqVector() => GradAssert.Check(t => t[0].Lstsq(t[1]), U(9, 5, 2), U(10, 5));

    [Fact] public void LstsqWide() => GradAssert.Check(t => t[0].Lstsq(t[1]), U(11, 2, 4), U(12, 2, 3));
}
