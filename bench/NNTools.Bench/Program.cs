using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NNTools.Bench;

/// <summary>
/// dotnet run -c Release --project bench/NNTools.Bench -- all [--quick N] [--repeat N] [--threads N] [--anchors DIR] [--no-torch]
/// dotnet run -c Release --project bench/NNTools.Bench -- shapes   (GFLOP/s of W3's and W5's layer products)
/// Each workload runs in a fresh child process of this program (so its peak working set is its
/// own, as each anchors.py call is), then PyTorch runs the same workload; the table shows the
/// medians over the repeats and the median of the per-repeat time ratios NNTools / PyTorch.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length >= 2 && args[0] == "one") return RunOne(args[1], IntOption(args, "--quick", 1));
        if (args.Length >= 1 && args[0] == "shapes") return GemmShapes.Run();
        if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("usage: NNTools.Bench all|W1..W6...|shapes [--quick N] [--repeat N] [--threads N] [--anchors DIR] [--no-torch]");
            return args.Length == 0 ? 2 : 0;
        }
        var ids = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var workloads = ids.Contains("all") ? Workloads.All : ids.Select(i => i.ToUpperInvariant()).ToArray();
        int quick = IntOption(args, "--quick", 1);
        int repeat = IntOption(args, "--repeat", 1);
        int threads = IntOption(args, "--threads", 2);
        var anchorsDir = StringOption(args, "--anchors") ?? FindAnchors();
        var torch = args.Contains("--no-torch") ? null : PyTorchAnchor.Find(anchorsDir, threads);
        Console.WriteLine($"NNTools bench: {string.Join(' ', workloads)}, quick {quick}, repeat {repeat}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine(torch is null
            ? "PyTorch: not found (/usr/bin/python3 with torch and ../shared/bench/anchors/anchors.py); NNTools only"
            : $"PyTorch: {torch.Script}, {threads} threads, OPENBLAS_CORETYPE unset");

        var rows = new List<Report.Row>();
        var moduleRows = new List<Report.Row>();
        for (int r = 0; r < repeat; r++)
        {
            foreach (var id in workloads)
            {
                var ours = RunChild(id, quick);
                // W3 through the module right after W3 itself: this VM's speed drifts by tens of percent
                // over a minute, so the two are compared within one repeat, measured back to back.
                if (id == "W3")
                {
                    var module = RunChild(ModuleWorkloads.Id, quick);
                    moduleRows.Add(new Report.Row(ModuleWorkloads.Id, r, module, null));
                    Console.Error.WriteLine($"  [{r + 1}/{repeat}] W3 through Start-Training: {Report.Describe(module)}");
                }
                var theirs = torch?.Run(id, quick);
                rows.Add(new Report.Row(id, r, ours, theirs));
                Console.Error.WriteLine($"  [{r + 1}/{repeat}] {id}: NNTools {Report.Describe(ours)}; PyTorch {(theirs is null ? "-" : Report.Describe(theirs))}");
            }
        }
        Report.Print(rows, torch is not null);
        ModuleWorkloads.Print([.. rows, .. moduleRows]);
        return 0;
    }

    /// <summary>Child mode: one workload in this process, one JSON line out.</summary>
    private static int RunOne(string id, int quick)
    {
        var m = Workloads.Run(id, quick);
        var json = JsonSerializer.Serialize(new ChildResult(m.Workload, m.Steps, m.Seconds, m.AllocatedBytesPerStep, m.FinalLoss,
            m.InitLoss, m.MedianStepSeconds, m.Gflops.ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value),
            Process.GetCurrentProcess().PeakWorkingSet64, m.ModuleOverEngine));
        Console.WriteLine(json);
        return 0;
    }

    private static Measurement RunChild(string id, int quick)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet NNTools.Bench.dll` the process is dotnet itself: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in new[] { "one", id, "--quick", quick.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {self}");
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"workload {id} printed nothing (exit {p.ExitCode})");
        var c = JsonSerializer.Deserialize<ChildResult>(line) ?? throw new InvalidOperationException($"workload {id}: unreadable result {line}");
        return new Measurement(c.Workload, c.Steps, c.Seconds, c.AllocatedBytesPerStep, c.FinalLoss)
        {
            InitLoss = c.InitLoss,
            MedianStepSeconds = c.MedianStepSeconds,
            Gflops = c.Gflops.ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => kv.Value),
            PeakWorkingSetBytes = c.PeakWorkingSetBytes,
            ModuleOverEngine = c.ModuleOverEngine,
        };
    }

    /// <summary>../shared/bench/anchors beside the repository (the folder holding NNTools.slnx), from the current or the program's folder.</summary>
    private static string? FindAnchors()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "NNTools.slnx"))) continue;
                var anchors = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "bench", "anchors"));
                if (Directory.Exists(anchors)) return anchors;
            }
        }
        return null;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var s = StringOption(args, name);
        return s is null ? fallback : int.Parse(s, CultureInfo.InvariantCulture);
    }

    private static string? StringOption(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed record ChildResult(string Workload, int Steps, double Seconds, double AllocatedBytesPerStep, double? FinalLoss,
        double? InitLoss, double? MedianStepSeconds, Dictionary<string, double> Gflops, long PeakWorkingSetBytes, double? ModuleOverEngine);
}
