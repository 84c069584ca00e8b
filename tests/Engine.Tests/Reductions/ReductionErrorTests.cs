namespace NNTools.Tests.Reductions;

/// <summary>Reduction error cases: ids and PyTorch's messages; and the boolean tests Equal and AllClose.</summary>
public class ReductionErrorTests
{
    private static void Throws<TException>(Action action, string errorId, string message) where TException : TensorException
    {
        var e = Assert.Throws<TException>(action);
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void VarAndStdRefuseIntegers() =>
        Throws<DTypeMismatchException>(() => Tensor.Arange(5).Var(), "VarDType", "std and var only support floating point and complex dtypes");

    [Fact]
    public void MeanRefusesIntegers() =>
        Throws<DTypeMismatchException>(() => Tensor.Arange(5).Mean(), "MeanDType", "mean(): could not infer output dtype");

    [Fact]
    public void NormRefusesIntegers() =>
        Throws<DTypeMismatchException>(() => Tensor.Arange(5).Norm(), "NormDType", "norm(): input dtype should be either floating point or complex. Got Long instead.");

    [Fact]
    public void MaxOfEmptyNeedsADim() =>
        Throws<TensorArgumentException>(() => Tensor.Zeros(0, 3).Max(), "EmptyReduction",
            "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");

    [Fact]
    public void MaxOverAnEmptyDimFails() =>
        Throws<TensorIndexException>(() => Tensor.Zeros(0, 3).Max(0), "EmptyReduction", "max(): Expected reduction dim 0 to have non-zero size.");

    [Fact]
    public void MaxOverTheOtherDimOfAnEmptyTensorIsEmpty()
    {
        var r = Tensor.Zeros(0, 3).Max(1);
        Assert.Equal([0], r.Values.Shape);
        Assert.Equal(DType.Int64, r.Indices.DType);
    }

    [Fact]
    public void ArgMaxRefusesBool() =>
        Throws<DTypeMismatchException>(() => Tensor.Ones([3], DType.Bool).ArgMax(), "UnsupportedDType", "\"argmax_cpu\" not implemented for 'Bool'");

    [Fact]
    public void DimOutOfRange() =>
        Throws<TensorIndexException>(() => Tensor.Zeros(2, 2).Max(2), "DimOutOfRange", "Dimension out of range (expected to be in range of [-2, 1], but got 2)");

    [Fact]
    public void RepeatedDims() =>
        Throws<TensorArgumentException>(() => Tensor.Zeros(2, 2).Var([1, -1]), "RepeatedDim", "dim 1 appears multiple times");

    [Fact]
    public void IsCloseNeedsOneDType() =>
        Throws<DTypeMismatchException>(() => Tensor.Ones(2).IsClose(Tensor.Ones([2], DType.Float64)), "IsCloseDType", "Float did not match Double");

    [Fact]
    public void EqualNeedsSameShapeAndValues()
    {
        Assert.True(Tensor.Ones(2).Equal(Tensor.Ones([2], DType.Float64)));
        Assert.False(Tensor.Ones(2).Equal(Tensor.Ones(3)));
        Assert.False(Tensor.Ones(2).Equal(Tensor.Ones(1)));
        Assert.False(Tensor.Full([2], double.NaN).Equal(Tensor.Full([2], double.NaN)));
        Assert.True(Tensor.Ones(2).AllClose(Tensor.Ones(1)));
        Assert.True(Tensor.Full([2], double.NaN).AllClose(Tensor.Full([2], double.NaN), equalNan: true));
    }

    [Fact]
    public void ZeroDimTensorsReduceOverDimZero()
    {
        var x = Tensor.Scalar(3.0);
        Assert.Equal(3f, x.Max(0).Values.ToSingle());
        Assert.Equal(0L, x.ArgMax(-1).ToInt64());
        Assert.Equal(3f, x.CumSum(0).ToSingle());
        Assert.Empty(x.Prod(0).Shape);
        Throws<TensorIndexException>(() => x.Max(1), "DimOutOfRange", "Dimension out of range (expected to be in range of [-1, 0], but got 1)");
        Assert.True(Tensor.Zeros(0).All().ToBoolean());
        Assert.False(Tensor.Zeros(0).Any().ToBoolean());
    }
}
