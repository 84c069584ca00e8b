using System.Management.Automation;
using NNTools.Hosting;

namespace NNTools.ModuleTests;

/// <summary>nntools-host's runner: exit codes, arguments, rendering, progress and stopping.</summary>
public sealed class ScriptHostTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nntools-host-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Script(string text)
    {
        string path = Path.Combine(_folder, $"script{Guid.NewGuid():N}.ps1");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Output) Run(string script, params string[] args)
    {
        var output = new StringWriter();
        using var runner = new ScriptRunner(new ScriptHost(output, width: 60), Repository.BuiltManifest);
        int code = runner.Run(script, args);
        return (code, output.ToString());
    }

    [Fact]
    public void ReturnsTheCodeGivenToExit()
    {
        Assert.Equal(7, Run(Script("'before'\nexit 7\n'after'")).Code);
        Assert.Equal(0, Run(Script("'done'")).Code);
    }

    [Fact]
    public void ReturnsOneAndPrintsTheIdOfATerminatingError()
    {
        var (code, output) = Run(Script("'before'\nthrow 'boom'"));
        Assert.Equal(1, code);
        Assert.Contains("before", output);
        Assert.Contains("boom", output);
        Assert.Contains("FullyQualifiedErrorId : boom", output);
    }

    [Fact]
    public void ShowsNonTerminatingErrorsAndGoesOn()
    {
        var (code, output) = Run(Script("Get-Command -Name NoSuchCommandAnywhere\n'after'"));
        Assert.Equal(0, code);
        Assert.Contains("NoSuchCommandAnywhere", output);
        Assert.Contains("after", output);
    }

    [Fact]
    public void PassesArgumentsAsPwshFileDoes()
    {
        string script = Script("param([int]$Count, [switch]$Loud, $Rest)\n\"$($Count + 1)|$Loud|$Rest\"");
        Assert.Contains("4|True|it's -x", Run(script, "-Count", "3", "-Loud", "it's -x").Output);
        Assert.Contains("1|False|-5", Run(script, "-Rest", "-5").Output);
    }

    [Fact]
    public void ImportsTheModule()
    {
        Assert.Contains("NNTools Binary", Run(Script("$m = Get-Module NNTools; \"$($m.Name) $($m.ModuleType)\"")).Output);
    }

    [Fact]
    public void FormatsTablesToTheHostWidthAsPlainText()
    {
        // Forcing ANSI rendering makes PowerShell colour the header: the host must strip it.
        string script = Script("""
            $PSStyle.OutputRendering = 'Ansi'
            [pscustomobject]@{ Name = 'a' * 100; Size = 1 }, [pscustomobject]@{ Name = 'b'; Size = 2 }
            """);
        var (code, output) = Run(script);
        Assert.Equal(0, code);
        Assert.DoesNotContain('\x1b', output);
        Assert.Contains("Name", output);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length <= 60, line));
    }

    [Fact]
    public void PrintsTensorsAsPyTorchDoes()
    {
        // The module's default view, rendered by Out-Default into the host.
        var (code, output) = Run(Script("New-Tensor -Data @(@(1, 2), @(3, 4)) -DType float32 -RequiresGrad"));
        Assert.Equal(0, code);
        Assert.Contains("tensor([[1., 2.],\n        [3., 4.]], requires_grad=True)", output);
    }

    [Fact]
    public void CapturesWhatIsShownAtAnotherWidth()
    {
        var output = new StringWriter();
        var captured = new StringWriter();
        var host = new ScriptHost(output, width: 100);
        using (host.Console.Capture(captured, width: 30))
        {
            Assert.Equal(30, host.UI.RawUI.BufferSize.Width);
            host.UI.WriteLine("inside");
        }
        host.UI.WriteLine("outside");
        Assert.Equal(100, host.UI.RawUI.BufferSize.Width);
        Assert.Equal("inside\n", captured.ToString());
        Assert.Equal("outside\n", output.ToString());
    }

    [Fact]
    public void KeepsACopyOfEachProgressRecord()
    {
        // Cmdlets reuse one record for every update; each update must stay as it was written.
        string script = Script("""
            $record = [System.Management.Automation.ProgressRecord]::new(1, 'Training', 'epoch 1')
            $record.PercentComplete = 10
            $Host.UI.WriteProgress(1, $record)
            $record.PercentComplete = 60
            $record.StatusDescription = 'epoch 2'
            $Host.UI.WriteProgress(1, $record)
            """);
        var host = new ScriptHost(TextWriter.Null);
        using var runner = new ScriptRunner(host, null);
        Assert.Equal(0, runner.Run(script, []));
        var progress = host.Console.Progress;
        Assert.Equal([10, 60], progress.Select(p => p.PercentComplete));
        Assert.Equal(["epoch 1", "epoch 2"], progress.Select(p => p.StatusDescription));
    }

    [Fact]
    public async Task StopEndsARunningScriptAsCtrlCDoes()
    {
        string started = Path.Combine(_folder, "started");
        string script = Script($"[System.IO.File]::WriteAllText('{started}', 'yes')\nwhile ($true) {{ }}");
        using var runner = new ScriptRunner(new ScriptHost(TextWriter.Null), null);
        var run = Task.Run(() => runner.Run(script, []));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(started) && DateTime.UtcNow < deadline) await Task.Delay(20);
        runner.Stop();
        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void DescribesAnErrorAsPwshDoes()
    {
        var error = new ErrorRecord(new InvalidOperationException("bad"), "BadThing", ErrorCategory.InvalidOperation, null);
        string text = ScriptRunner.Describe(error);
        Assert.StartsWith("bad", text);
        Assert.Contains("+ FullyQualifiedErrorId : BadThing", text);
    }
}
