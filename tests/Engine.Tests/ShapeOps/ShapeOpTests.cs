using NNTools.Tests.Support;

namespace NNTools.Tests.ShapeOps;

/// <summary>
/// Tril/Triu, Diagonal, Diag, Trace, Roll, Tile, Movedim, Scatter, IndexAdd, IndexCopy and Take:
/// hand-checked values, gradients against finite differences, error ids. The randomized comparison
/// with PyTorch is the differential suite's shp_shape and shp_scatter.
/// </summary>
public class ShapeOpTests
{
    private static Tensor M(int seed = 1, params int[] shape) => GradAssert.Uniform(seed, -2, 2, shape.Length == 0 ? [3, 4] : shape);

    [Fact]
    public void TrilZeroesInfinitiesAboveTheDiagonal()
    {
        var x = Tensor.From(new[,] { { 1.0, double.PositiveInfinity }, { 2.0, 3.0 } });
        Assert.Equal(new[] { 1.0, 0.0, 2.0, 3.0 }, x.Tril().ToDoubleArray());
        Assert.Equal(new[] { 0.0, double.PositiveInfinity, 0.0, 0.0 }, x.Triu(1).ToDoubleArray());
    }

    [Fact]
    public void DiagGoesBothWays()
    {
        var v = Tensor.From(new[] { 1.0, 2.0 });
        var square = v.Diag(1);
        Assert.Equal([3, 3], square.Shape);
        Assert.Equal(new[] { 0.0, 1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0 }, square.ToDoubleArray());
        Assert.Equal(new[] { 1.0, 2.0 }, square.Diag(1).ToDoubleArray());
        Assert.Equal(new long[] { 3, 7 }, Tensor.Arange(9).Reshape(3, 3).Diagonal(-1).ToInt64Array());
        Assert.Equal(12L, Tensor.Arange(9).Reshape(3, 3).Trace().ToInt64());
    }

    [Fact]
    public void RollTileAndMovedim()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        Assert.Equal(new long[] { 2, 0, 1, 5, 3, 4 }, x.Roll(1, 1).ToInt64Array());
        Assert.Equal(new long[] { 5, 0, 1, 2, 3, 4 }, x.Roll(1).ToInt64Array());
        Assert.Equal([2, 6], x.Tile(2).Shape);
        Assert.Equal([3, 4, 2], Tensor.Zeros(2, 3, 4).Movedim(0, -1).Shape);
        Assert.Equal([4, 2, 3], Tensor.Zeros(2, 3, 4).Movedim([2, 0], [0, 1]).Shape);
    }

    [Fact]
    public void ScatterIndexAddIndexCopyAndTake()
    {
        var z = Tensor.Zeros([2, 3], DType.Int64);
        var index = Tensor.From(new long[,] { { 2, 0 } });
        Assert.Equal(new long[] { 8, 0, 7, 0, 0, 0 }, z.Scatter(1, index, Tensor.From(new long[,] { { 7, 8 } })).ToInt64Array());
        Assert.Equal(new long[] { 1, 0, 1, 0, 0, 0 }, z.Scatter(1, index, 1.0).ToInt64Array());
        var rows = Tensor.From(new long[] { 1, 1 });
        Assert.Equal(new long[] { 0, 0, 0, 4, 6, 8 }, z.IndexAdd(0, rows, Tensor.From(new long[,] { { 1, 2, 3 }, { 1, 1, 1 } }), alpha: 2).ToInt64Array());
        Assert.Equal(new long[] { 0, 0, 0, 1, 2, 3 }, z.IndexCopy(0, Tensor.From(new long[] { 1 }), Tensor.From(new long[,] { { 1, 2, 3 } })).ToInt64Array());
        Assert.Equal(new long[] { 5, 0 }, Tensor.Arange(6).Reshape(2, 3).Take(Tensor.From(new long[] { -1, 0 })).ToInt64Array());
    }

    [Fact] public void TrilGradient() => GradAssert.Check(t => t[0].Tril(-1), M());

    [Fact] public void DiagonalGradient() => GradAssert.Check(t => t[0].Diagonal(1, 0, 2), M(2, 3, 2, 4));

    [Fact] public void DiagGradients()
    {
        GradAssert.Check(t => t[0].Diag(-1), M(3, 4));
        GradAssert.Check(t => t[0].Diag(1), M(3));
    }

    [Fact] public void TraceGradient() => GradAssert.Check(t => t[0].Trace(), M());

    [Fact] public void RollGradient() => GradAssert.Check(t => t[0].Roll([2, -1], [0, 1]), M());

    [Fact] public void ScatterGradient() =>
        GradAssert.Check(t => t[0].Scatter(0, Tensor.From(new long[,] { { 1, 0, 2, 1 } }), t[1]), M(), M(4, 1, 4));

    [Fact] public void IndexAddGradient() =>
        GradAssert.Check(t => t[0].IndexAdd(1, Tensor.From(new long[] { 3, 3, 0 }), t[1], alpha: -0.5), M(), M(5, 3, 3));

    [Fact] public void IndexCopyGradient() =>
        GradAssert.Check(t => t[0].IndexCopy(0, Tensor.From(new long[] { 2, 0 }), t[1]), M(), M(6, 2, 4));

    [Fact]
    public void NodesHavePyTorchsNames()
    {
        var x = M().RequiresGrad_();
        Assert.Equal("TrilBackward0", x.Tril().GradFn!.Name);
        Assert.Equal("DiagonalBackward0", x.Diagonal().GradFn!.Name);
        Assert.Equal("DiagBackward0", x.Diag().GradFn!.Name);
        Assert.Equal("TraceBackward0", x.Trace().GradFn!.Name);
        Assert.Equal("RollBackward0", x.Roll(1, 0).GradFn!.Name);
        Assert.Equal("ScatterBackward1", x.Scatter(0, Tensor.From(new long[,] { { 0 } }), 1.0).GradFn!.Name);
    }

    [Fact]
    public void BadArgumentsRaiseEngineErrors()
    {
        var v = Tensor.Zeros(3);
        Assert.Equal("TriangleRank", Assert.Throws<ShapeMismatchException>(() => v.Tril()).ErrorId);
        Assert.Equal("DiagRank", Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(2, 2, 2).Diag()).ErrorId);
        Assert.Equal("DiagonalDims", Assert.Throws<TensorArgumentException>(() => Tensor.Zeros(2, 2).Diagonal(0, 1, -1)).ErrorId);
        Assert.Equal("TraceRank", Assert.Throws<ShapeMismatchException>(() => v.Trace()).ErrorId);
        Assert.Equal("RollDims", Assert.Throws<TensorArgumentException>(() => v.Roll([1, 2], [0])).ErrorId);
        Assert.Equal("MovedimRepeatedDim", Assert.Throws<TensorArgumentException>(() => Tensor.Zeros(2, 2).Movedim([0, 0], [0, 1])).ErrorId);
        Assert.Equal("ScatterDType", Assert.Throws<DTypeMismatchException>(() => v.Scatter(0, Tensor.From(new long[] { 0 }), Tensor.From(new long[] { 1 }))).ErrorId);
        Assert.Equal("IndexWriteShape", Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(2, 3).IndexAdd(0, Tensor.From(new long[] { 0 }), Tensor.Zeros(1, 4))).ErrorId);
        Assert.Equal("IndexOutOfRange", Assert.Throws<TensorIndexException>(() => v.Take(Tensor.From(new long[] { 3 }))).ErrorId);
    }
}
