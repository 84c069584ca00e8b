using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// Base of every NNTools cmdlet: turns the engine's exceptions into ErrorRecords with the
/// engine's stable ErrorId and the category its <see cref="ErrorKind"/> names, so scripts and
/// Pester tests can match them with -ErrorId; and turns Ctrl+C into a cancellation the engine's
/// long operations check (<see cref="StopToken"/>).
/// </summary>
public abstract class NNToolsCmdlet : PSCmdlet
{
    // Never disposed: a CancellationTokenSource holds nothing to release unless it has a timer or
    // its wait handle was asked for, and this one has neither.
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Cancelled when the pipeline is stopped (Ctrl+C): pass it to engine work that can take long.</summary>
    protected CancellationToken StopToken => _stop.Token;

    /// <summary>Ctrl+C: engine work given <see cref="StopToken"/> ends at its next check.</summary>
    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>The PowerShell category for an engine error kind (DESIGN.md: Errors).</summary>
    public static ErrorCategory CategoryOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        ErrorKind.OperationStopped => ErrorCategory.OperationStopped,
        ErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.ReadError => ErrorCategory.ReadError,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        _ => ErrorCategory.InvalidArgument,
    };

    /// <summary>An ErrorRecord for an engine exception: its ErrorId, its category, the offending object.</summary>
    public static ErrorRecord ToErrorRecord(TensorException exception, object? target) =>
        new(exception, exception.ErrorId, CategoryOf(exception.Kind), target);

    /// <summary>
    /// Runs <paramref name="action"/>; an engine error becomes a non-terminating error for this
    /// input (the next pipeline input may still succeed). Work cancelled by Ctrl+C just ends: the
    /// pipeline reports itself stopped.
    /// </summary>
    protected void Try(Action action, object? target = null)
    {
        try
        {
            action();
        }
        catch (Exception e) when (Raised(e) is { } engine)
        {
            WriteError(ToErrorRecord(engine, target));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs <paramref name="action"/>; an engine error ends the command (nothing after it can succeed).</summary>
    protected void TryOrStop(Action action, object? target = null)
    {
        try
        {
            action();
        }
        catch (Exception e) when (Raised(e) is { } engine)
        {
            ThrowTerminatingError(ToErrorRecord(engine, target));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The engine error an engine call threw, as the engine's type or as the module translated it
    /// for scripts; null for anything else.
    /// </summary>
    private static TensorException? Raised(Exception e) => e switch
    {
        TensorException error => error,
        ITranslatedError translated => translated.Error,
        _ => null,
    };

    /// <summary>
    /// The file system path <paramref name="path"/> names, relative to the current location. A path
    /// on another provider (variable:x, env:TEMP) ends the command with <paramref name="errorId"/>:
    /// read as a file name it would land in the process's working directory.
    /// </summary>
    protected string FileSystemPath(string path, string errorId = "PathNotFileSystem")
    {
        string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (provider.Name != "FileSystem")
        {
            Stop(errorId, ErrorCategory.InvalidArgument, $"'{path}' is on the {provider.Name} provider; give a file system path", path);
        }
        return resolved;
    }

    /// <summary>Reports an error of the module's own about one pipeline input; the next input is still processed.</summary>
    protected void Skip(string errorId, ErrorCategory category, string message, object? target = null) =>
        WriteError(new ErrorRecord(new ArgumentException(message), errorId, category, target));

    /// <summary>Ends the command with an error of the module's own (bad combinations of parameters and the like).</summary>
    protected void Stop(string errorId, ErrorCategory category, string message, object? target = null) =>
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, target));
}
