using NNTools.Autograd;
using AutogradApi = NNTools.Autograd.Autograd;

namespace NNTools.Tests.Autograd;

/// <summary>Autograd.Grad (torch.autograd.grad): results, what it leaves alone, and torch's errors.</summary>
public class GradFunctionTests
{
    [Fact]
    public void ReturnsGradientsWithoutTouchingGrad()
    {
        var x = new Tensor(new[] { 1.0, 2.0 }).RequiresGrad_();
        var w = new Tensor(new[] { 3.0, -1.0 }).RequiresGrad_();
        var y = (x * x * w).Sum();
        var g = AutogradApi.Grad([y], [x, w]);
        Assert.Equal(new[] { 6.0, -4.0 }, g[0]!.ToDoubleArray());
        Assert.Equal(new[] { 1.0, 4.0 }, g[1]!.ToDoubleArray());
        Assert.Null(x.Grad);
        Assert.Null(w.Grad);
        Assert.False(g[0]!.RequiresGrad);
    }

    [Fact]
    public void NonLeafInputAndSeveralOutputs()
    {
        var x = new Tensor(new[] { 1.0, 2.0 }).RequiresGrad_();
        var h = x * 2L;
        var a = (h * h).Sum();
        var b = h.Sum();
        // d(a + 3b)/dh = 2h + 3 with gradOutputs weighting the outputs.
        var g = AutogradApi.Grad([a, b], [h], [Tensor.Scalar(1.0, DType.Float64), Tensor.Scalar(3.0, DType.Float64)]);
        Assert.Equal(new[] { 7.0, 11.0 }, g[0]!.ToDoubleArray());
    }

    [Fact]
    public void NonScalarOutputNeedsGradOutputs()
    {
        var x = new Tensor(new[] { 1.0, 2.0 }).RequiresGrad_();
        var e = Assert.Throws<AutogradException>(() => AutogradApi.Grad(x * 2L, x));
        Assert.Equal("ImplicitGradNonScalar", e.ErrorId);
        Assert.Equal(new[] { 2.0, 20.0 }, AutogradApi.Grad(x * 2L, x, new Tensor(new[] { 1.0, 10.0 }))!.ToDoubleArray());
        var shape = Assert.Throws<ShapeMismatchException>(() => AutogradApi.Grad(x * 2L, x, Tensor.Ones([3], DType.Float64)));
        Assert.Contains("grad_output[0] has a shape of [3]", shape.Message);
    }

    [Fact]
    public void UnusedInputIsAnErrorUnlessAllowed()
    {
        var x = new Tensor(new[] { 1.0 }).RequiresGrad_();
        var z = new Tensor(new[] { 1.0 }).RequiresGrad_();
        var e = Assert.Throws<AutogradException>(() => AutogradApi.Grad([(x * 2L).Sum()], [x, z]));
        Assert.Equal("GradUnusedInput", e.ErrorId);
        Assert.Contains("allowUnused", e.Message);
        var g = AutogradApi.Grad([(x * 2L).Sum()], [x, z], retainGraph: true, allowUnused: true);
        Assert.Null(g[1]);
    }

    [Fact]
    public void InputsAndOutputsMustRequireGrad()
    {
        var x = new Tensor(new[] { 1.0 }).RequiresGrad_();
        var c = new Tensor(new[] { 1.0 });
        Assert.Equal("GradInputNoGrad", Assert.Throws<AutogradException>(() => AutogradApi.Grad((x * c).Sum(), c)).ErrorId);
        Assert.Equal("NoGradFn", Assert.Throws<AutogradException>(() => AutogradApi.Grad(c.Sum(), x)).ErrorId);
        Assert.Equal("GradEmptyInputs", Assert.Throws<AutogradException>(() => AutogradApi.Grad([x.Sum()], [])).ErrorId);
    }

    [Fact]
    public void GraphIsFreedUnlessRetainedOrCreated()
    {
        var x = new Tensor(new[] { 2.0 }).RequiresGrad_();
        var y = x.Exp().Sum();
        AutogradApi.Grad(y, x);
        Assert.Equal("BackwardTwice", Assert.Throws<AutogradException>(() => AutogradApi.Grad(y, x)).ErrorId);
        var y2 = x.Exp().Sum();
        AutogradApi.Grad(y2, x, createGraph: true);
        Assert.NotNull(AutogradApi.Grad(y2, x));
    }

    [Fact]
    public void CapturedGradientIsNotReusedFurtherUp()
    {
        // h's gradient comes from the fused Linear as a scratch buffer that tanh's backward may overwrite
        // in an ordinary pass; once returned to the caller it must stay as it was.
        var gen = new Generator(5);
        var lin1 = new NNTools.NN.Linear(3, 4);
        var lin2 = new NNTools.NN.Linear(4, 2);
        var x = Tensor.Randn([5, 3], DType.Float32, gen).RequiresGrad_();
        var h = lin1.Forward(x).Tanh();
        var y = lin2.Forward(h).Sum();
        var alone = AutogradApi.Grad([y], [h], retainGraph: true)[0]!.Clone();
        var both = AutogradApi.Grad([y], [h, x], retainGraph: true);
        Assert.True(both[0]!.Equal(alone));
        var seen = new List<Tensor>();
        h.RegisterHook(g => { seen.Add(g); return null; });
        y.Backward();
        Assert.True(seen[0].Equal(alone));
    }

    [Fact]
    public void PlainBackwardAfterCreateGraphIsUnchanged()
    {
        // The first-order pass keeps its shortcuts: a Linear weight's gradient lands in .Grad as before.
        var lin = new NNTools.NN.Linear(3, 2);
        var x = Tensor.Randn([4, 3], DType.Float32, new Generator(1));
        var gx = AutogradApi.Grad(lin.Forward(x.RequiresGrad_()).Sum(), x, createGraph: true)!;
        gx.Pow(2L).Sum().Backward();
        var secondOrder = lin.Weight.Grad!.Clone();
        lin.Weight.Grad = null;
        lin.Forward(x.Detach()).Sum().Backward();
        // d/dW sum(x W^T) = column sums of ones times x: every row is x's column sums.
        var expected = x.Detach().Sum(0).Unsqueeze(0).Expand(2, 3);
        Assert.True(lin.Weight.Grad!.AllClose(expected));
        Assert.False(secondOrder.AllClose(expected));
    }
}
