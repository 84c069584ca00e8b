using System.Management.Automation;

namespace NNTools.PesterLite;

/// <summary>How a failed test's error is reported: the assertion's words, or the error's type and message.</summary>
internal static class Failure
{
    /// <summary>
    /// The error of a caught exception. RuntimeException.ErrorRecord hides the exception behind
    /// a ParentContainsErrorRecordException (to avoid a cycle); put the real one back.
    /// </summary>
    public static ErrorRecord Of(RuntimeException e) =>
        e.ErrorRecord.Exception is ParentContainsErrorRecordException ? new ErrorRecord(e.ErrorRecord, e) : e.ErrorRecord;

    public static string Message(ErrorRecord error) =>
        error.Exception is ShouldFailedException
            ? error.Exception.Message
            : $"{error.Exception.GetType().Name}: {error} (FullyQualifiedErrorId: {error.FullyQualifiedErrorId})";

    public static string? Location(ErrorRecord error) =>
        error.InvocationInfo is { ScriptName: { Length: > 0 } file } at
            ? $"{file}:{at.ScriptLineNumber}: {at.Line.Trim()}"
            : null;
}

/// <summary>A failed Should; its message is the whole report.</summary>
public sealed class ShouldFailedException(string message) : Exception(message);
