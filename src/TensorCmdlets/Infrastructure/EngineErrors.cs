namespace NNTools.Commands;

/// <summary>Finds the engine error behind the wrappers PowerShell puts around it.</summary>
internal static class EngineErrors
{
    /// <summary>
    /// The TensorException inside <paramref name="e"/>, if any: an engine error raised in a model
    /// class written in PowerShell reaches the cmdlet wrapped in MethodInvocationException and
    /// RuntimeException layers.
    /// </summary>
    public static TensorException? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is TensorException t) return t;
        }
        return null;
    }
}
