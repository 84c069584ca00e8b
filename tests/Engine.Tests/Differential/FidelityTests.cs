namespace NNTools.Tests.Differential;

/// <summary>
/// The PyTorch behaviours docs/FIDELITY.md lists as not copied, asserted as ours, and the scalar
/// promotion rules the differential replay found broken, pinned with PyTorch 1.13's answers.
/// </summary>
public class FidelityTests
{
    [Fact]
    public void LongOfNonFiniteOrHugeSaturates()
    {
        var x = new Tensor(new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e30, -2.7 });
        Assert.Equal(new[] { 0L, long.MaxValue, long.MinValue, long.MaxValue, -2L }, x.Long().ToInt64Array());
    }

    [Fact]
    public void VarianceGradientOfZeroDimTensorIsNaNAsForOneElement()
    {
        var zeroD = Tensor.Scalar(1.5, DType.Float64).RequiresGrad_();
        zeroD.Var([-1], unbiased: true, keepDim: true).Backward(Tensor.Scalar(-2, DType.Float64));
        Assert.True(double.IsNaN(zeroD.Grad!.ToDouble()));
        var oneD = new Tensor(new[] { 1.5 }).RequiresGrad_();
        oneD.Var([-1], unbiased: true, keepDim: true).Backward(new Tensor(new[] { -2.0 }));
        Assert.True(double.IsNaN(oneD.Grad!.ToDouble()));
    }

    [Fact]
    public void MaskedSelectGradientFollowsIndexOrderOnNonContiguousInput()
    {
        var b = Tensor.Arange(0, 8, 1, DType.Float64).Reshape(2, 2, 2).RequiresGrad_();
        var mask = new Tensor(new object[] { new object[] { true, true }, new object[] { false, true } });
        var y = b.Transpose(-2, -1).MaskedSelect(mask);
        (y * new Tensor(new[] { 1.0, 2, 3, 4, 5, 6 })).Sum().Backward();
        // b.T[0] = [[0, 2], [1, 3]] selects 0, 2, 3 with weights 1, 2, 3: b[0] gets [[1, 0], [2, 3]].
        Assert.Equal(new[] { 1.0, 0, 2, 3, 4, 0, 5, 6 }, b.Grad!.ToDoubleArray());
    }

    [Fact]
    public void RegressionLossRefusesBroadcastableTarget()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => NNTools.NN.Functional.MseLoss(Tensor.Zeros(4, 1), Tensor.Zeros(4)));
        Assert.Equal("LossShapeMismatch", e.ErrorId);
    }

    [Fact]
    public void PythonFloatScalarsPromoteIntegerTensorsAndPythonIntsDoNot()
    {
        var i = new Tensor(new[] { 1L, 5, -3 });
        Assert.Equal(DType.Float32, i.Pow(2.0).DType);
        Assert.Equal(new[] { 1L, 25, 9 }, i.Pow(2L).ToInt64Array());
        Assert.Equal(DType.Float32, i.Clamp(max: 2.0).DType);
        Assert.Equal(new[] { 1L, 2, -3 }, i.ClampMax(2L).ToInt64Array());
        Assert.Equal(new[] { 1L, 2, 0 }, i.Clamp(0L, 2L).ToInt64Array());
        Assert.Equal(new[] { 2L, 32, 0 }, Tensor.Pow(2L, i).ToInt64Array());
        Assert.Equal(new[] { 3L, 15, -9 }, i.Add(i, 2L).ToInt64Array());
        Assert.Equal("FloatAlpha", Assert.Throws<DTypeMismatchException>(() => i.Add(i, 2.5)).ErrorId);
    }

    [Fact]
    public void StdOfHugeFloat32ValuesStaysFinite()
    {
        var x = new Tensor(new[] { 1e20f, -1e20f });
        Assert.Equal(1e20f, x.Std([0], unbiased: false).ToSingle(), 1e14f);
        var big = new Tensor(new[] { 3e200, -3e200, 1e200 });
        Assert.True(double.IsFinite(big.Std().ToDouble()));
    }

    [Fact]
    public void ZeroDimIntegerTensorIndexesAsAnInteger()
    {
        var x = Tensor.Arange(0, 6, 1, DType.Float32).Reshape(2, 3);
        var mask = new Tensor(new[] { true, false, true });
        // x[:, mask][tensor(1)] as x[1, mask]: a 0-d int64 index selects like 1, so the result is [2].
        Assert.Equal(new[] { 2 }, x.Index(Tensor.Scalar(1, DType.Int64), mask).Shape);
        // True beside an advanced index broadcasts with it instead of adding a dim.
        Assert.Equal(new[] { 1 }, x.Index(new Tensor(new[] { 1L }), true, 1L).Shape);
    }

    [Fact]
    public void DiagOfADiagonalOutsideTheMatrixIsEmpty()
    {
        Assert.Equal([0], Tensor.Zeros(1, 2).Diag(3).Shape);
        Assert.Equal([0], Tensor.Zeros(2, 0).Diag(-3).Shape);
    }

    [Fact]
    public void MedianOfAnEmptyIntegerTensorIsZero()
    {
        Assert.Equal(0L, Tensor.Zeros([0], DType.Int64).Median().ToInt64());
        Assert.True(double.IsNaN(Tensor.Zeros(0).Median().ToDouble()));
    }

    [Fact]
    public void IndexWritesRefuseAZeroDimTensor() =>
        Assert.Equal("IndexWriteRank", Assert.Throws<ShapeMismatchException>(
            () => Tensor.Scalar(1).IndexAdd(0, Tensor.Zeros([1], DType.Int64), Tensor.Scalar(2))).ErrorId);

    [Fact]
    public void UnsortedTopkAndUniqueComeBackSorted()
    {
        var x = new Tensor(new[] { 3L, 9, 1, 9, 4 });
        Assert.Equal(new[] { 9L, 9, 4 }, x.Topk(3, sorted: false).Values.ToInt64Array());
        Assert.Equal(new[] { 1L, 3, 4, 9 }, x.Unique(sorted: false).Values.ToInt64Array());
    }

    [Fact]
    public void TraceGradientOfATallMatrixStaysOnTheDiagonal()
    {
        var x = Tensor.Zeros([3, 1], DType.Float64).RequiresGrad_();
        x.Trace().Backward();
        Assert.Equal(new[] { 1.0, 0, 0 }, x.Grad!.ToDoubleArray());
    }
}
