using System.Management.Automation;
using static NNTools.PesterLite.Commands.Format;

namespace NNTools.PesterLite.Commands;

/// <summary>
/// Should -Throw: runs the script block in a child scope, inside try/catch as Pester does, so
/// an error that would only end one statement ends the block and counts as thrown.
/// -ExpectedMessage is a wildcard on the exception message, -ErrorId a prefix (wildcards
/// allowed) of the FullyQualifiedErrorId, -ExceptionType matches subtypes too; the error
/// itself is not unwrapped (a .NET method's exception arrives as MethodInvocationException).
/// </summary>
internal static class ThrowAssertion
{
    private const string Runner = "try { $null = & $args[0] } catch { $_ }";

    public static string? Test(ShouldCommand c, object? actual)
    {
        if (Values.Unwrap(actual) is not ScriptBlock block)
            throw new PSArgumentException("Should -Throw tests a script block: { ... } | Should -Throw.");
        bool filtered = c.ExpectedMessage is { Length: > 0 } || c.ErrorId is { Length: > 0 } || c.ExceptionType is not null;
        if (c.Not && filtered)
            throw new PSArgumentException("Should -Not -Throw takes no -ExpectedMessage, -ErrorId or -ExceptionType.");

        var caught = c.InvokeCommand.InvokeScript(true, c.InvokeCommand.NewScriptBlock(Runner), null, block);
        var error = caught.Count > 0 ? caught[0].BaseObject as ErrorRecord : null;

        if (c.Not)
            return error is null ? null
                : $"Expected no exception to be thrown,{c.BecauseClause} but an exception {Nicely(error.Exception.Message)} was thrown"
                  + (error.InvocationInfo is { } at ? $" from {at.ScriptName}:{at.ScriptLineNumber} char:{at.OffsetInLine}." : ".");

        string expectation = "Expected an exception"
            + (c.ExceptionType is null ? "" : $" of type {TypeName(c.ExceptionType)}")
            + (c.ExpectedMessage is { Length: > 0 } ? $" with message like {Nicely(c.ExpectedMessage)}" : "")
            + (c.ErrorId is { Length: > 0 } ? $" with FullyQualifiedErrorId {Nicely(c.ErrorId)}" : "")
            + $" to be thrown,{c.BecauseClause} but ";
        if (error is null) return expectation + "no exception was thrown.";
        if (c.ExceptionType is not null && !c.ExceptionType.IsInstanceOfType(error.Exception))
            return expectation + $"the exception type was {TypeName(error.Exception.GetType())}: {Nicely(error.Exception.Message)}.";
        if (c.ExpectedMessage is { Length: > 0 } message && !WildcardPattern.Get(message, WildcardOptions.IgnoreCase).IsMatch(error.Exception.Message))
            return expectation + $"the message was {Nicely(error.Exception.Message)}.";
        if (c.ErrorId is { Length: > 0 } id && !WildcardPattern.Get(id + "*", WildcardOptions.IgnoreCase).IsMatch(error.FullyQualifiedErrorId))
            return expectation + $"the FullyQualifiedErrorId was {Nicely(error.FullyQualifiedErrorId)}.";
        if (c.PassThru) c.Output(error);
        return null;
    }
}
