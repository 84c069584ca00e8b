using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace NNTools.Hosting;

/// <summary>
/// Runs script files in one runspace, the way <c>pwsh -File</c> does: output and errors are
/// rendered through Out-Default into the host, the result is an exit code, and
/// <see cref="Stop"/> ends the running pipeline as Ctrl+C does.
/// </summary>
public sealed class ScriptRunner : IDisposable
{
    private readonly ScriptHost _host;
    private readonly Runspace _runspace;
    private readonly Lock _lock = new();
    private PowerShell? _running;
    private bool _stopRequested;

    /// <param name="host">The host that receives everything the script shows.</param>
    /// <param name="modulePath">A module manifest imported before any script runs, or null for none.</param>
    public ScriptRunner(ScriptHost host, string? modulePath)
    {
        _host = host;
        var state = InitialSessionState.CreateDefault2();
        if (modulePath is not null)
        {
            state.ImportPSModule(modulePath);
            // By default a module that fails to import is silently missing; fail loudly instead.
            state.ThrowOnRunspaceOpenError = true;
        }
        _runspace = RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
    }

    /// <summary>
    /// Runs a script with pwsh -File's argument rules and returns its exit code:
    /// N after <c>exit N</c>, 1 after a terminating error, 130 when stopped, 0 otherwise.
    /// </summary>
    public int Run(string scriptPath, IReadOnlyList<string> args)
    {
        using var ps = PowerShell.Create(_runspace);
        ps.AddScript(CommandLine(Path.GetFullPath(scriptPath), args));
        // Errors go to Out-Default with the output, so they appear where they happened.
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        ps.AddCommand("Out-Default");
        lock (_lock)
        {
            if (_stopRequested) return 130;
            _running = ps;
        }
        try
        {
            ps.Invoke();
            // A stopped pipeline may end without throwing: its state tells.
            return ps.InvocationStateInfo.State == PSInvocationState.Stopped ? 130 : ExitCode();
        }
        catch (PipelineStoppedException)
        {
            return 130;
        }
        catch (RuntimeException e)
        {
            _host.UI.WriteErrorLine(Describe(e.ErrorRecord));
            return 1;
        }
        finally
        {
            lock (_lock) _running = null;
        }
    }

    /// <summary>Stops the running script, if any, as Ctrl+C does; safe to call from any thread.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopRequested = true;
            _running?.BeginStop(null, null);
        }
    }

    // `exit N` inside a script file sets $LASTEXITCODE (as a failing native command does);
    // only a top-level exit reaches the host.
    private int ExitCode() =>
        _host.ShouldExitCode ?? (_runspace.SessionStateProxy.GetVariable("LASTEXITCODE") as int? ?? 0);

    // pwsh -File passes arguments as strings, except that one shaped like -Name is a parameter name.
    private static string CommandLine(string scriptPath, IReadOnlyList<string> args)
    {
        var line = new StringBuilder("& ").Append(Quote(scriptPath));
        foreach (string arg in args)
            line.Append(' ').Append(IsParameterName(arg) ? arg : Quote(arg));
        return line.ToString();
    }

    private static bool IsParameterName(string arg) =>
        arg.Length > 1 && arg[0] == '-' && (char.IsLetter(arg[1]) || arg[1] == '_')
        && arg.Skip(1).SkipLast(1).All(c => char.IsLetterOrDigit(c) || c == '_')
        && (char.IsLetterOrDigit(arg[^1]) || arg[^1] is '_' or ':');

    private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>The error as pwsh prints an uncaught one: message, position, category and id.</summary>
    public static string Describe(ErrorRecord error)
    {
        var text = new StringBuilder(error.ToString());
        if (error.InvocationInfo?.PositionMessage is { Length: > 0 } position)
            text.Append('\n').Append(position);
        text.Append("\n    + CategoryInfo          : ").Append(error.CategoryInfo.GetMessage());
        text.Append("\n    + FullyQualifiedErrorId : ").Append(error.FullyQualifiedErrorId);
        return text.ToString();
    }

    public void Dispose() => _runspace.Dispose();
}
