namespace NNTools.Tests.Printing;

/// <summary>Printing reads views in place: strided and offset views, and broadcast views far too large to copy.</summary>
public class StridedPrintingTests
{
    [Fact]
    public void PrintsATransposedSlicedView()
    {
        var x = Tensor.Arange(12.0).Float().Reshape(3, 4);
        var view = x.T.Slice(0, 1, null).Slice(1, 0, null, 2);
        Assert.Equal("tensor([[ 1.,  9.],\n        [ 2., 10.],\n        [ 3., 11.]])", view.ToString(PrintSettings.Default));
    }

    [Fact]
    public void PrintsAHugeExpandedViewFromTheElementsShown()
    {
        // 400 million elements over one float: printing must not copy them (PyTorch's repr of torch.ones(1, 1).expand(20000, 20000)).
        var huge = Tensor.Ones(1, 1).Expand(20000, 20000);
        const string row = "[1., 1., 1.,  ..., 1., 1., 1.]";
        var expected = $"tensor([{row},\n        {row},\n        {row},\n        ...,\n        {row},\n        {row},\n        {row}])";
        Assert.Equal(expected, huge.ToString(PrintSettings.Default));
    }

    [Fact]
    public void PrintingRecordsNothingInTheGraph()
    {
        var x = Tensor.Arange(6.0).Float().Reshape(2, 3).T.Detach().RequiresGrad_();
        Assert.Equal("tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]], requires_grad=True)", x.ToString(PrintSettings.Default));
        Assert.True(x.IsLeaf);
    }
}
