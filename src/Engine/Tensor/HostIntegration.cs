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

    /// <summary>
    /// Returns the default settings (the default dtype) for the calling context, as
    /// <see cref="DefaultGenerator"/> does for the generator; null for the process's own.
    /// </summary>
    public static Func<TensorDefaults?>? DefaultSettings { get; set; }

    /// <summary>
    /// Makes the exception the engine throws for each of its errors, given where the error leaves
    /// the engine; null (the default) throws the <see cref="TensorException"/> itself. A host whose
    /// callers cannot see an exception's id and kind (PowerShell reports a method's exception under
    /// its class name) installs one that wraps the error in its own type, keeping the
    /// TensorException as the inner exception.
    /// </summary>
    public static Func<TensorException, ErrorSite, Exception>? ErrorTranslator { get; set; }

    /// <summary>
    /// Throws the engine's own exceptions on this thread, whatever <see cref="ErrorTranslator"/>
    /// says, until the scope is disposed: for callers that catch engine errors themselves, such as
    /// a model file loader that reports a layer's refusal of its arguments as a bad file.
    /// </summary>
    public static UntranslatedErrorsScope UntranslatedErrors() => Errors.Untranslated();
}
