using NNTools.Autograd;

namespace NNTools.Tests.Autograd;

/// <summary>Grad-mode scopes and inference mode, as torch's enable_grad, set_grad_enabled and inference_mode.</summary>
public class GradModeScopeTests
{
    [Fact]
    public void EnableGradInsideNoGradRecords()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        using (GradMode.NoGrad())
        {
            Assert.False((x * 2L).RequiresGrad);
            using (GradMode.EnableGrad())
            {
                Assert.True(GradMode.IsGradEnabled);
                Assert.True((x * 2L).RequiresGrad);
            }
            Assert.False(GradMode.IsGradEnabled);
        }
        Assert.True(GradMode.IsEnabled);
    }

    [Fact]
    public void SetGradEnabledSetsNowAndItsScopeRestores()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        var scope = GradMode.SetGradEnabled(false);
        Assert.False((x * 2L).RequiresGrad);
        scope.Dispose();
        Assert.True((x * 2L).RequiresGrad);
    }

    [Fact]
    public void InferenceModeRecordsNothingAndMarksNewTensors()
    {
        var x = Tensor.Ones(2).RequiresGrad_();
        Tensor i, v;
        using (GradMode.InferenceMode())
        {
            Assert.True(GradMode.IsInferenceModeEnabled);
            Assert.False(GradMode.IsGradEnabled);
            using (GradMode.EnableGrad())
            {
                // torch: enable_grad inside inference_mode still records nothing.
                Assert.False((x * 2L).RequiresGrad);
            }
            i = Tensor.Ones(2);
            v = x.Detach()[":1"];
        }
        Assert.False(GradMode.IsInferenceModeEnabled);
        Assert.True(i.IsInference());
        Assert.False(v.IsInference());
        Assert.False(x.IsInference());
    }

    [Fact]
    public void InferenceTensorsAreRefusedWhereTorchRefusesThem()
    {
        Tensor i;
        using (GradMode.InferenceMode()) i = Tensor.Ones(2);
        var x = Tensor.Ones(2).RequiresGrad_();
        var saved = Assert.Throws<AutogradException>(() => x * i);
        Assert.Equal("InferenceTensorSaved", saved.ErrorId);
        Assert.Contains("MulBackward0", saved.Message);
        // Add saves nothing: torch allows it, and so do we.
        (x + i).Sum().Backward();
        Assert.Equal("InferenceTensorInPlace", Assert.Throws<AutogradException>(() => i.Add_(1L)).ErrorId);
        Assert.Equal("InferenceTensorRequiresGrad", Assert.Throws<AutogradException>(() => i.RequiresGrad_()).ErrorId);
        // A clone is a normal tensor.
        Assert.False(i.Clone().IsInference());
        using (GradMode.InferenceMode()) i.Add_(1L);
        Assert.Equal(new[] { 2f, 2f }, i.ToFloatArray());
    }
}
