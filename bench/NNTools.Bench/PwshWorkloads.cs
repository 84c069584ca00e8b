using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NNTools.Bench;

/// <summary>
/// The rows users meet through PowerShell, each run by real pwsh 7.6.10 as a separate process with
/// pwsh's own runtime settings: P1 and P4 (W1's and W4's loops written in PowerShell), M3 (W3 by
/// Start-Training) and C3 (a cold start: the whole `pwsh -File` process, timed from outside). The
/// module is the packaged one (`./build.ps1 -Task Package -Configuration Release` puts it in out/).
/// </summary>
internal sealed class PwshWorkloads(string pwshDll, string manifest, string scripts)
{
    public static readonly string[] Ids = ["P1", "P4", "M3", "C3"];

    public string Describe => $"pwsh {pwshDll}, module {manifest}";

    /// <summary>Null (with the reason on stderr) when pwsh or the packaged module is missing.</summary>
    public static PwshWorkloads? Find(string repoRoot)
    {
        var pwsh = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "powershell", "7.6.10",
            "tools", "net10.0", "any", OperatingSystem.IsWindows() ? "win" : "unix", "pwsh.dll");
        var module = Directory.Exists(Path.Combine(repoRoot, "out", "NNTools"))
            ? Directory.GetFiles(Path.Combine(repoRoot, "out", "NNTools"), "NNTools.psd1", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        if (!File.Exists(pwsh)) Console.Error.WriteLine($"P1, P4, M3, C3 skipped: no pwsh 7.6.10 at {pwsh} (run `dotnet tool restore`)");
        else if (module is null) Console.Error.WriteLine("P1, P4, M3, C3 skipped: no packaged module in out/ (run `./build.ps1 -Task Package -Configuration Release`)");
        else return new PwshWorkloads(pwsh, module, Path.Combine(repoRoot, "bench", "pwsh"));
        return null;
    }

    public Measurement Run(string id, int quick)
    {
        string[] extra = id switch
        {
            "P1" => ["-Steps", Workloads.Scale(50_000, quick).ToString(CultureInfo.InvariantCulture)],
            "P4" => ["-Steps", Workloads.Scale(5000, quick).ToString(CultureInfo.InvariantCulture)],
            "M3" => ["-Epochs", Workloads.Scale(1000, quick).ToString(CultureInfo.InvariantCulture)],
            _ => [],
        };
        var clock = Stopwatch.StartNew();
        var line = RunProcess("dotnet", [pwshDll, "-NoProfile", "-NonInteractive", "-File", Path.Combine(scripts, id + ".ps1"), "-Module", manifest, .. extra]);
        double wall = clock.Elapsed.TotalSeconds;
        var m = ParseLine(id, line);
        // C3 is the whole process, start to exit: what `pwsh -File` costs a user who runs it once.
        return id == "C3" ? m with { Seconds = wall } : m;
    }

    /// <summary>The last line a process printed; throws with its stderr when it failed.</summary>
    internal static string RunProcess(string file, IEnumerable<string> args, string? workDir = null, Action<ProcessStartInfo>? configure = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workDir is not null) psi.WorkingDirectory = workDir;
        foreach (var a in args) psi.ArgumentList.Add(a);
        configure?.Invoke(psi);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (p.ExitCode != 0 || line is null) throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} failed (exit {p.ExitCode}): {stderr.Result.Trim()}");
        return line;
    }

    /// <summary>One JSON line of a script (ours or PyTorch's): steps, seconds, losses, peak working set.</summary>
    internal static Measurement ParseLine(string id, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        double? Num(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        var m = new Measurement(id, (int)(Num("steps") ?? 0), Num("seconds") ?? double.NaN, double.NaN, Num("final_loss"))
        {
            InitLoss = Num("init_loss"),
            MedianStepSeconds = Num("median_step_s"),
            PeakWorkingSetBytes = Num("peak_rss_bytes") is { } b ? (long)b : null,
        };
        if (r.TryGetProperty("gemm", out var gemm))
        {
            m = m with { Gflops = gemm.EnumerateObject().ToDictionary(s => int.Parse(s.Name, CultureInfo.InvariantCulture), s => s.Value.GetProperty("gflops").GetDouble()) };
        }
        return m;
    }
}
