using NNTools.Autograd;

namespace NNTools.Tests.Autograd;

/// <summary>Tensor.Data as torch's .data: an untracked alias for manual updates, and its setter.</summary>
public class DataTests
{
    [Fact]
    public void ManualSgdStepThroughData()
    {
        // w.data -= lr * w.grad: no in-place-on-leaf error, same memory, w still a leaf requiring grad.
        var w = new Tensor(new[] { 1.0f, 2.0f }).RequiresGrad_();
        (w * w).Sum().Backward();
        w.Data.Sub_(w.Grad! * 0.5);
        Assert.Equal(new[] { 0f, 0f }, w.ToFloatArray());
        Assert.True(w.RequiresGrad && w.IsLeaf);
        Assert.False(w.Data.RequiresGrad);
        Assert.True(w.Data.SharesStorageWith(w));
    }

    [Fact]
    public void WritesThroughDataDoNotTripTheVersionCheck()
    {
        // torch: o = (w*w).sum(); w.data -= 1; o.backward() -> no error, grad from the new values (0).
        var w = Tensor.Ones(2).RequiresGrad_();
        var o = (w * w).Sum();
        w.Data.Sub_(1L);
        o.Backward();
        Assert.Equal(new[] { 0f, 0f }, w.Grad!.ToFloatArray());
        // Detach shares the version counter, so the same write through it is caught.
        var o2 = (w * w).Sum();
        w.Detach().Add_(1L);
        Assert.Equal("SavedTensorModified", Assert.Throws<AutogradException>(() => o2.Backward()).ErrorId);
    }

    [Fact]
    public void SetterTakesTheOtherTensorsElementsShapeAndDType()
    {
        var w = Tensor.Zeros(3).RequiresGrad_();
        var t = new Tensor(new[] { 5.0, 6.0 });
        w.Data = t;
        Assert.Equal(DType.Float64, w.DType);
        Assert.Equal(new[] { 2 }, w.Shape);
        Assert.True(w.RequiresGrad);
        t.Add_(1L);
        Assert.Equal(new[] { 6.0, 7.0 }, w.ToDoubleArray());
        var e = Assert.Throws<AutogradException>(() => w.Data = new Tensor(new long[] { 1 }));
        Assert.Equal("DataDType", e.ErrorId);
        var plain = Tensor.Zeros(1);
        plain.Data = new Tensor(new long[] { 4 });
        Assert.Equal(DType.Int64, plain.DType);
    }
}
