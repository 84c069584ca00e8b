using System.Globalization;
using System.Management.Automation.Host;

namespace NNTools.Hosting;

/// <summary>
/// The PSHost of a runspace that runs scripts without an interactive console: its UI writes
/// text to writers (the console, or a buffer a test reads), and <c>exit</c> at the top level
/// is recorded instead of ending the process.
/// </summary>
public sealed class ScriptHost : PSHost
{
    private readonly HostUI _ui;

    /// <param name="output">Receives output, warnings, verbose and debug lines.</param>
    /// <param name="error">Receives error lines; the output writer when null.</param>
    /// <param name="width">The width tables are formatted to (RawUI.BufferSize).</param>
    /// <param name="progress">Where progress bars are drawn; null keeps them only in <see cref="HostUI.Progress"/>.</param>
    public ScriptHost(TextWriter output, TextWriter? error = null, int width = 120, TextWriter? progress = null)
    {
        _ui = new HostUI(output, error ?? output, width, progress);
    }

    /// <summary>The exit code a top-level <c>exit</c> asked for; null when none did.</summary>
    public int? ShouldExitCode { get; private set; }

    public HostUI Console => _ui;

    public override PSHostUserInterface UI => _ui;
    public override string Name => "nntools-host";
    public override Version Version { get; } = typeof(ScriptHost).Assembly.GetName().Version ?? new Version(0, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override void SetShouldExit(int exitCode) => ShouldExitCode = exitCode;

    // A script host has no prompt to nest into; PowerShell reports these as unsupported.
    public override void EnterNestedPrompt() => throw new NotSupportedException("nntools-host has no interactive prompt.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("nntools-host has no interactive prompt.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
