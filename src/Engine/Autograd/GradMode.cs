namespace NNTools.Autograd;

/// <summary>
/// Whether operations record a graph on this thread. Scopes nest: each <see cref="NoGrad"/>
/// disables recording until disposed, restoring whatever was in force before.
/// </summary>
public static class GradMode
{
    [ThreadStatic] private static int _disabledDepth;

    public static bool IsEnabled => _disabledDepth == 0;

    /// <summary>Disables graph recording until the returned scope is disposed (torch.no_grad()).</summary>
    public static IDisposable NoGrad()
    {
        _disabledDepth++;
        return new Scope();
    }

    /// <summary>
    /// Enables graph recording until the returned scope is disposed, even inside no-grad scopes
    /// (torch.enable_grad(): LBFGS runs its closure so, from a step that is itself no-grad).
    /// </summary>
    public static IDisposable EnableGrad()
    {
        int saved = _disabledDepth;
        _disabledDepth = 0;
        return new RestoreScope(saved);
    }

    private sealed class RestoreScope(int depth) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _disabledDepth = depth;
        }
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _disabledDepth--;
        }
    }
}
