using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NNTools;

/// <summary>
/// The one way engine errors leave the engine: every <c>throw</c> passes its exception through
/// <see cref="Raise"/>, so a host can give its callers its own exception type
/// (<see cref="HostIntegration.ErrorTranslator"/>) while C# callers see the engine's.
/// </summary>
internal static class Errors
{
    [ThreadStatic] private static int t_untranslated;
    [ThreadStatic] private static int t_setters;

    /// <summary>The exception to throw for <paramref name="error"/>: the host's translation if one is installed.</summary>
    public static Exception Raise(TensorException error) =>
        t_untranslated == 0 && HostIntegration.ErrorTranslator is { } translate
            ? translate(error, t_setters > 0 ? ErrorSite.PropertySetter : ErrorSite.Member)
            : error;

    /// <summary>
    /// Refuses a null argument (a script's $null) with an engine error naming it and the member it
    /// was given to; .NET's own ArgumentNullException would reach a script as a bare class name.
    /// </summary>
    public static void ThrowIfNull([NotNull] object? value, [CallerArgumentExpression(nameof(value))] string argument = "",
        [CallerMemberName] string member = "")
    {
        if (value is null) throw Raise(NullArgument(argument, member));
    }

    /// <summary>The error <see cref="ThrowIfNull"/> raises, for null checks written as expressions.</summary>
    public static TensorArgumentException NullArgument(string argument, string member) =>
        new("NullArgument", $"argument '{argument}' of {(member == ".ctor" ? "the constructor" : member)} is null");

    /// <summary>Raises this thread's errors untranslated until the returned scope is disposed.</summary>
    public static UntranslatedErrorsScope Untranslated()
    {
        t_untranslated++;
        return new UntranslatedErrorsScope();
    }

    internal static void EndUntranslated() => t_untranslated--;

    /// <summary>
    /// Marks this thread's errors as leaving through a public property's setter until disposed.
    /// Only setters take it, around code of their own: engine code that calls a public setter
    /// would report its errors as the setter's.
    /// </summary>
    public static SetterScope InSetter()
    {
        t_setters++;
        return new SetterScope();
    }

    internal readonly struct SetterScope : IDisposable
    {
        public void Dispose() => t_setters--;
    }
}

/// <summary>
/// Where an engine error leaves the engine, for hosts that report the two differently: PowerShell
/// passes an exception through a property's setter unwrapped only if it is a SetValueException,
/// and through everything else (methods, constructors, getters, indexers) only if it is a
/// MethodException.
/// </summary>
public enum ErrorSite
{
    /// <summary>A method, constructor, operator, property getter or indexer.</summary>
    Member,

    /// <summary>A public property's setter, such as <see cref="Tensor.RequiresGrad"/>.</summary>
    PropertySetter,
}

/// <summary>Ends <see cref="HostIntegration.UntranslatedErrors"/> when disposed.</summary>
public readonly struct UntranslatedErrorsScope : IDisposable
{
    public void Dispose() => Errors.EndUntranslated();
}
