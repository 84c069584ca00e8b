using NNTools.Tests.Support;

namespace NNTools.Tests.Indexing;

/// <summary>Cat, Stack, Split, Chunk and friends: error messages and edge cases beside the fixtures.</summary>
public class JoinTests
{
    [Fact]
    public void CatNamesTheMismatchedTensorAsPyTorchDoes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Cat([Tensor.Zeros(2, 2), Tensor.Zeros(3, 3)], 1));
        Assert.Equal("CatShapeMismatch", ex.ErrorId);
        Assert.Equal("Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.", ex.Message);
        Assert.Equal("Tensors must have same number of dimensions: got 2 and 1",
            Assert.Throws<ShapeMismatchException>(() => Tensor.Cat([Tensor.Zeros(3, 4), Tensor.Zeros(3)])).Message);
        Assert.Equal("CatEmpty", Assert.Throws<TensorArgumentException>(() => Tensor.Cat([])).ErrorId);
        Assert.Equal("zero-dimensional tensor (at position 0) cannot be concatenated",
            Assert.Throws<ShapeMismatchException>(() => Tensor.Cat([Tensor.Scalar(1)])).Message);
    }

    [Fact]
    public void StackSplitAndChunkRefuseBadArguments()
    {
        Assert.Equal("stack expects each tensor to be equal size, but got [3, 4] at entry 0 and [3, 3] at entry 1",
            Assert.Throws<ShapeMismatchException>(() => Tensor.Stack([Tensor.Zeros(3, 4), Tensor.Zeros(3, 3)])).Message);
        var x = Tensor.Zeros(3, 4);
        Assert.Equal("split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 0), but got split_sizes=[1, 1]",
            Assert.Throws<ShapeMismatchException>(() => x.Split([1, 1])).Message);
        Assert.Equal("split expects split_size be non-negative, but got split_size=-1",
            Assert.Throws<TensorArgumentException>(() => x.Split(-1)).Message);
        Assert.Equal("chunk expects `chunks` to be greater than 0, got: 0",
            Assert.Throws<TensorArgumentException>(() => x.Chunk(0)).Message);
        Assert.Equal("RepeatDims", Assert.Throws<ShapeMismatchException>(() => x.Repeat(2)).ErrorId);
        Assert.Equal("RepeatedDim", Assert.Throws<TensorArgumentException>(() => x.Flip(0, -2)).ErrorId);
    }

    [Fact]
    public void SplitShapesFollowPyTorch()
    {
        var x = Tensor.Arange(10);
        Assert.Equal(new[] { 4, 4, 2 }, x.Split(4).Select(p => p.Size(0)));
        Assert.Equal(new[] { 3, 3, 3, 1 }, x.Chunk(4).Select(p => p.Size(0)));
        Assert.Equal(3, Tensor.Zeros(0, 2).Chunk(3).Length);
        Assert.Equal(new[] { 0, 2 }, Tensor.Cat([Tensor.Zeros(0, 2), Tensor.Zeros(0, 2)]).Shape);
    }

    [Fact]
    public void GatherAndScatterCheckTheirIndex()
    {
        var x = Tensor.Arange(12).Reshape(3, 4).Float();
        Assert.Equal("index 7 is out of bounds for dimension 1 with size 4",
            Assert.Throws<TensorIndexException>(() => x.Gather(1, new Tensor(new[,] { { 7L } }))).Message);
        Assert.Equal("Index tensor must have the same number of dimensions as input tensor (index [1], input [3, 4])",
            Assert.Throws<ShapeMismatchException>(() => x.Gather(0, new Tensor(new[] { 0L }))).Message);
        Assert.Equal("IndexDType", Assert.Throws<TensorIndexException>(() => x.Gather(0, Tensor.Zeros(1, 1))).ErrorId);
        Assert.Equal("IndexSize", Assert.Throws<ShapeMismatchException>(() => x.Gather(0, Tensor.Zeros([1, 5], DType.Int64))).ErrorId);
        Assert.Equal("index_select(): Index is supposed to be a vector, got shape [1, 1]",
            Assert.Throws<TensorIndexException>(() => x.IndexSelect(0, Tensor.Zeros([1, 1], DType.Int64))).Message);
        var y = Tensor.Zeros(3);
        y.ScatterAdd_(0, new Tensor(new[] { 0L, 0L, 2L }), Tensor.Ones(3));
        Assert.Equal(new float[] { 2, 0, 1 }, y.ToFloatArray());
    }

    [Fact]
    public void FlipOfAStridedViewAndRepeatOfAScalar()
    {
        var x = Tensor.Arange(12).Reshape(3, 4).T;
        FixtureTensor.AssertClose(x.Contiguous().Flip(0, 1), x.Flip(1, 0));
        Assert.Equal(new long[] { 7, 7 }, Tensor.Full([], 7, DType.Int64).Repeat(2).ToInt64Array());
        Assert.Equal(new long[] { 3, 2, 1, 0 }, Tensor.Arange(4).Flip(0).ToInt64Array());
    }
}
