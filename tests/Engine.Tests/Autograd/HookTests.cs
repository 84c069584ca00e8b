using NNTools.Autograd;
using AutogradApi = NNTools.Autograd.Autograd;

namespace NNTools.Tests.Autograd;

/// <summary>Tensor hooks with torch's semantics (checked against PyTorch 1.13 by hand: values in comments).</summary>
public class HookTests
{
    [Fact]
    public void LeafHookRunsBeforeAccumulationAndCanReplace()
    {
        var x = new Tensor(new[] { 1.0, 2.0 }).RequiresGrad_();
        Tensor? seen = null;
        x.RegisterHook(g => { seen = g; return g * 2L; });
        (x * 3L).Sum().Backward();
        Assert.Equal(new[] { 3.0, 3.0 }, seen!.ToDoubleArray());
        Assert.Equal(new[] { 6.0, 6.0 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void HooksRunInRegistrationOrderAndRetainedGradSeesTheResult()
    {
        // torch: y.register_hook(g*10); y.retain_grad(); y.register_hook(g*3) -> y.grad 30, x.grad 60.
        var x = new Tensor(new[] { 1.0, 2.0 }).RequiresGrad_();
        var y = x * 2L;
        y.RegisterHook(g => g * 10L);
        y.RetainGrad();
        y.RegisterHook(g => g * 3L);
        y.Sum().Backward();
        Assert.Equal(new[] { 30.0, 30.0 }, y.Grad!.ToDoubleArray());
        Assert.Equal(new[] { 60.0, 60.0 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void NullReturnKeepsTheGradientAndRemoveUnregisters()
    {
        // torch: hooks g+1 then g*2 on x for (x*3).sum() -> 8.
        var x = new Tensor(new[] { 1.0 }).RequiresGrad_();
        var h1 = x.RegisterHook(g => g + 1L);
        int calls = 0;
        x.RegisterHook(_ => { calls++; return null; });
        x.RegisterHook(g => g * 2L);
        (x * 3L).Sum().Backward();
        Assert.Equal(new[] { 8.0 }, x.Grad!.ToDoubleArray());
        h1.Remove();
        h1.Remove();
        x.Grad = null;
        (x * 3L).Sum().Backward();
        Assert.Equal(new[] { 6.0 }, x.Grad!.ToDoubleArray());
        Assert.Equal(2, calls);
    }

    [Fact]
    public void HookOnALinearWeightSeesItsGradient()
    {
        // The fused Linear writes a sole-use leaf's gradient itself in a plain pass; a hook must still see it.
        var lin = new NNTools.NN.Linear(3, 2);
        Tensor? seen = null;
        lin.Weight.RegisterHook(g => { seen = g; return Tensor.ZerosLike(g); });
        lin.Forward(Tensor.Ones([4, 3])).Sum().Backward();
        Assert.Equal(Enumerable.Repeat(4f, 6), seen!.ToFloatArray());
        Assert.Equal(new float[6], lin.Weight.Grad!.ToFloatArray());
    }

    [Fact]
    public void AutogradGradCapturesAnInputBeforeItsHooks()
    {
        // torch 1.13: grad((y*3).sum(), [y]) is 3 even with a *10 hook on y; grad wrt x goes through it: 60.
        var x = new Tensor(new[] { 1.0, 2.0 }).RequiresGrad_();
        var y = x * 2L;
        y.RegisterHook(g => g * 10L);
        Assert.Equal(new[] { 3.0, 3.0 }, AutogradApi.Grad((y * 3L).Sum(), y)!.ToDoubleArray());
        Assert.Equal(new[] { 60.0, 60.0 }, AutogradApi.Grad((y * 3L).Sum(), x)!.ToDoubleArray());
    }

    [Fact]
    public void BadHooksAndTensorsAreRefused()
    {
        Assert.Equal("HookNoGrad", Assert.Throws<AutogradException>(() => Tensor.Zeros(2).RegisterHook(g => g)).ErrorId);
        var x = new Tensor(new[] { 1.0f, 2.0f }).RequiresGrad_();
        x.RegisterHook(g => g.Sum());
        var e = Assert.Throws<AutogradException>(() => (x * 3L).Sum().Backward());
        Assert.Equal("HookChangedShape", e.ErrorId);
        Assert.Contains("[2]", e.Message);
        var z = new Tensor(new[] { 1.0f }).RequiresGrad_();
        z.RegisterHook(g => g.Double());
        Assert.Equal("HookChangedDType", Assert.Throws<AutogradException>(() => (z * 3L).Sum().Backward()).ErrorId);
    }
}
