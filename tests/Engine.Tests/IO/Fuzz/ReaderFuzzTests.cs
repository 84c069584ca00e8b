using System.Diagnostics;
using NNTools.IO;
using NNTools.NN;
using Xunit.Abstractions;

namespace NNTools.Tests.IO.Fuzz;

/// <summary>
/// A seeded fuzz run of the safetensors and model readers over mutated valid files and hand-made
/// hostile ones. Every case must end in a loaded file or one of the engine's TensorExceptions with an
/// id (never another exception type), within <see cref="CaseTimeout"/>, and allocating no more than
/// <see cref="AllocationCap"/>. The seed and the case count are fixed, so a failure repeats; its
/// message names the case, the mutations and the first bytes of the file.
/// </summary>
public class ReaderFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261203;
    private const int MutationsPerValidFile = 12_000;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    /// <summary>What one case may allocate: a little beyond its own bytes, whatever sizes the file claims.</summary>
    private static long AllocationCap(byte[] file) => (16L << 20) + 16L * file.Length;

    [Fact]
    public void MutatedAndHostileFilesFailOnlyWithTheEnginesErrors()
    {
        var clock = Stopwatch.StartNew();
        var mutator = new FuzzMutator(Seed);
        var cases = new List<(string Name, FuzzInput Input)>();
        foreach (var valid in FuzzCorpus.ValidFiles())
        {
            cases.Add(($"{valid.Name} as it is", valid));
            for (int i = 0; i < MutationsPerValidFile; i++)
            {
                var (bytes, what) = mutator.Mutate(valid.Bytes);
                cases.Add(($"{valid.Name} #{i}: {what}", valid with { Bytes = bytes }));
            }
        }
        cases.AddRange(FuzzCorpus.HostileFiles().Select(h => ($"hostile: {h.Name}", h)));

        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        long maxAllocated = 0;
        var slowest = TimeSpan.Zero;
        foreach (var (name, input) in cases)
        {
            foreach (var (reader, read) in Readers(input))
            {
                var result = RunGuarded(() => read(input.Bytes));
                if (result.Failure is { } failure)
                {
                    failures.Add($"{name} [{reader}]: {failure}; file starts {Convert.ToHexString(input.Bytes.AsSpan(0, Math.Min(input.Bytes.Length, 96)))}");
                    continue;
                }
                outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
                maxAllocated = Math.Max(maxAllocated, result.Allocated);
                if (result.Elapsed > slowest) slowest = result.Elapsed;
                if (result.Allocated > AllocationCap(input.Bytes))
                {
                    failures.Add($"{name} [{reader}]: allocated {result.Allocated:N0} bytes for a {input.Bytes.Length:N0}-byte file");
                }
            }
        }

        output.WriteLine($"{cases.Count:N0} files, {outcomes.Values.Sum():N0} reads in {clock.Elapsed.TotalSeconds:F1} s; slowest read {slowest.TotalMilliseconds:F0} ms, most allocated {maxAllocated:N0} bytes");
        foreach (var (outcome, count) in outcomes.OrderByDescending(o => o.Value)) output.WriteLine($"{count,7:N0}  {outcome}");
        Assert.True(failures.Count == 0, $"{failures.Count} of the fuzz cases failed:\n" + string.Join("\n", failures.Take(20)));
        // The mutations reach far past the framing checks: a run that ends in only a few ids has lost its way.
        Assert.InRange(outcomes.Count, 25, int.MaxValue);
    }

    /// <summary>The readers a file goes through: every file as safetensors; a model file also rebuilt and loaded into its model.</summary>
    private static IEnumerable<(string Name, Action<byte[]> Read)> Readers(FuzzInput input)
    {
        yield return ("safetensors", bytes => SafeTensors.Deserialize(bytes));
        if (input.Model is not { } model) yield break;
        yield return ("model", bytes => ModelFile.Deserialize(bytes));
        yield return ("weights", bytes => ModelFile.LoadInto(bytes, model()));
    }

    private sealed record CaseResult(string Outcome, string? Failure, long Allocated, TimeSpan Elapsed);

    /// <summary>
    /// Runs one read on a thread of its own, so that a read that never ends fails the case at the
    /// timeout instead of hanging the run, and counts what that thread allocated.
    /// </summary>
    private static CaseResult RunGuarded(Action read)
    {
        var task = Task.Factory.StartNew(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            string outcome;
            try
            {
                read();
                outcome = "loaded";
            }
            catch (TensorException e) when (!string.IsNullOrEmpty(e.ErrorId))
            {
                outcome = $"{e.ErrorId} ({e.Kind})";
            }
            return new CaseResult(outcome, null, GC.GetAllocatedBytesForCurrentThread() - before, clock.Elapsed);
        }, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
        try
        {
            return task.Wait(CaseTimeout) ? task.Result : new CaseResult("", $"still running after {CaseTimeout.TotalSeconds} s", 0, CaseTimeout);
        }
        catch (AggregateException e)
        {
            return new CaseResult("", $"{e.InnerException!.GetType().FullName}: {e.InnerException.Message}", 0, TimeSpan.Zero);
        }
    }
}
