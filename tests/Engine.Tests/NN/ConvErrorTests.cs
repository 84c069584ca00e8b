using NNTools.NN;

namespace NNTools.Tests.NN;

/// <summary>Conv2d and MaxPool2d refuse bad shapes and arguments with PyTorch's messages and stable ids.</summary>
public class ConvErrorTests
{
    private static readonly Tensor Weight = Tensor.Zeros(20, 1, 5, 5);

    [Fact]
    public void ChannelMismatchNamesBothShapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Tensor.Conv2d(Tensor.Zeros(1, 3, 28, 28), Weight));
        Assert.Equal("ConvChannels", e.ErrorId);
        Assert.Equal("Given groups=1, weight of size [20, 1, 5, 5], expected input[1, 3, 28, 28] to have 1 channels, but got 3 channels instead", e.Message);
        var layer = new Conv2d(20, 20, 5);
        var unbatched = Assert.Throws<ShapeMismatchException>(() => layer.Forward(Tensor.Zeros(3, 28, 28)));
        Assert.Contains("expected input[1, 3, 28, 28] to have 20 channels, but got 3", unbatched.Message);
        var grouped = Assert.Throws<ShapeMismatchException>(() => Tensor.Conv2d(Tensor.Zeros(1, 3, 8, 8), Tensor.Zeros(4, 1, 3, 3), null, 1, groups: 2));
        Assert.Contains("Given groups=2, weight of size [4, 1, 3, 3], expected input[1, 3, 8, 8] to have 2 channels, but got 3 channels instead", grouped.Message);
    }

    [Fact]
    public void InputSmallerThanKernelIsRefused()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Tensor.Conv2d(Tensor.Zeros(1, 1, 4, 4), Weight));
        Assert.Equal("ConvInputTooSmall", e.ErrorId);
        Assert.Equal("Calculated padded input size per channel: (4 x 4). Kernel size: (5 x 5). Kernel size can't be greater than actual input size", e.Message);
        var dilated = Assert.Throws<ShapeMismatchException>(() => Tensor.Conv2d(Tensor.Zeros(1, 1, 8, 8), Weight, null, 1, 0, 2));
        Assert.Contains("(8 x 8). Kernel size: (9 x 9)", dilated.Message);
    }

    [Fact]
    public void BadRanksBiasesGroupsAndDTypesAreRefused()
    {
        var rank = Assert.Throws<ShapeMismatchException>(() => Tensor.Conv2d(Tensor.Zeros(28, 28), Weight));
        Assert.Equal("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [28, 28]", rank.Message);
        var bias = Assert.Throws<ShapeMismatchException>(() => Tensor.Conv2d(Tensor.Zeros(1, 1, 28, 28), Weight, Tensor.Zeros(10)));
        Assert.Equal("Given weight of size [20, 1, 5, 5], expected bias to be 1-dimensional with 20 elements, but got bias of size [10] instead", bias.Message);
        var groups = Assert.Throws<ShapeMismatchException>(() => Tensor.Conv2d(Tensor.Zeros(1, 4, 8, 8), Tensor.Zeros(3, 2, 3, 3), null, 1, groups: 2));
        Assert.Equal("ConvGroups", groups.ErrorId);
        Assert.Contains("weight of size [3, 2, 3, 3]", groups.Message);
        var dtype = Assert.Throws<DTypeMismatchException>(() => Tensor.Conv2d(Tensor.Zeros([1, 1, 28, 28], DType.Float64), Weight));
        Assert.Equal("expected scalar type Double but found Float", dtype.Message);
        var biasType = Assert.Throws<DTypeMismatchException>(() => Tensor.Conv2d(Tensor.Zeros(1, 1, 28, 28), Weight, Tensor.Zeros([20], DType.Float64)));
        Assert.Equal("Input type (float) and bias type (double) should be the same", biasType.Message);
        Assert.Equal("ConvStride", Assert.Throws<TensorArgumentException>(() => Tensor.Conv2d(Tensor.Zeros(1, 1, 8, 8), Weight, null, 0)).ErrorId);
        Assert.Equal("ConvPadding", Assert.Throws<TensorArgumentException>(() => Tensor.Conv2d(Tensor.Zeros(1, 1, 8, 8), Weight, null, 1, -1)).ErrorId);
        Assert.Equal("ConvArgumentLength", Assert.Throws<TensorArgumentException>(() => Tensor.Conv2d(Tensor.Zeros(1, 1, 8, 8), Weight, null, [1, 1, 1])).ErrorId);
        Assert.Equal("ConvGroups", Assert.Throws<TensorArgumentException>(() => new Conv2d(3, 4, 3, groups: 2)).ErrorId);
    }

    [Fact]
    public void PoolingRefusesTooSmallInputsAndBadArguments()
    {
        var small = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(1, 20, 3, 3).MaxPool2d(4));
        Assert.Equal("PoolOutputTooSmall", small.ErrorId);
        Assert.Equal("Given input size: (20x3x3). Calculated output size: (20x0x0). Output size is too small", small.Message);
        var pad = Assert.Throws<TensorArgumentException>(() => Tensor.Zeros(1, 1, 8, 8).MaxPool2d(2, padding: 2));
        Assert.Equal("pad should be at most half of kernel size, but got pad=2 and kernel_size=2", pad.Message);
        var rank = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(8, 8).MaxPool2d(2));
        Assert.Contains("3D or 4D (batch mode) tensor expected for input, but got input of size: [8, 8]", rank.Message);
        var dtype = Assert.Throws<DTypeMismatchException>(() => Tensor.Zeros([1, 1, 4, 4], DType.Int64).MaxPool2d(2));
        Assert.Equal("\"max_pool2d\" not implemented for 'Long'", dtype.Message);
        Assert.Equal("PoolStride", Assert.Throws<TensorArgumentException>(() => Tensor.Zeros(1, 1, 4, 4).MaxPool2d(2, 0)).ErrorId);
        Assert.Equal("PoolKernelSize", Assert.Throws<TensorArgumentException>(() => Tensor.Zeros(1, 1, 4, 4).MaxPool2d(0, 1)).ErrorId);
    }
}
