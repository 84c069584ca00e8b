using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NNTools.Bench;

/// <summary>
/// Runs ../shared/bench/anchors/anchors.py for one workload in a subprocess, as its README says:
/// /usr/bin/python3 with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (so OpenBLAS picks its
/// AVX-512 kernels), the given thread count, and --moons for W3. With a quick factor the script's
/// workload functions are called with the same reduced step counts the engine runs.
/// </summary>
internal sealed class PyTorchAnchor(string anchorsDir, int threads)
{
    private const string Python = "/usr/bin/python3";

    public string Script => Path.Combine(anchorsDir, "anchors.py");

    /// <summary>Null when there is no python3 with torch, or no anchors.py, so the bench runs without the comparison.</summary>
    public static PyTorchAnchor? Find(string? anchorsDir, int threads)
    {
        if (anchorsDir is null || !File.Exists(Path.Combine(anchorsDir, "anchors.py")) || !File.Exists(Python)) return null;
        var probe = Start(["-c", "import torch"], anchorsDir);
        probe.WaitForExit();
        return probe.ExitCode == 0 ? new PyTorchAnchor(anchorsDir, threads) : null;
    }

    /// <summary>The script's one JSON line, or null with the reason on stderr when it failed.</summary>
    public Measurement? Run(string id, int quick)
    {
        string moons = Path.Combine(anchorsDir, "moons.csv");
        string[] args = quick <= 1
            ? [Script, id, threads.ToString(CultureInfo.InvariantCulture), "--moons", moons]
            : ["-c", QuickCall(id, quick, moons)];
        var p = Start(args, anchorsDir);
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (p.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"anchors.py {id} failed (exit {p.ExitCode}): {stderr.Trim()}");
            return null;
        }
        return Parse(id, line);
    }

    /// <summary>Python that calls the workload's function with the engine's reduced step count and prints what anchors.py prints.</summary>
    private string QuickCall(string id, int quick, string moons)
    {
        string call = id switch
        {
            "W1" => $"w1_regression(steps={Workloads.Scale(50_000, quick)})",
            "W2" => $"w2_toy_adam(steps={Workloads.Scale(10_000, quick)})",
            "W3" => $"w3_moons({PyString(moons)}, epochs={Workloads.Scale(1000, quick)})",
            "W4" => $"w4_hidden_tanh(steps={Workloads.Scale(5000, quick)})",
            "W5" => $"w5_big_mlp(steps={Math.Max(5, Workloads.Scale(50, quick))})",
            _ => "w6_sgemm()",
        };
        return string.Join('\n',
            "import sys, torch",
            $"sys.path.insert(0, {PyString(anchorsDir)})",
            "import anchors",
            $"torch.set_num_threads({threads})",
            $"r = anchors.{call}",
            "if 'steps' in r: r['us_per_step'] = r['seconds'] / r['steps'] * 1e6",
            $"anchors.emit(workload='{id}', threads=torch.get_num_threads(), torch=torch.__version__, **r)");
    }

    private static string PyString(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private static Process Start(string[] args, string workDir)
    {
        var psi = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Python}");
    }

    private static Measurement Parse(string id, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        int steps = r.TryGetProperty("steps", out var s) ? s.GetInt32() : 0;
        double seconds = r.GetProperty("seconds").GetDouble();
        double? loss = r.TryGetProperty("final_loss", out var l) ? l.GetDouble() : null;
        var m = new Measurement(id, steps, seconds, double.NaN, loss);
        if (r.TryGetProperty("init_loss", out var init)) m = m with { InitLoss = init.GetDouble() };
        if (r.TryGetProperty("median_step_s", out var med)) m = m with { MedianStepSeconds = med.GetDouble() };
        if (r.TryGetProperty("gemm", out var gemm))
        {
            var g = new Dictionary<int, double>();
            foreach (var size in gemm.EnumerateObject())
            {
                g[int.Parse(size.Name, CultureInfo.InvariantCulture)] = size.Value.GetProperty("gflops").GetDouble();
            }
            m = m with { Gflops = g };
        }
        return m;
    }
}
