using NNTools.Tests.Support;

namespace NNTools.Tests.ShapeOps;

/// <summary>
/// Sort, Topk, Kthvalue, Median, Mode, Unique, Amax/Amin and CumProd: PyTorch's answers on small
/// hand-checked cases, gradients against finite differences, node names and error ids. The
/// randomized comparison with PyTorch is the differential suite's shp_reduce and shp_sort.
/// </summary>
public class SortingTests
{
    private static Tensor X(int seed = 1) => GradAssert.Uniform(seed, -2, 2, 3, 4, 5);

    [Fact]
    public void SortIsStableWithNaNLastAndDeconstructs()
    {
        var (values, indices) = Tensor.From(new[] { 3.0, 1.0, double.NaN, 1.0, 2.0 }).Sort();
        Assert.Equal(new[] { 1.0, 1.0, 2.0, 3.0, double.NaN }, values.ToDoubleArray());
        Assert.Equal(new long[] { 1, 3, 4, 0, 2 }, indices.ToInt64Array());
        var down = Tensor.From(new long[] { 2, 1, 2, 1, 3 }).Sort(0, descending: true);
        Assert.Equal(new long[] { 4, 0, 2, 1, 3 }, down.Indices.ToInt64Array());
    }

    [Fact]
    public void TopkKthvalueMedianAndModePickAsTorch()
    {
        var x = Tensor.From(new[] { 1.0, 3.0, 1.0, 3.0, 2.0 });
        var top = x.Topk(2);
        Assert.Equal(new[] { 3.0, 3.0 }, top.Values.ToDoubleArray());
        Assert.Equal(new long[] { 1, 3 }, top.Indices.ToInt64Array());
        Assert.Equal(2.0, x.Kthvalue(3).Values.ToDouble());
        Assert.Equal(2.0, x.Median().ToDouble());
        var mode = x.Mode();
        // 1 and 3 occur twice: the smaller wins, with the index of its last occurrence.
        Assert.Equal(1.0, mode.Values.ToDouble());
        Assert.Equal(2L, mode.Indices.ToInt64());
        var nan = Tensor.From(new[] { 3.0, 1.0, double.NaN, 1.0, double.NaN }).Median(0);
        Assert.True(double.IsNaN(nan.Values.ToDouble()));
        Assert.Equal(2L, nan.Indices.ToInt64());
    }

    [Fact]
    public void UniqueReturnsInverseAndCounts()
    {
        var r = Tensor.From(new long[] { 3, 1, 2, 1, 3, 3 }).Unique(returnInverse: true, returnCounts: true);
        Assert.Equal(new long[] { 1, 2, 3 }, r.Values.ToInt64Array());
        Assert.Equal(new long[] { 2, 0, 1, 0, 2, 2 }, r.Inverse!.ToInt64Array());
        Assert.Equal(new long[] { 2, 1, 3 }, r.Counts!.ToInt64Array());
        Assert.Null(Tensor.From(new long[] { 1 }).Unique().Counts);
        var rows = Tensor.From(new long[,] { { 1, 2 }, { 0, 5 }, { 1, 2 } }).Unique(dim: 0, returnInverse: true);
        Assert.Equal(new long[] { 0, 5, 1, 2 }, rows.Values.ToInt64Array());
        Assert.Equal(new long[] { 1, 0, 1 }, rows.Inverse!.ToInt64Array());
        // Slices along dim 2 compare x[0,0], x[1,0], x[0,1], x[1,1] (dims 0 and 2 swapped, as torch 1.13): 1.0 < 1.5 puts slice 1 first.
        var slices = Tensor.From(new[,,] { { { 0.0, 0.0 }, { -1.0, -0.5 } }, { { 1.5, 1.0 }, { 0.0, 0.0 } } }).Unique(dim: 2);
        Assert.Equal(new[] { 0.0, 0.0, -0.5, -1.0, 1.0, 1.5, 0.0, 0.0 }, slices.Values.ToDoubleArray());
        var runs = Tensor.From(new long[] { 1, 1, 2, 1 }).UniqueConsecutive(returnCounts: true);
        Assert.Equal(new long[] { 1, 2, 1 }, runs.Values.ToInt64Array());
        Assert.Equal(new long[] { 2, 1, 1 }, runs.Counts!.ToInt64Array());
    }

