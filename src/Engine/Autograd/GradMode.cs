namespace NNTools.Autograd;

/// <summary>
/// Whether operations record a graph on this thread, as torch's grad mode and inference mode. Every
/// scope restores the state it found when disposed, so scopes nest in any combination:
/// <see cref="NoGrad"/> inside <see cref="EnableGrad"/> inside NoGrad records only in the middle.
/// </summary>
public static class GradMode
{
    // Stored inverted, so that a thread's default (false) is torch's default: grad enabled.
    [ThreadStatic] private static bool t_gradDisabled;
    [ThreadStatic] private static int t_inferenceDepth;

    /// <summary>
    /// True when operations on tensors that require grad are recorded: grad mode on and no
    /// <see cref="InferenceMode"/> scope open (inference mode records nothing, even under EnableGrad).
    /// </summary>
    public static bool IsEnabled => !t_gradDisabled && t_inferenceDepth == 0;

    /// <summary>torch.is_grad_enabled(): the grad-mode flag alone (false inside NoGrad and InferenceMode).</summary>
    public static bool IsGradEnabled => !t_gradDisabled;

    /// <summary>torch.is_inference_mode_enabled().</summary>
    public static bool IsInferenceModeEnabled => t_inferenceDepth > 0;

    /// <summary>Disables graph recording until the returned scope is disposed (torch.no_grad()).</summary>
    public static IDisposable NoGrad() => SetGradEnabled(false);

    /// <summary>Enables graph recording until the returned scope is disposed, also inside NoGrad (torch.enable_grad()).</summary>
    public static IDisposable EnableGrad() => SetGradEnabled(true);

    /// <summary>
    /// Sets grad mode now; disposing the returned scope restores the mode found (torch.set_grad_enabled,
    /// usable as a call or as a scope). A caller that keeps the new mode simply never disposes it.
    /// </summary>
    public static IDisposable SetGradEnabled(bool enabled)
    {
        var scope = new Scope(t_gradDisabled, inference: false);
        t_gradDisabled = !enabled;
        return scope;
    }

    /// <summary>
    /// torch.inference_mode(): no graph is recorded, and tensors allocated inside are inference
    /// tensors (<see cref="Tensor.IsInference"/>), which autograd later refuses to save for backward
    /// and which cannot be changed in place or made to require grad outside inference mode.
    /// </summary>
    public static IDisposable InferenceMode()
    {
        var scope = new Scope(t_gradDisabled, inference: true);
        t_inferenceDepth++;
        t_gradDisabled = true;
        return scope;
    }

    private sealed class Scope(bool previousDisabled, bool inference) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_gradDisabled = previousDisabled;
            if (inference) t_inferenceDepth--;
        }
    }
}
