using NNTools.NN;

namespace NNTools.Tests.NN;

/// <summary>Losses refuse mismatched shapes and dtypes with messages that name both.</summary>
public class LossErrorTests
{
    [Fact]
    public void MseNamesBothShapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new MSELoss().Compute(Tensor.Zeros(4, 1), Tensor.Zeros(4)));
        Assert.Equal("LossShapeMismatch", e.ErrorId);
        Assert.Contains("[4, 1]", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Fact]
    public void CrossEntropyNeedsIntegerTargetsOrProbabilities()
    {
        var e = Assert.Throws<DTypeMismatchException>(() => new CrossEntropyLoss().Compute(Tensor.Zeros(3, 2), Tensor.Zeros([3], DType.Bool)));
        Assert.Equal("TargetDType", e.ErrorId);
        var s = Assert.Throws<ShapeMismatchException>(() => new CrossEntropyLoss().Compute(Tensor.Zeros(3, 2), Tensor.Zeros([4], DType.Int64)));
        Assert.Contains("[3, 2]", s.Message);
        var oob = Assert.Throws<TensorIndexException>(() => new CrossEntropyLoss().Compute(Tensor.Zeros(2, 2), new Tensor(new long[] { 0, 5 })));
        Assert.Contains("Target 5", oob.Message);
    }

    [Fact]
    public void BceRejectsProbabilitiesOutsideZeroOne()
    {
        var e = Assert.Throws<TensorArgumentException>(() => new BCELoss().Compute(new Tensor(new[] { 1.5f }), new Tensor(new[] { 1f })));
        Assert.Equal("BceInputRange", e.ErrorId);
        var d = Assert.Throws<DTypeMismatchException>(() => new BCELoss().Compute(new Tensor(new[] { 0.5f }), new Tensor(new long[] { 1 })));
        Assert.Contains("torch.int64", d.Message);
    }

    [Fact]
    public void BceClampsLogsAtMinus100()
    {
        var loss = new BCELoss().Compute(new Tensor(new[] { 0f, 1f }), new Tensor(new[] { 1f, 0f }));
        Assert.Equal(100.0, loss.ToDouble(), 4);
    }
}
