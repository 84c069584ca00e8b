using System.Management.Automation;
using System.Management.Automation.Runspaces;
using NNTools.Hosting;
using NNTools.Training;

namespace NNTools.ModuleTests;

/// <summary>
/// Ctrl+C during Start-Training: the run ends after the current batch, the records written so far
/// stay written, and the model keeps finite weights that still run.
/// </summary>
public sealed class TrainingStopTests : IDisposable
{
    // A run far longer than any test: only a stop ends it.
    private const string Training = """
        [void][NNTools.Tensor]::ManualSeed(0)
        $global:data = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0
        $global:model = New-Mlp 2, 32, 2
        Start-Training $global:model $global:data CrossEntropy -BatchSize 10 -Shuffle -Epochs 1000000 -LearningRate 0.001
        """;

    // What a user checks afterwards: every weight finite, and the model still answers.
    private const string Check = """
        $finite = @($global:model.Parameters() | Where-Object { -not $_.AllFinite() }).Count -eq 0
        $output = Invoke-Model $global:model $global:data.X
        "finite=$finite shape=$($output.Shape -join 'x')"
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("nntools-stop-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task StopKeepsTheRecordsSoFarAndAUsableModel()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(Repository.BuiltManifest);
        state.ThrowOnRunspaceOpenError = true;
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();

        using var training = PowerShell.Create(runspace);
        training.AddScript(Training);
        var output = new PSDataCollection<PSObject>();
        var enough = new TaskCompletionSource();
        output.DataAdded += (_, _) =>
        {
            if (output.Count >= 3) enough.TrySetResult();
        };
        var run = training.BeginInvoke<PSObject, PSObject>(null, output);
        await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
        training.Stop();
        // A stopped invocation ends by throwing PipelineStoppedException from EndInvoke.
        await Assert.ThrowsAsync<PipelineStoppedException>(() => Task.Run(() => training.EndInvoke(run)).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(PSInvocationState.Stopped, training.InvocationStateInfo.State);
        var records = output.Select(o => o.BaseObject).OfType<EpochRecord>().ToList();
        Assert.True(records.Count >= 3, $"{records.Count} records");
        Assert.Equal(Enumerable.Range(1, records.Count), records.Select(r => r.Epoch));
        Assert.All(records, r => Assert.True(double.IsFinite(r.Loss)));

        using var check = PowerShell.Create(runspace);
        var result = check.AddScript(Check).Invoke();
        Assert.False(check.HadErrors, string.Join("\n", check.Streams.Error));
        Assert.Equal("finite=True shape=200x2", result.Single().BaseObject);
    }

    [Fact]
    public async Task TheHostsStopEndsTrainingWithTheLossTableShownAndTheModelKept()
    {
        // The runner stays stopped after Ctrl+C, as nntools-host exits: the script checks the model
        // itself in a finally block, which PowerShell runs while stopping (output is closed by then,
        // so the verdict goes to a file).
        string verdict = Path.Combine(_folder, "verdict.txt");
        string script = Path.Combine(_folder, "train.ps1");
        File.WriteAllText(script, $$"""
            try {
            {{Training}}
            }
            finally {
                $finite = @($global:model.Parameters() | Where-Object { -not $_.AllFinite() }).Count -eq 0
                $output = $global:model.Forward($global:data.X)
                [System.IO.File]::WriteAllText('{{verdict}}', "finite=$finite shape=$($output.Shape -join 'x')")
            }
            """);
        var text = new StringWriter();
        var host = new ScriptHost(text, width: 100);
        using var runner = new ScriptRunner(host, Repository.BuiltManifest);

        var run = Task.Run(() => runner.Run(script, []));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!host.Console.Progress.Any(p => p.StatusDescription.StartsWith("Epoch 4/", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        runner.Stop();
        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("finite=True shape=200x2", File.ReadAllText(verdict));

        // Progress: epochs with the loss and the time remaining, batches nested under them.
        var progress = host.Console.Progress;
        Assert.Contains(progress, p => p.ActivityId == 1 && p.ParentActivityId < 0 && p.StatusDescription.Contains("loss", StringComparison.Ordinal));
        Assert.Contains(progress, p => p.ActivityId == 1 && p.SecondsRemaining > 0);
        Assert.Contains(progress, p => p.ActivityId == 2 && p.ParentActivityId == 1 && p.StatusDescription.StartsWith("Batch ", StringComparison.Ordinal));

        // The records written before the stop were rendered as the loss table.
        string[] lines = text.ToString().Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith("Epoch", StringComparison.Ordinal)
            && l.Contains("Loss") && l.Contains("ValidationLoss") && l.Contains("Accuracy") && l.Contains("LearningRate") && l.Contains("Elapsed"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("1 ", StringComparison.Ordinal) && l.Contains("0.001"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("3 ", StringComparison.Ordinal));
    }
}
