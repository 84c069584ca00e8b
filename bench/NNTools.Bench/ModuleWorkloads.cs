using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace NNTools.Bench;

/// <summary>
/// W3 through the PowerShell module: the same moons data, 2-500-500-1 model, BCE, SGD (lr 0.5, weight
/// decay 0.01) and shuffled batches of 50, built with the module's cmdlets in a runspace of this
/// process and trained by Start-Training. To show what the cmdlet layer adds (the issue allows 5%),
/// the engine-direct W3 loop runs in the same process, in rounds alternating with Start-Training's
/// (the order flips each round) after an untimed warm-up of each, and reports the median of the
/// rounds' time ratios: measured in separate processes the two differed by up to 20% either way
/// between repeats on this VM, and a stall of the VM hits one side of one round, not the median.
/// </summary>
internal static class ModuleWorkloads
{
    public const string Id = "W3M";

    private const int Rounds = 10;

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

    /// <summary>
    /// Start-Training for <paramref name="epochs"/> epochs of 4 batches in all (the step count of W3),
    /// split over <see cref="Rounds"/> calls, each followed or preceded by as many epochs of the engine loop.
    /// </summary>
    public static Measurement W3ThroughStartTraining(int epochs)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "NNTools.psd1");
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(manifest);
        using var runspace = RunspaceFactory.CreateRunspace(state);
        // As pwsh's console host: every command line runs on the runspace's one pipeline thread. The
        // default (a new thread per Invoke) started each round on a fresh thread, without the
        // thread's GEMM packing buffers, as no interactive session or script does.
        runspace.ThreadOptions = PSThreadOptions.ReuseThread;
        runspace.Open();
        Invoke(runspace, Setup);
        var engine = new MoonsLoop();
        // Untimed warm-up of both paths: the process's first few hundred steps run up to twice as slow
        // (compiling, the heap growing, framework code re-jitted in the background), and whichever
        // path ran first would pay for what the other then reuses.
        int warmup = Math.Max(1, epochs / 10);
        Invoke(runspace, $"$null = Start-Training $model $loader BCE -Optimizer $optimizer -Epochs {warmup}");
        engine.Epochs(warmup);

        int rounds = Math.Min(Rounds, epochs);
        double moduleSeconds = 0, allocated = 0;
        var ratios = new List<double>();
        List<PSObject> records = [];
        for (int r = 0; r < rounds; r++)
        {
            int e = epochs / rounds + (r < epochs % rounds ? 1 : 0);
            var engineCost = default(RoundCost);
            double engineSeconds = r % 2 == 1 ? Time(() => engine.Epochs(e), out engineCost) : 0;
            var moduleStart = RoundCost.Now();
            var timer = new LoopTimer();
            records = Invoke(runspace, $"Start-Training $model $loader BCE -Optimizer $optimizer -Epochs {e}");
            var round = timer.Stop(Id, e * 4, null);
            var moduleCost = RoundCost.Now() - moduleStart;
            if (r % 2 == 0) engineSeconds = Time(() => engine.Epochs(e), out engineCost);
            moduleSeconds += round.Seconds;
            allocated += round.AllocatedBytesPerStep * round.Steps;
            ratios.Add(round.Seconds / engineSeconds);
            if (Environment.GetEnvironmentVariable("NNTOOLS_BENCH_ROUNDS") == "1")
            {
                Console.Error.WriteLine($"    round {r}: Start-Training {round.Seconds * 1000:F0} ms ({moduleCost}), engine loop {engineSeconds * 1000:F0} ms ({engineCost})");
            }
        }
        double? loss = records.Count > 0 && records[^1].Properties["Loss"]?.Value is double d ? d : null;
        return new Measurement(Id, epochs * 4, moduleSeconds, allocated / (epochs * 4), loss) { ModuleOverEngine = Report.Median(ratios) };
    }

    private static double Time(Action action, out RoundCost cost)
    {
        var start = RoundCost.Now();
        double seconds = Time(action);
        cost = RoundCost.Now() - start;
        return seconds;
    }

    /// <summary>
    /// What a round cost besides its own work, for NNTOOLS_BENCH_ROUNDS: young and older collections,
    /// their pauses, and page faults (on these VMs each costs about 15 us, and a burst of 600 fresh pages
    /// lands in one side of a round every few rounds).
    /// </summary>
    private readonly record struct RoundCost(int Young, int Older, double PauseMs, long PageFaults)
    {
        public static RoundCost Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.GetTotalPauseDuration().TotalMilliseconds, MinorFaults());

        public static RoundCost operator -(RoundCost a, RoundCost b) =>
            new(a.Young - b.Young, a.Older - b.Older, a.PauseMs - b.PauseMs, a.PageFaults - b.PageFaults);

        public override string ToString() => $"{Young} collections, {Older} of gen 1+, {PauseMs:F1} ms paused, {PageFaults} page faults";

        // Field 10 of /proc/self/stat (minflt); -1 where there is no procfs.
        private static long MinorFaults()
        {
            if (!File.Exists("/proc/self/stat")) return -1;
            string stat = File.ReadAllText("/proc/self/stat");
            return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static double Time(Action action)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
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

    /// <summary>
    /// Start-Training's time over the engine loop's in the same process, the median over repeats; beside
    /// it, for reference, over the engine-direct W3 of the same repeat run in its own process.
    /// </summary>
    public static void Print(List<Report.Row> rows)
    {
        Console.WriteLine();
        var module = rows.Where(r => r.Workload == Id).ToList();
        if (module.Count == 0)
        {
            Console.WriteLine("Through the PowerShell module (Start-Training): run W3 to measure it.");
            return;
        }
        double inProcess = Report.Median(module.Where(m => m.Ours.ModuleOverEngine is not null).Select(m => m.Ours.ModuleOverEngine!.Value));
        double separate = Report.Median(module.Select(m => (Module: m.Ours, Engine: rows.FirstOrDefault(e => e.Workload == "W3" && e.Repeat == m.Repeat)?.Ours))
            .Where(p => p.Engine is not null).Select(p => p.Module.MicrosecondsPerStep / p.Engine!.MicrosecondsPerStep));
        double us = Report.Median(module.Select(m => m.Ours.MicrosecondsPerStep));
        Console.WriteLine("| workload | NNTools via Start-Training | over the engine loop, same process | goal | met | over W3's own process | GC alloc/step |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| W3 module | {us:F0} us/step | {inProcess:F3}x ({(inProcess - 1) * 100:+0.0;-0.0}%) | <= 1.05x | {(inProcess <= 1.05 ? "yes" : "no")} | {separate:F3}x | {module[0].Ours.AllocatedBytesPerStep / 1024:F1} KiB |");
    }
}
