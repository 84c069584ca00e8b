namespace NNTools;

/// <summary>
/// Hooks through which a host (the PowerShell module) adapts the engine to its objects, so the
/// engine itself never references the host.
/// </summary>
public static class HostIntegration
{
    /// <summary>
    /// Returns the .NET value a host object wraps (PowerShell's PSObject.BaseObject), applied to
    /// every element of nested data given to <see cref="Tensor(object)"/>; null for none.
    /// </summary>
    public static Func<object, object>? ObjectUnwrapper
    {
        get => NestedData.Unwrapper;
        set => NestedData.Unwrapper = value;
    }

    /// <summary>
    /// Returns the default generator for the calling context (PowerShell: the current runspace's),
    /// or null for the process's own; <see cref="Generator.Default"/> asks it on every use.
    /// </summary>
    public static Func<Generator?>? DefaultGenerator { get; set; }
}
