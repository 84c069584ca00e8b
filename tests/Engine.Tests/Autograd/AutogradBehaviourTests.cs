using NNTools.Autograd;

namespace NNTools.Tests.Autograd;

/// <summary>The autograd contract: accumulation, retained graphs, no-grad scopes, detach, and the errors for misuse.</summary>
public class AutogradBehaviourTests
{
    [Fact]
    public void GradientsAccumulateUntilCleared()
    {
        // The tutorial: y = (x**2 + x).sum(); backward twice gives 2 * (2x + 1).
        var x = new Tensor(new[] { 2.0f, 3.0f, 4.0f }).RequiresGrad_();
        Assert.Null(x.Grad);
        (x.Pow(2) + x).Sum().Backward();
        Assert.Equal(new[] { 5f, 7f, 9f }, x.Grad!.ToFloatArray());
        (x.Pow(2) + x).Sum().Backward();
        Assert.Equal(new[] { 10f, 14f, 18f }, x.Grad!.ToFloatArray());
        x.ZeroGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void ZeroGradInPlaceKeepsTheTensor()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        (x * 3.0).Sum().Backward();
        var g = x.Grad!;
        x.ZeroGrad(setToNone: false);
        Assert.Same(g, x.Grad);
        Assert.Equal(new[] { 0f, 0f }, g.ToFloatArray());
    }

    [Fact]
    public void LaterGradientsAddIntoTheSameTensor()
    {
        // As PyTorch's AccumulateGrad outside create_graph: grad += new, in place. The Linear weight's
        // gradient arrives as a transposed view and must be added element for element.
        var x = Tensor.Arange(0, 12).Float().Reshape(4, 3);
        var w = Tensor.Arange(0, 6).Float().Reshape(2, 3).RequiresGrad_();
        var b = Tensor.Zeros(2).RequiresGrad_();
        Tensor.LinearRows(x, w, b).Sum().Backward();
        var g = w.Grad!;
        var first = g.ToFloatArray();
        Tensor.LinearRows(x, w, b).Pow(2).Sum().Backward();
        Assert.Same(g, w.Grad);
        var expected = x.T.MatMul(Tensor.LinearRows(x, w.Detach(), b.Detach()) * 2).T;
        var want = first.Zip(expected.Contiguous().ToFloatArray(), (p, q) => p + q).ToArray();
        Assert.Equal(want, w.Grad!.ToFloatArray());
        // y = x w^T: column sums 74 and 272, so the bias gradient is 4 + 2 * 74 and 4 + 2 * 272.
        Assert.Equal(new[] { 152f, 548f }, b.Grad!.ToFloatArray());
    }

    [Fact]
    public void SecondBackwardFailsUnlessGraphRetained()
    {
        var x = Tensor.Ones(3).RequiresGrad_();
        var y = (x.Exp() * 2.0).Sum();
        y.Backward();
        var e = Assert.Throws<AutogradException>(() => y.Backward());
        Assert.Equal("BackwardTwice", e.ErrorId);
        Assert.Contains("second time", e.Message);

        var z = (x.Exp() * 2.0).Sum();
        x.ZeroGrad();
        z.Backward(retainGraph: true);
        z.Backward();
        Assert.Equal(4 * Math.E, x.Grad!.ToDoubleArray()[0], 5);
    }

    [Fact]
    public void NonScalarBackwardNeedsAGradient()
    {
        var x = Tensor.Ones(2, 3).RequiresGrad_();
        var y = x * 2.0;
        var e = Assert.Throws<AutogradException>(() => y.Backward());
        Assert.Equal("ImplicitGradNonScalar", e.ErrorId);
        Assert.Contains("[2, 3]", e.Message);
        y.Backward(Tensor.Full([2, 3], 0.5));
        Assert.All(x.Grad!.ToFloatArray(), v => Assert.Equal(1f, v));
        var bad = Assert.Throws<ShapeMismatchException>(() => (x * 2.0).Backward(Tensor.Ones(3)));
        Assert.Contains("[3]", bad.Message);
    }

