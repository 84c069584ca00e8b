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
