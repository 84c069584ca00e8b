using NNTools.Autograd;
using NNTools.Tests.Support;

namespace NNTools.Tests.Autograd;

/// <summary>
/// The JIT warm-up runs on a background thread that swallows its errors, so these tests run its parts on
/// the test's thread, where a failure shows.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class JitWarmupTests
{
    [Fact]
    public void WarmupStepsAreRealTrainingSteps()
    {
        double[] losses = JitWarmup.RunSteps();

        Assert.Equal(2, losses.Length);
        Assert.All(losses, l => Assert.True(double.IsFinite(l) && l > 0, $"loss {l}"));
        Assert.True(losses[1] < losses[0], $"the update did not lower the loss: {losses[0]} then {losses[1]}");
    }

    [Fact]
    public void PreparingTheBackwardMethodsSucceeds()
    {
        JitWarmup.PrepareBackward();
    }

    [Fact]
    public void WarmupLeavesTheDefaultGeneratorSequenceAlone()
    {
        Tensor.ManualSeed(11);
        var expected = Tensor.Randn(5).ToFloatArray();

        Tensor.ManualSeed(11);
        JitWarmup.RunSteps();
        var actual = Tensor.Randn(5).ToFloatArray();

        Assert.Equal(expected, actual);
    }
}
