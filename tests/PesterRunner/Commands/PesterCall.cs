using System.Management.Automation;

namespace NNTools.PesterLite.Commands;

/// <summary>What the block commands share: turning misuse into a clean error of the calling line.</summary>
internal static class PesterCall
{
    public static void Run(PSCmdlet command, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is PSInvalidOperationException or PSArgumentException)
        {
            command.ThrowTerminatingError(new ErrorRecord(e, "PesterLiteMisuse", ErrorCategory.InvalidOperation, null));
        }
    }

    /// <summary>-ForEach given as $null is an empty list (an error); not given at all is no data.</summary>
    public static object[]? Data(PSCmdlet command, object[]? forEach) =>
        forEach ?? (command.MyInvocation.BoundParameters.ContainsKey("ForEach") ? [] : null);
}
