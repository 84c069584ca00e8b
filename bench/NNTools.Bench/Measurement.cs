using System.Diagnostics;

namespace NNTools.Bench;

/// <summary>What one run of a workload measured: time per step, allocation per step, final loss, and for W6 GFLOP/s per size.</summary>
internal sealed record Measurement(string Workload, int Steps, double Seconds, double AllocatedBytesPerStep, double? FinalLoss)
{
    public double MicrosecondsPerStep => Steps > 0 ? Seconds / Steps * 1e6 : double.NaN;

    /// <summary>W6 only: GFLOP/s (best sample) per matrix size.</summary>
    public IReadOnlyDictionary<int, double> Gflops { get; init; } = new Dictionary<int, double>();

    /// <summary>The loss before training (computed untimed, as anchors.py does).</summary>
    public double? InitLoss { get; init; }

    /// <summary>W5 only: the median step, in seconds.</summary>
    public double? MedianStepSeconds { get; init; }

    /// <summary>The peak working set of the process that ran the workload (each runs in its own process, ours and PyTorch's).</summary>
    public long? PeakWorkingSetBytes { get; init; }
}

/// <summary>
/// Times a training loop the way anchors.py does: only the loop, after data and model are built, with the
/// bytes the GC handed out in between (GC.GetTotalAllocatedBytes is exact with precise = true).
/// </summary>
internal sealed class LoopTimer
{
    private readonly long _bytes0 = GC.GetTotalAllocatedBytes(true);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public Measurement Stop(string workload, int steps, double? finalLoss)
    {
        _clock.Stop();
        long bytes = GC.GetTotalAllocatedBytes(true) - _bytes0;
        return new Measurement(workload, steps, _clock.Elapsed.TotalSeconds, steps > 0 ? (double)bytes / steps : 0, finalLoss);
    }
}
