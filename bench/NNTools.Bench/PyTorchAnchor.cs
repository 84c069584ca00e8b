using System.Diagnostics;
using System.Globalization;

namespace NNTools.Bench;

/// <summary>
/// PyTorch's side of every row, as the anchors' README says: /usr/bin/python3 with OPENBLAS_CORETYPE
/// and OPENBLAS_L2_SIZE unset (so OpenBLAS picks the widest kernels the CPU has), the given thread
/// count. W1-W6 call anchors.py's workload functions, W7 bench/python/w7_digits.py; P1, P4 and M3 are
/// the same work as W1, W4 and W3 (the loops are Python already), and C3 is a whole python3 process
/// that imports torch and runs 100 W3 steps, timed from outside.
/// </summary>
internal sealed class PyTorchAnchor(string anchorsDir, string benchDir, int threads)
{
    private const string Python = "/usr/bin/python3";

    public string Script => Path.Combine(anchorsDir, "anchors.py");

    /// <summary>Null when there is no python3 with torch, or no anchors.py, so the bench runs without the comparison.</summary>
    public static PyTorchAnchor? Find(string? anchorsDir, string benchDir, int threads)
    {
        if (anchorsDir is null || !File.Exists(Path.Combine(anchorsDir, "anchors.py")) || !File.Exists(Python)) return null;
        try
        {
            PwshWorkloads.RunProcess(Python, ["-c", "import torch; print(1)"]);
            return new PyTorchAnchor(anchorsDir, benchDir, threads);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The workload whose PyTorch measurement a row compares with (P1 is W1's loop, and so on).</summary>
    public static string ReferenceOf(string id) => id switch { "P1" => "W1", "P4" => "W4", "M3" => "W3", _ => id };

    /// <summary>PyTorch's measurement, or null with the reason on stderr when it failed.</summary>
    public Measurement? Run(string id, int quick)
    {
        try
        {
            if (id == "C3")
            {
                var clock = Stopwatch.StartNew();
                var line = Python3(["-c", Call("w3_moons({moons}, epochs=25)", "W3")]);
                return PwshWorkloads.ParseLine(id, line) with { Seconds = clock.Elapsed.TotalSeconds, Steps = 100 };
            }
            if (id == "W7")
            {
                return PwshWorkloads.ParseLine(id, Python3([Path.Combine(benchDir, "python", "w7_digits.py"),
                    Math.Max(1, 10 / Math.Max(1, quick)).ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)]));
            }
            string call = id switch
            {
                "W1" => $"w1_regression(steps={Workloads.Scale(50_000, quick)})",
                "W2" => $"w2_toy_adam(steps={Workloads.Scale(10_000, quick)})",
                "W3" => $"w3_moons({{moons}}, epochs={Workloads.Scale(1000, quick)})",
                "W4" => $"w4_hidden_tanh(steps={Workloads.Scale(5000, quick)})",
                "W5" => $"w5_big_mlp(steps={Math.Max(5, Workloads.Scale(50, quick))})",
                _ => "w6_sgemm()",
            };
            return PwshWorkloads.ParseLine(id, Python3(["-c", Call(call, id)]));
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"PyTorch {id} failed: {e.Message}");
            return null;
        }
    }

    /// <summary>Python that calls one anchors.py function and prints what anchors.py prints, plus the process's peak RSS.</summary>
    private string Call(string call, string id) => string.Join('\n',
        "import sys, resource, torch",
        $"sys.path.insert(0, {PyString(anchorsDir)})",
        "import anchors",
        $"torch.set_num_threads({threads})",
        $"r = anchors.{call.Replace("{moons}", PyString(Path.Combine(anchorsDir, "moons.csv")))}",
        "if 'steps' in r: r['us_per_step'] = r['seconds'] / r['steps'] * 1e6",
        "r['peak_rss_bytes'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024",
        $"anchors.emit(workload='{id}', threads=torch.get_num_threads(), torch=torch.__version__, **r)");

    private static string PyString(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private string Python3(string[] args) => PwshWorkloads.RunProcess(Python, args, anchorsDir, psi =>
    {
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
    });
}
