using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace NNTools.Hosting;

/// <summary>
/// Writes everything PowerShell shows to text writers, as plain text: PowerShell 7 colours
/// table headers with VT escapes even for a host without VT support, so they are stripped.
/// Progress records are copied (cmdlets reuse one record) and kept for tests to inspect.
/// The host is non-interactive: prompts fail, as under <c>pwsh -NonInteractive</c>.
/// </summary>
public sealed partial class HostUI : PSHostUserInterface
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly TextWriter? _progressWriter;
    private readonly List<ProgressRecord> _progress = [];
    private readonly Lock _lock = new();
    private readonly HostRawUI _rawUI;
    private TextWriter? _capture;

    internal HostUI(TextWriter output, TextWriter error, int width, TextWriter? progress)
    {
        _output = output;
        _error = error;
        _progressWriter = progress;
        _rawUI = new HostRawUI(width);
    }

    public override PSHostRawUserInterface RawUI => _rawUI;

    /// <summary>
    /// Sends everything shown (output and error lines alike, as Out-String renders them) to
    /// <paramref name="writer"/> instead, formatted to <paramref name="width"/> when given, until
    /// the returned scope is disposed. Captures nest.
    /// </summary>
    public IDisposable Capture(TextWriter writer, int? width = null)
    {
        lock (_lock)
        {
            var scope = new CaptureScope(this, _capture, _rawUI.Width);
            _capture = writer;
            if (width is { } w) _rawUI.Width = w;
            return scope;
        }
    }

    private sealed class CaptureScope(HostUI ui, TextWriter? previous, int previousWidth) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            lock (ui._lock)
            {
                if (_disposed) return;
                _disposed = true;
                ui._capture = previous;
                ui._rawUI.Width = previousWidth;
            }
        }
    }

    /// <summary>Copies of every progress record written, in order.</summary>
    public IReadOnlyList<ProgressRecord> Progress
    {
        get { lock (_lock) return [.. _progress]; }
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex VtEscape();

    private void Emit(TextWriter writer, string text)
    {
        lock (_lock) (_capture ?? writer).Write(VtEscape().Replace(text, ""));
    }

    public override void Write(string value) => Emit(_output, value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Emit(_output, value);
    public override void WriteLine(string value) => Emit(_output, value + "\n");
    public override void WriteErrorLine(string value) => Emit(_error, value + "\n");
    public override void WriteWarningLine(string message) => Emit(_output, "WARNING: " + message + "\n");
    public override void WriteVerboseLine(string message) => Emit(_output, "VERBOSE: " + message + "\n");
    public override void WriteDebugLine(string message) => Emit(_output, "DEBUG: " + message + "\n");

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        var copy = new ProgressRecord(record.ActivityId, record.Activity, record.StatusDescription)
        {
            CurrentOperation = record.CurrentOperation,
            ParentActivityId = record.ParentActivityId,
            PercentComplete = record.PercentComplete,
            SecondsRemaining = record.SecondsRemaining,
            RecordType = record.RecordType,
        };
        lock (_lock)
        {
            _progress.Add(copy);
            DrawProgress(copy);
        }
    }

    // One line redrawn in place: a bar for the latest record, cleared when its activity completes.
    private void DrawProgress(ProgressRecord record)
    {
        if (_progressWriter is null) return;
        int width = RawUI.BufferSize.Width - 1;
        string line = "";
        if (record.RecordType != ProgressRecordType.Completed)
        {
            int percent = Math.Clamp(record.PercentComplete, 0, 100);
            string bar = record.PercentComplete >= 0 ? $" [{new string('#', percent / 5),-20}] {percent}%" : "";
            line = $"{record.Activity}: {record.StatusDescription}{bar}";
        }
        line = line.Length > width ? line[..width] : line.PadRight(width);
        _progressWriter.Write("\r" + line + (record.RecordType == ProgressRecordType.Completed ? "\r" : ""));
        _progressWriter.Flush();
    }

    public override string ReadLine() => throw NotInteractive();
    public override SecureString ReadLineAsSecureString() => throw NotInteractive();
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw NotInteractive();
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw NotInteractive();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NotInteractive();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NotInteractive();

    private static PSInvalidOperationException NotInteractive() =>
        new("nntools-host is not interactive: pass every value as a parameter.");
}
