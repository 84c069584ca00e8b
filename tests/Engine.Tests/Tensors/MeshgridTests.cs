namespace NNTools.Tests.Tensors;

public class MeshgridTests
{
    [Fact]
    public void IjIndexingVariesAlongEachDim()
    {
        var g = Tensor.Meshgrid(Tensor.Arange(3), Tensor.Arange(10, 12));
        Assert.Equal(new[] { 3, 2 }, g[0].Shape);
        Assert.Equal(new long[] { 0, 0, 1, 1, 2, 2 }, g[0].ToInt64Array());
        Assert.Equal(new long[] { 10, 11, 10, 11, 10, 11 }, g[1].ToInt64Array());
    }

    [Fact]
    public void XyIndexingSwapsTheFirstTwoDims()
    {
        var g = Tensor.Meshgrid([Tensor.Arange(3), Tensor.Arange(10, 12)], "xy");
        Assert.Equal(new[] { 2, 3 }, g[0].Shape);
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 2 }, g[0].ToInt64Array());
        Assert.Equal(new long[] { 10, 10, 10, 11, 11, 11 }, g[1].ToInt64Array());
        Assert.Throws<TensorArgumentException>(() => Tensor.Meshgrid([Tensor.Arange(3)], "yx"));
    }
}
