using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace NNTools.Bench;

/// <summary>
/// W3 through the PowerShell module: the same moons data, 2-500-500-1 model, BCE, SGD (lr 0.5, weight
/// decay 0.01) and shuffled batches of 50, built with the module's cmdlets in a runspace of this
/// process, then trained by one Start-Training call, which alone is timed. Reported beside the
/// engine-direct W3 of the same repeat, to show what the cmdlet layer adds (the issue allows 5%).
/// </summary>
internal static class ModuleWorkloads
{
    public const string Id = "W3M";

    private const string Setup = """
        Set-RandomSeed 0
        $moons = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0
        $data = New-Dataset $moons.X $moons.Y.Float().Unsqueeze(1)
        $model = New-Mlp 2, 500, 500, 1 -OutputActivation Sigmoid
        $optimizer = New-Optimizer SGD $model -LearningRate 0.5 -WeightDecay 0.01
        $loader = New-DataLoader $data -BatchSize 50 -Shuffle
        # The loss before training, untimed, as anchors.py and the engine-direct W3 compute it.
        $initialLoss = Invoke-NoGrad { Measure-Loss BCE ($model.Forward($moons.X)) ($moons.Y.Float().Unsqueeze(1)) }
        """;

    /// <summary>Start-Training for <paramref name="epochs"/> epochs of 4 batches; the step count matches W3's.</summary>
    public static Measurement W3ThroughStartTraining(int epochs)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "NNTools.psd1");
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(manifest);
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        Invoke(runspace, Setup);
        var timer = new LoopTimer();
        var records = Invoke(runspace, $"Start-Training $model $loader BCE -Optimizer $optimizer -Epochs {epochs}");
        var m = timer.Stop(Id, epochs * 4, null);
        double? loss = records.Count > 0 && records[^1].Properties["Loss"]?.Value is double d ? d : null;
        return m with { FinalLoss = loss };
    }

    private static List<PSObject> Invoke(Runspace runspace, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        var output = ps.Invoke().ToList();
        if (ps.HadErrors)
        {
            throw new InvalidOperationException($"module workload failed: {string.Join("; ", ps.Streams.Error.Select(e => e.ToString()))}");
        }
        return output;
    }

    /// <summary>The module's W3 per repeat over the engine-direct W3 of the same repeat, as the median.</summary>
    public static void Print(List<Report.Row> rows)
    {
        Console.WriteLine();
        var pairs = rows.Where(r => r.Workload == Id)
            .Select(m => (Module: m.Ours, Engine: rows.FirstOrDefault(e => e.Workload == "W3" && e.Repeat == m.Repeat)?.Ours))
            .Where(p => p.Engine is not null)
            .ToList();
        if (pairs.Count == 0)
        {
            Console.WriteLine("Through the PowerShell module (Start-Training): run W3 to measure it.");
            return;
        }
        var ratios = pairs.Select(p => p.Module.MicrosecondsPerStep / p.Engine!.MicrosecondsPerStep).Order().ToList();
        var us = pairs.Select(p => p.Module.MicrosecondsPerStep).Order().ToList();
        double ratio = ratios[ratios.Count / 2];
        Console.WriteLine("| workload | NNTools via Start-Training | over engine-direct W3 | goal | met | GC alloc/step |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine($"| W3 module | {us[us.Count / 2]:F0} us/step | {ratio:F3}x ({(ratio - 1) * 100:+0.0;-0.0}%) | <= 1.05x | {(ratio <= 1.05 ? "yes" : "no")} | {pairs[0].Module.AllocatedBytesPerStep / 1024:F1} KiB |");
    }
}
