using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NNTools.Bench;

/// <summary>
/// dotnet run -c Release --project bench/NNTools.Bench -- all [--quick N] [--repeat N] [--threads N] [--anchors DIR] [--no-torch]
/// dotnet run -c Release --project bench/NNTools.Bench -- shapes   (GFLOP/s of W3's and W5's layer products)
/// Each row runs in a fresh process (the engine's W1-W7 in a child of this program, P1/P4/M3/C3 in
/// pwsh), then PyTorch runs the same work; the table shows medians over the repeats and the median of
/// the per-repeat time ratios NNTools / PyTorch.
/// </summary>
internal static class Program
{
    private static readonly string[] AllRows = [.. Workloads.All, .. PwshWorkloads.Ids];

    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length >= 2 && args[0] == "one") return RunOne(args[1], IntOption(args, "--quick", 1));
        if (args.Length >= 1 && args[0] == "shapes") return GemmShapes.Run();
        if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine($"usage: NNTools.Bench all|{string.Join('|', AllRows)}...|shapes [--quick N] [--repeat N] [--threads N] [--anchors DIR] [--no-torch]");
            return args.Length == 0 ? 2 : 0;
        }
        var ids = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(i => i.ToUpperInvariant()).ToList();
        var rowsToRun = ids.Contains("ALL") ? AllRows : ids.ToArray();
        int quick = IntOption(args, "--quick", 1);
        int repeat = IntOption(args, "--repeat", 1);
        int threads = IntOption(args, "--threads", 2);
        var root = FindRepositoryRoot() ?? throw new InvalidOperationException("run the bench from inside the repository (the folder holding NNTools.slnx)");
        var anchorsDir = StringOption(args, "--anchors") ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "bench", "anchors"));
        var torch = args.Contains("--no-torch") ? null : PyTorchAnchor.Find(anchorsDir, Path.Combine(root, "bench"), threads);
        var pwsh = rowsToRun.Any(r => PwshWorkloads.Ids.Contains(r)) ? PwshWorkloads.Find(root) : null;

        double peak = FmaPeak.Measure();
        Console.WriteLine($"NNTools bench: {string.Join(' ', rowsToRun)}, quick {quick}, repeat {repeat}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"CPU: {CpuModel()}; widest FMA {FmaPeak.Isa}; measured fp32 FMA peak {peak:F0} GFLOP/s on {Environment.ProcessorCount} cores");
        Console.WriteLine(torch is null
            ? "PyTorch: not found (/usr/bin/python3 with torch and ../shared/bench/anchors/anchors.py); NNTools only"
            : $"PyTorch: {torch.Script}, {threads} threads, OPENBLAS_CORETYPE unset");
        if (pwsh is not null) Console.WriteLine($"PowerShell rows: {pwsh.Describe}");

        var rows = new List<Report.Row>();
        for (int r = 0; r < repeat; r++)
        {
            // P1, P4 and M3 compare with W1, W4 and W3: PyTorch runs each reference once per repeat.
            var theirsByReference = new Dictionary<string, Measurement?>();
            foreach (var id in rowsToRun)
            {
                Measurement ours;
                if (PwshWorkloads.Ids.Contains(id))
                {
                    if (pwsh is null) continue;
                    ours = pwsh.Run(id, quick);
                }
                else
                {
                    ours = RunChild(id, quick);
                }
                var reference = PyTorchAnchor.ReferenceOf(id);
                if (torch is not null && !theirsByReference.ContainsKey(reference)) theirsByReference[reference] = torch.Run(reference, quick);
                var theirs = theirsByReference.GetValueOrDefault(reference);
                rows.Add(new Report.Row(id, r, ours, theirs));
                Console.Error.WriteLine($"  [{r + 1}/{repeat}] {id}: NNTools {Report.Describe(ours)}; PyTorch {(theirs is null ? "-" : Report.Describe(theirs))}");
            }
        }
        Report.Print(rows, torch is not null, peak);
        return 0;
    }

    /// <summary>Child mode: one engine workload in this process, one JSON line out.</summary>
    private static int RunOne(string id, int quick)
    {
        var m = Workloads.Run(id, quick);
        var json = JsonSerializer.Serialize(new ChildResult(m.Workload, m.Steps, m.Seconds, m.AllocatedBytesPerStep, m.FinalLoss,
            m.InitLoss, m.MedianStepSeconds, m.Gflops.ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value),
            Process.GetCurrentProcess().PeakWorkingSet64));
        Console.WriteLine(json);
        return 0;
    }

    private static Measurement RunChild(string id, int quick)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        // Under `dotnet NNTools.Bench.dll` the process is dotnet itself: pass the assembly first.
        string[] prefix = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(Program).Assembly.Location] : [];
        var line = PwshWorkloads.RunProcess(self, [.. prefix, "one", id, "--quick", quick.ToString(CultureInfo.InvariantCulture)]);
        var c = JsonSerializer.Deserialize<ChildResult>(line) ?? throw new InvalidOperationException($"workload {id}: unreadable result {line}");
        return new Measurement(c.Workload, c.Steps, c.Seconds, c.AllocatedBytesPerStep, c.FinalLoss)
        {
            InitLoss = c.InitLoss,
            MedianStepSeconds = c.MedianStepSeconds,
            Gflops = c.Gflops.ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => kv.Value),
            PeakWorkingSetBytes = c.PeakWorkingSetBytes,
        };
    }

    private static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo")) return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? "unknown";
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim() ?? "unknown";
    }

    /// <summary>The folder holding NNTools.slnx, from the current or the program's folder.</summary>
    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NNTools.slnx"))) return dir.FullName;
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
        double? InitLoss, double? MedianStepSeconds, Dictionary<string, double> Gflops, long PeakWorkingSetBytes);
}
