using System.Globalization;

namespace NNTools.Bench;

/// <summary>
/// The one comparison table: medians over repeats, and the median of the per-repeat ratios NNTools /
/// PyTorch (time; below 1 NNTools is faster). W6 is GEMM GFLOP/s as a share of the measured FMA peak.
/// </summary>
internal static class Report
{
    public sealed record Row(string Workload, int Repeat, Measurement Ours, Measurement? Theirs);

    /// <summary>The speed issue's goals: the largest acceptable NNTools/PyTorch time ratio per row.</summary>
    private static readonly Dictionary<string, double> TimeTargets = new()
    {
        ["W1"] = 0.2, ["W2"] = 0.2, ["W4"] = 0.2, ["W3"] = 0.5, ["W5"] = 0.8, ["W7"] = 1.0,
        ["M3"] = 0.6, ["C3"] = 0.7, ["P1"] = 0.3, ["P4"] = 0.3,
    };

    /// <summary>W6's goal: this share of the measured peak for n of at least <see cref="GemmGoalMinN"/>.</summary>
    private const double GemmGoalShare = 0.8;

    private const int GemmGoalMinN = 512;

    public static string Describe(Measurement m) => m.Gflops.Count > 0
        ? string.Join(", ", m.Gflops.Select(kv => $"n={kv.Key} {kv.Value:F0} GFLOP/s"))
        : m.Workload == "C3" ? $"{m.Seconds:F2} s for the whole process" : $"{m.MicrosecondsPerStep:F1} µs/step, loss {m.FinalLoss:G5}";

    public static void Print(List<Row> rows, bool withTorch, double peak)
    {
        Console.WriteLine();
        Console.WriteLine("| row | NNTools | PyTorch | NNTools/PyTorch | goal | met | GC alloc/step | peak working set (NNTools / PyTorch) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Workload))
        {
            var list = group.ToList();
            string alloc = list[0].Ours.AllocatedBytesPerStep is double a && !double.IsNaN(a) ? Bytes(Median(list.Select(r => r.Ours.AllocatedBytesPerStep))) : "-";
            string peakSet = $"{Bytes(Median(list.Select(r => (double)(r.Ours.PeakWorkingSetBytes ?? 0))))} / " +
                (withTorch ? Fmt(MedianOrNull(list.Select(r => (double?)r.Theirs?.PeakWorkingSetBytes)), Bytes) : "-");
            if (list[0].Ours.Gflops.Count > 0)
            {
                foreach (int n in list[0].Ours.Gflops.Keys)
                {
                    double ours = Median(list.Select(r => r.Ours.Gflops[n]));
                    double? theirs = withTorch ? MedianOrNull(list.Select(r => r.Theirs?.Gflops.GetValueOrDefault(n))) : null;
                    double? ratio = withTorch ? MedianOrNull(list.Select(r => r.Theirs is { } t && t.Gflops.TryGetValue(n, out var g) ? g / r.Ours.Gflops[n] : (double?)null)) : null;
                    bool graded = n >= GemmGoalMinN;
                    string goal = graded ? $">= {GemmGoalShare:P0} of peak" : "";
                    string met = graded ? ours >= GemmGoalShare * peak ? "yes" : "no" : "";
                    Console.WriteLine($"| W6 n={n} | {ours:F0} GFLOP/s ({ours / peak:P0} of peak) | {Fmt(theirs, v => $"{v:F0} GFLOP/s ({v / peak:P0})")} | {Fmt(ratio, v => v.ToString("F2", CultureInfo.InvariantCulture))} | {goal} | {met} | {alloc} | {peakSet} |");
                }
                continue;
            }
            var target = TimeTargets.GetValueOrDefault(group.Key, double.NaN);
            bool whole = group.Key == "C3";
            double ours1 = Median(list.Select(r => whole ? r.Ours.Seconds : r.Ours.MicrosecondsPerStep));
            double? theirs1 = withTorch ? MedianOrNull(list.Select(r => r.Theirs is { } t ? whole ? t.Seconds : t.MicrosecondsPerStep : (double?)null)) : null;
            double? ratio1 = withTorch ? MedianOrNull(list.Select(r => r.Theirs is { } t
                ? whole ? r.Ours.Seconds / t.Seconds : r.Ours.MicrosecondsPerStep / t.MicrosecondsPerStep : (double?)null)) : null;
            string met1 = ratio1 is null ? "-" : ratio1 <= target ? "yes" : "no";
            Func<double, string> show = whole ? v => $"{v:F2} s" : v => Us(v) + "/step";
            Console.WriteLine($"| {group.Key} | {show(ours1)} | {Fmt(theirs1, show)} | {Fmt(ratio1, v => v.ToString("F2", CultureInfo.InvariantCulture))} | <= {target:F2} | {met1} | {alloc} | {peakSet} |");
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

    private static string Fmt(double? v, Func<double, string> format) => v is null ? "-" : format(v.Value);

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
