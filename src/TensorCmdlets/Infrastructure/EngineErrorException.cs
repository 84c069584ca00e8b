using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// An engine error as the module raises it to scripts from a method, constructor, operator,
/// property getter or indexer (the module installs <see cref="Translate"/> as
/// <see cref="HostIntegration.ErrorTranslator"/> at import). PowerShell reports anything else
/// thrown there under its class name with category NotSpecified, but lets a
/// <see cref="MethodException"/> through unchanged: this one carries an ErrorRecord with the
/// engine's id as FullyQualifiedErrorId, the category of its kind, and the engine's exception as
/// <c>$_.Exception</c>, so <c>catch [NNTools.TensorException]</c> matches it.
/// </summary>
public sealed class EngineErrorException(TensorException error) : MethodInvocationException(error.Message, error), ITranslatedError
{
    private readonly ErrorRecord _record = NNToolsCmdlet.ToErrorRecord(error, null);

    public TensorException Error => error;

    /// <summary>
    /// The engine's id, here too because operators are the one place PowerShell wraps it anyway
    /// (in a MethodInvocationException 'DotNetMethodException'): <c>$_.Exception.InnerException.ErrorId</c>.
    /// </summary>
    public string ErrorId => error.ErrorId;

    public override ErrorRecord ErrorRecord => _record;

    /// <summary>The translator the module installs: the exception PowerShell lets through where the error leaves.</summary>
    public static Exception Translate(TensorException error, ErrorSite site) => site == ErrorSite.PropertySetter
        ? new EngineSetterErrorException(error)
        : new EngineErrorException(error);
}

/// <summary>
/// An engine error raised to scripts by a property's setter (<c>$t.RequiresGrad = $true</c>):
/// there PowerShell lets only a <see cref="SetValueException"/> through unchanged.
/// </summary>
public sealed class EngineSetterErrorException(TensorException error) : SetValueInvocationException(error.Message, error), ITranslatedError
{
    private readonly ErrorRecord _record = NNToolsCmdlet.ToErrorRecord(error, null);

    public TensorException Error => error;

    public override ErrorRecord ErrorRecord => _record;
}

/// <summary>An engine error in the type the module raises it as to scripts.</summary>
internal interface ITranslatedError
{
    TensorException Error { get; }
}
