using NNTools.Data;
using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Tests.Errors;

/// <summary>Bad arguments the engine used to answer with a bare .NET exception or a message without the values.</summary>
public sealed class BadArgumentTests
{
    private static void Refused<TException>(Action action, string errorId, string message) where TException : TensorException
    {
        var e = Assert.Throws<TException>(action);
        Assert.Equal((errorId, message), (e.ErrorId, e.Message));
    }

    [Fact]
    public void NullTensorsAreNamedNotDereferenced()
    {
        var a = Tensor.Zeros(2, 3);
        Refused<TensorArgumentException>(() => a.MatMul(null!), "NullArgument", "argument 'other' of MatMul is null");
        Refused<TensorArgumentException>(() => a.Add(null!), "NullArgument", "argument 'other' of Add is null");
        Refused<TensorArgumentException>(() => a.Gt(null!), "NullArgument", "argument 'other' of Gt is null");
        Refused<TensorArgumentException>(() => new Linear(3, 2).Forward(null!), "NullArgument", "argument 'input' of Forward is null");
        Refused<TensorArgumentException>(() => Tensor.Cat([a, null!], 0), "NullArgument", "argument 'tensors' of Cat is null");
        Refused<TensorArgumentException>(() => new DataLoader(null!, 2), "NullArgument", "argument 'dataset' of DataLoader is null");
    }

    [Fact]
    public void AFillValueTheDTypeCannotHoldIsRefusedAsPyTorchDoes()
    {
        // torch.full((2,), nan, dtype=torch.int64): "value cannot be converted to type int64_t without overflow".
        Refused<TensorArgumentException>(() => Tensor.Full([2], double.NaN, DType.Int64), "ValueOverflow",
            "value cannot be converted to type int64_t without overflow: NaN does not fit in torch.int64");
        Assert.Equal("ValueOverflow", Assert.Throws<TensorArgumentException>(() => Tensor.Full([2], double.PositiveInfinity, DType.Int64)).ErrorId);
        Assert.Equal("ValueOverflow", Assert.Throws<TensorArgumentException>(() => Tensor.Full([2], 9.3e18, DType.Int64)).ErrorId);
        Assert.Equal("ValueOverflow", Assert.Throws<TensorArgumentException>(() => Tensor.Full([2], 1e300)).ErrorId);
        Assert.Equal("ValueOverflow", Assert.Throws<TensorArgumentException>(() => Tensor.Zeros([2], DType.Int64).Fill_(double.NaN)).ErrorId);
        // What PyTorch accepts: fractions truncate toward zero, NaN fills a float or bool tensor.
        Assert.Equal(new long[] { -2, -2 }, Tensor.Full([2], -2.7, DType.Int64).ToInt64Array());
        Assert.True(double.IsNaN(Tensor.Full([1], double.NaN).ToDouble()));
        Assert.Equal(new long[] { 1 }, Tensor.Full([1], double.NaN, DType.Bool).ToInt64Array());
    }

    [Fact]
    public void ATensorTooLargeToAllocateIsNamedByShapeAndBytes()
    {
        // More elements than a .NET array holds: OutOfMemoryException before any memory is touched.
        Refused<TensorLimitException>(() => Tensor.Zeros(int.MaxValue - 1), "AllocationFailed",
            "cannot allocate a torch.float32 tensor of shape [2147483646]: 8,589,934,584 bytes requested, more than this process can allocate for one tensor (.NET arrays hold at most 2,147,483,591 elements)");
    }

    [Fact]
    public void AHyperParameterOfTheWrongTypeIsRefusedAndTheOldValueKept()
    {
        var sgd = new SGD([Tensor.Zeros(2).RequiresGrad_()], lr: 0.1);
        Refused<TensorArgumentException>(() => sgd.ParamGroups[0]["lr"] = "fast", "InvalidHyperParameter", "hyper-parameter 'lr' must be a number, got 'fast'");
        Assert.Equal(0.1, sgd.ParamGroups[0].Lr);
    }

    [Fact]
    public void ADataSetOfA0dTensorSaysSo() =>
        Refused<ShapeMismatchException>(() => new TensorDataset(Tensor.Scalar(2.5)), "DatasetTensorRank",
            "a TensorDataset indexes samples along the first dim, but one of its tensors is 0-d (shape [], value 2.5); give it a dim of samples");

    [Fact]
    public void AnMlpChecksItsActivationEvenWithoutHiddenLayers() =>
        Refused<TensorArgumentException>(() => Layers.Mlp([3, 1], "Relux"), "UnknownActivation",
            "unknown activation 'Relux'; expected one of ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, LogSoftmax, GELU, SiLU, ELU, Softplus, Hardtanh, Mish, Identity");

    [Fact]
    public void MessagesNameTheShapesInvolved()
    {
        Refused<ShapeMismatchException>(() => Tensor.Zeros(2, 3).View(-1, -1), "ViewShape", "only one dimension can be inferred, got shape [-1, -1]");
        Refused<ShapeMismatchException>(() => Tensor.Zeros(2, 3).Repeat(2), "RepeatDims",
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor (repeats [2] for shape [2, 3])");
        Refused<ShapeMismatchException>(() => Tensor.Zeros(3).Det(), "LinalgRank", "linalg.det: The input tensor A must have at least 2 dimensions, got shape [3]");
        Refused<TensorArgumentException>(() => Datasets.Get("iris", nSamples: 10), "OptionNotApplicable", "the iris data set takes no sample count");
    }
}