    [Fact]
    public void OnlyFloatingTensorsCanRequireGrad()
    {
        var e = Assert.Throws<AutogradException>(() => Tensor.Arange(3).RequiresGrad_());
        Assert.Equal("RequiresGradDType", e.ErrorId);
        Assert.Contains("torch.int64", e.Message);
    }

    [Fact]
    public void BackwardOnATensorWithoutGraphFails()
    {
        var e = Assert.Throws<AutogradException>(() => Tensor.Ones(1).Sum().Backward());
        Assert.Equal("NoGradFn", e.ErrorId);
    }

    [Fact]
    public void NoGradScopesNestAndAreThreadLocal()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        using (GradMode.NoGrad())
        {
            using (GradMode.NoGrad())
            {
                Assert.False((x * 2.0).RequiresGrad);
            }
            Assert.False(GradMode.IsEnabled);
            bool otherThread = false;
            var th = new Thread(() => otherThread = GradMode.IsEnabled && (x * 2.0).RequiresGrad);
            th.Start();
            th.Join();
            Assert.True(otherThread);
        }
        Assert.True(GradMode.IsEnabled);
        Assert.True((x * 2.0).RequiresGrad);
    }

    [Fact]
    public void DetachCutsTheGraphAndSharesStorage()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        var y = x * 2.0;
        var d = y.Detach();
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        Assert.True(d.SharesStorageWith(y));
        var z = (d * x).Sum();
        z.Backward();
        Assert.Equal(new[] { 2f, 2f }, x.Grad!.ToFloatArray());
    }

    [Fact]
    public void InPlaceChangeOfALeafThatRequiresGradIsRejected()
    {
        var w = Tensor.Ones(2).RequiresGrad_();
        var e = Assert.Throws<AutogradException>(() => w.Sub_(Tensor.Ones(2)));
        Assert.Equal("InPlaceOnLeaf", e.ErrorId);
        using (GradMode.NoGrad()) w.Sub_(Tensor.Full([2], 0.5));
        Assert.Equal(new[] { 0.5f, 0.5f }, w.ToFloatArray());
    }

    [Fact]
    public void ModifyingASavedTensorIsDetected()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        var a = Tensor.Ones(2);
        var y = (x * a).Sum();
        a.Add_(1.0);
        var e = Assert.Throws<AutogradException>(() => y.Backward());
        Assert.Equal("SavedTensorModified", e.ErrorId);
    }

    [Fact]
    public void OnlyLeafFlagsChange()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        var y = x * 2.0;
        var e = Assert.Throws<AutogradException>(() => y.RequiresGrad = false);
        Assert.Equal("RequiresGradNonLeaf", e.ErrorId);
    }

    [Fact]
    public void RetainGradKeepsANonLeafGradient()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        var y = x * 3.0;
        y.RetainGrad();
        (y * y).Sum().Backward();
        Assert.Equal(new[] { 6f, 6f }, y.Grad!.ToFloatArray());
        Assert.Equal(new[] { 18f, 18f }, x.Grad!.ToFloatArray());
    }

    [Fact]
    public void DeepGraphsDoNotOverflowTheStack()
    {
        var x = Tensor.Ones(1).RequiresGrad_();
        var y = x;
        for (int i = 0; i < 100_000; i++) y = y + 1e-6;
        y.Sum().Backward();
        Assert.Equal(1f, x.Grad!.ToFloatArray()[0]);
    }

    [Fact]
    public void GradNodesCarryPyTorchNames()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        Assert.Equal("MulBackward0", (x * 2.0).GradFn!.Name);
        Assert.Equal("AddBackward0", (x + x).GradFn!.Name);
        Assert.True(x.IsLeaf);
        Assert.Null(x.GradFn);
    }
}
