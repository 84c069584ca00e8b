using System.Globalization;

namespace NNTools.Bench;

/// <summary>The comparison table: medians over repeats, and the median of the per-repeat time ratios NNTools / PyTorch (below 1: NNTools is faster).</summary>
internal static class Report
{
    /// <summary>fp32 peak of this machine (2 cores x 3.5 GHz x 64 FLOP/cycle), from the anchors' README.</summary>
    private const double PeakGflops = 449;

    public sealed record Row(string Workload, int Repeat, Measurement Ours, Measurement? Theirs);

    /// <summary>The goal per workload: the largest acceptable NNTools/PyTorch time ratio.</summary>
    private static readonly Dictionary<string, double> TimeTargets = new()
    {
        ["W1"] = 0.2, ["W2"] = 0.2, ["W4"] = 0.2, ["W3"] = 0.8, ["W5"] = 1.0,
    };

    public static string Describe(Measurement m) => m.Gflops.Count > 0
        ? string.Join(", ", m.Gflops.Select(kv => $"n={kv.Key} {kv.Value:F0} GFLOP/s"))
        : $"{m.MicrosecondsPerStep:F1} µs/step, loss {m.FinalLoss:G5}";

    public static void Print(List<Row> rows, bool withTorch)
    {
        Console.WriteLine();
        Console.WriteLine("| workload | NNTools | PyTorch | NNTools/PyTorch time | goal | met | GC alloc/step | peak working set |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Workload))
        {
            var list = group.ToList();
            string alloc = Bytes(Median(list.Select(r => r.Ours.AllocatedBytesPerStep)));
            string peak = Bytes(Median(list.Select(r => (double)(r.Ours.PeakWorkingSetBytes ?? 0))));
            if (list[0].Ours.Gflops.Count > 0)
            {
                foreach (int n in list[0].Ours.Gflops.Keys)
                {
                    double ours = Median(list.Select(r => r.Ours.Gflops[n]));
                    double? theirs = withTorch ? MedianOrNull(list.Select(r => r.Theirs?.Gflops.GetValueOrDefault(n))) : null;
                    double? ratio = withTorch ? MedianOrNull(list.Select(r => r.Theirs is { } t && t.Gflops.TryGetValue(n, out var g) ? g / r.Ours.Gflops[n] : (double?)null)) : null;
                    double goal = (n >= 1024 ? 0.7 : 0.5) * PeakGflops;
                    Console.WriteLine($"| W6 n={n} | {ours:F0} GFLOP/s ({ours / PeakGflops:P0} of peak) | {Fmt(theirs, "F0")} GFLOP/s | {Fmt(ratio, "F2")} | >= {goal:F0} GFLOP/s | {(ours >= goal ? "yes" : "no")} | {alloc} | {peak} |");
                }
                continue;
            }
            double us = Median(list.Select(r => r.Ours.MicrosecondsPerStep));
            double? tus = withTorch ? MedianOrNull(list.Select(r => r.Theirs?.MicrosecondsPerStep)) : null;
            double? rt = withTorch ? MedianOrNull(list.Select(r => r.Theirs is { } t ? r.Ours.MicrosecondsPerStep / t.MicrosecondsPerStep : (double?)null)) : null;
            var target = TimeTargets.GetValueOrDefault(group.Key, double.NaN);
            string met = rt is null ? "-" : rt <= target ? "yes" : "no";
            Console.WriteLine($"| {group.Key} | {Us(us)}/step | {(tus is null ? "-" : Us(tus.Value) + "/step")} | {Fmt(rt, "F2")} | <= {target:F2} | {met} | {alloc} | {peak} |");
            if (list[0].Ours.MedianStepSeconds is not null)
            {
                double med = Median(list.Select(r => r.Ours.MedianStepSeconds ?? double.NaN)) * 1e6;
                double? tmed = withTorch ? MedianOrNull(list.Select(r => r.Theirs?.MedianStepSeconds * 1e6)) : null;
                Console.WriteLine($"| {group.Key} median step | {Us(med)} | {(tmed is null ? "-" : Us(tmed.Value))} | {Fmt(tmed is null ? null : med / tmed, "F2")} | | | | |");
            }
        }
        Console.WriteLine();
        foreach (var group in rows.GroupBy(r => r.Workload).Where(g => g.First().Ours.FinalLoss is not null))
        {
            var r = group.Last();
            string init = r.Ours.InitLoss is { } i
                ? $"initial loss: NNTools {i:G6}, PyTorch {(r.Theirs?.InitLoss is { } ti ? ti.ToString("G6", CultureInfo.InvariantCulture) : "-")}; "
                : "";
            Console.WriteLine($"{group.Key} {init}final loss: NNTools {r.Ours.FinalLoss:G6}, PyTorch {(r.Theirs?.FinalLoss is { } l ? l.ToString("G6", CultureInfo.InvariantCulture) : "-")}");
        }
    }

    private static string Us(double us) => us >= 10_000 ? $"{us / 1000:F2} ms" : $"{us:F1} µs";

    private static string Bytes(double b) => b >= 1 << 20 ? $"{b / (1 << 20):F1} MiB" : b >= 1024 ? $"{b / 1024:F1} KiB" : $"{b:F0} B";

    private static string Fmt(double? v, string format) => v is null ? "-" : v.Value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The median (the mean of the middle two for an even count); NaN for none.</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        return present.Length == 0 ? null : Median(present);
    }
}
