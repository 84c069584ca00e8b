using NNTools.Tests.Support;

namespace NNTools.Tests.ShapeOps;

/// <summary>
/// Einsum against the ops it stands for, its gradients against finite differences, its errors;
/// and Addmm / Baddbmm / Addmv with torch's beta = 0 rule. The randomized comparison with PyTorch
/// is the differential suite's shp_einsum and shp_scatter.
/// </summary>
public class EinsumTests
{
    private static Tensor U(int seed, params int[] shape) => GradAssert.Uniform(seed, -2, 2, shape);

    private static void Same(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.True(expected.AllClose(actual, 1e-12, 1e-12), $"{expected} != {actual}");
    }

    [Fact]
    public void EquationsMatchTheOpsTheyName()
    {
        Tensor a = U(1, 3, 4), b = U(2, 4, 5), sq = U(3, 4, 4), bt = U(4, 2, 3, 4), v = U(5, 4);
        Same(a.MatMul(b), Tensor.Einsum("ij,jk->ik", a, b));
        Same(a.MatMul(b), Tensor.Einsum("ij,jk", a, b));
        Same(b.t().MatMul(a.t()), Tensor.Einsum("ij,jk->ki", a, b));
        Same(sq.Diagonal(), Tensor.Einsum("ii->i", sq));
        Same(sq.Trace(), Tensor.Einsum("ii", sq));
        Same(v.Outer(v), Tensor.Einsum("i,j->ij", v, v));
        Same(bt.Transpose(-1, -2), Tensor.Einsum("...ij->...ji", bt));
        Same(bt.MatMul(b), Tensor.Einsum("...ij,jk->...ik", bt, b));
        Same(a.Sum(1), Tensor.Einsum("ij->i", a));
        Same((a * a).Sum(), Tensor.Einsum("ij,ij->", a, a));
        Same(a.MatMul(b).MatMul(b.t()), Tensor.Einsum("ij,jk,lk->il", a, b, b));
        // Implicit output: upper-case labels sort before lower-case ones, as in torch.
        Assert.Equal([2, 5, 4, 3], Tensor.Einsum("Ab,aB", U(6, 2, 3), U(7, 4, 5)).Shape);
    }

    [Fact] public void BatchedProductGradient() => GradAssert.Check(t => Tensor.Einsum("bij,bjk->bik", t[0], t[1]), U(1, 2, 3, 4), U(2, 2, 4, 2));

    [Fact] public void DiagonalAndBroadcastGradient() => GradAssert.Check(t => Tensor.Einsum("bii,...i->b", t[0], t[1]), U(1, 2, 3, 3), U(2, 1, 3));

    [Fact] public void ThreeOperandGradient() => GradAssert.Check(t => Tensor.Einsum("bn,anm,bm->ba", t[0], t[1], t[2]), U(1, 2, 3), U(2, 4, 3, 2), U(3, 2, 2));

    [Fact]
    public void BadEquationsRaiseEngineErrors()
    {
        var a = Tensor.Zeros(2, 3);
        string Id(Func<Tensor> f) => Assert.ThrowsAny<TensorArgumentException>(() => f()).ErrorId;
        Assert.Equal("EinsumOperandCount", Id(() => Tensor.Einsum("ij,jk", a)));
        Assert.Equal("EinsumSubscriptCount", Id(() => Tensor.Einsum("ijk", a)));
        Assert.Equal("EinsumSubscript", Id(() => Tensor.Einsum("i1", a)));
        Assert.Equal("EinsumOutputSubscript", Id(() => Tensor.Einsum("ij->k", a)));
        Assert.Equal("EinsumOutputSubscript", Id(() => Tensor.Einsum("ij->ii", a)));
        Assert.Equal("EinsumRepeatedSize", Id(() => Tensor.Einsum("ii", a)));
        Assert.Equal("EinsumBroadcast", Id(() => Tensor.Einsum("ij,ij", a, Tensor.Zeros(3, 3))));
        Assert.Contains("[2, 3]->[2, 3]", Assert.ThrowsAny<TensorArgumentException>(() => Tensor.Einsum("ij,ij", a, Tensor.Zeros(3, 3))).Message);
    }

    [Fact]
    public void AddmmWithBetaZeroIgnoresNaNInTheInput()
    {
        var input = Tensor.Full([2, 2], double.NaN, DType.Float64).RequiresGrad_();
        var m = Tensor.Eye(2, dtype: DType.Float64);
        var r = input.Addmm(m, m, beta: 0, alpha: 3);
        Assert.Equal(new[] { 3.0, 0.0, 0.0, 3.0 }, r.ToDoubleArray());
        Assert.Equal("AddmmBackward0", r.GradFn!.Name);
        r.Sum().Backward();
        Assert.Equal(new double[4], input.Grad!.ToDoubleArray());
    }

    [Fact] public void AddmmGradient() => GradAssert.Check(t => t[0].Addmm(t[1], t[2], beta: 0.5, alpha: -2), U(1, 3), U(2, 2, 4), U(3, 4, 3));

    [Fact] public void BaddbmmGradient() => GradAssert.Check(t => t[0].Baddbmm(t[1], t[2], beta: 2, alpha: 0.5), U(1, 2, 1, 3), U(2, 2, 2, 4), U(3, 2, 4, 3));

    [Fact] public void AddmvGradient() => GradAssert.Check(t => t[0].Addmv(t[1], t[2]), U(1, 3), U(2, 3, 4), U(3, 4));
}