    [Fact]
    public void AmaxSplitsTheGradientAmongTies()
    {
        var x = Tensor.From(new[,] { { 1.0, 4.0, 4.0 }, { 2.0, 0.0, 1.0 } }, requiresGrad: true);
        var m = x.Amax(1);
        Assert.Equal("AmaxBackward0", m.GradFn!.Name);
        m.Sum().Backward();
        Assert.Equal(new[] { 0.0, 0.5, 0.5, 1.0, 0.0, 0.0 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void CumProdWithZerosHasTheExactGradient()
    {
        var x = Tensor.From(new[] { 2.0, 0.0, 3.0, 0.0 }, requiresGrad: true);
        var y = x.CumProd(0);
        Assert.Equal(new[] { 2.0, 0.0, 0.0, 0.0 }, y.ToDoubleArray());
        y.Sum().Backward();
        // d/dx0 = 1 + x1 + x1 x2 + ... = 1; d/dx1 = x0 + x0 x2 + x0 x2 x3 = 8; d/dx2 = x0 x1 (1 + x3) = 0.
        Assert.Equal(new[] { 1.0, 8.0, 0.0, 0.0 }, x.Grad!.ToDoubleArray());
        GradAssert.Check(t => t[0].CumProd(1), Tensor.From(new[,] { { 2.0, 0.0, 3.0 }, { 1.5, -1.0, 0.5 } }, DType.Float64));
    }

    [Fact] public void SortGradient() => GradAssert.Check(t => t[0].Sort(1, descending: true).Values, X());

    [Fact] public void TopkGradient() => GradAssert.Check(t => t[0].Topk(2, 0, largest: false).Values, X());

    [Fact] public void KthvalueGradient() => GradAssert.Check(t => t[0].Kthvalue(3, -1, keepDim: true).Values, X());

    [Fact] public void MedianGradients()
    {
        GradAssert.Check(t => t[0].Median(), X());
        GradAssert.Check(t => t[0].Median(1).Values, X());
    }

    [Fact] public void AminOverDimsGradient() => GradAssert.Check(t => t[0].Amin([0, 2], keepDim: true), X());

    [Fact] public void CumProdGradient() => GradAssert.Check(t => t[0].CumProd(-1), X());

    [Fact]
    public void NodesHavePyTorchsNames()
    {
        var x = X().RequiresGrad_();
        Assert.Equal("SortBackward0", x.Sort().Values.GradFn!.Name);
        Assert.Equal("TopkBackward0", x.Topk(1).Values.GradFn!.Name);
        Assert.Equal("KthvalueBackward0", x.Kthvalue(1).Values.GradFn!.Name);
        Assert.Equal("MedianBackward0", x.Median().GradFn!.Name);
        Assert.Equal("MedianBackward1", x.Median(0).Values.GradFn!.Name);
        Assert.Equal("ModeBackward0", x.Mode().Values.GradFn!.Name);
        Assert.Equal("AminBackward0", x.Amin().GradFn!.Name);
        Assert.Equal("CumprodBackward0", x.CumProd(0).GradFn!.Name);
    }

    [Fact]
    public void BadArgumentsRaiseEngineErrors()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Equal("TopkOutOfRange", Assert.Throws<TensorIndexException>(() => x.Topk(4)).ErrorId);
        Assert.Equal("KthvalueOutOfRange", Assert.Throws<TensorIndexException>(() => x.Kthvalue(0)).ErrorId);
        Assert.Equal("EmptyReduction", Assert.Throws<TensorArgumentException>(() => Tensor.Zeros(0, 3).Amax()).ErrorId);
        Assert.Equal("EmptyReduction", Assert.Throws<TensorIndexException>(() => Tensor.Zeros(0, 3).Median(0)).ErrorId);
        Assert.Equal("UnsupportedDType", Assert.Throws<DTypeMismatchException>(() => x.Bool().Topk(1)).ErrorId);
        Assert.Equal("UniqueEmptyDims", Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(2, 0).Unique(dim: 0)).ErrorId);
        Assert.Contains("out of range for dimension 1 of size 3", Assert.Throws<TensorIndexException>(() => x.Topk(4)).Message);
    }
}
