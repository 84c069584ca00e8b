namespace NNTools.Kernels;

/// <summary>
/// Elementwise loops over large tensors split across the <see cref="WorkerTeam"/>, as PyTorch's
/// parallel_for does with its grain of 32768 elements: one core streams about half the memory
/// bandwidth of two here. Each element is computed by the same code whichever worker takes it,
/// so the results do not depend on the split.
/// </summary>
internal static class ParallelRange
{
    /// <summary>Below this many elements one thread is faster than waking the team.</summary>
    public const int Grain = 32768;

    /// <summary>
    /// True when <see cref="For"/> would make a single call on the calling thread: callers with a small
    /// count use it to do the work directly, without allocating a closure for the body.
    /// </summary>
    public static bool RunsOnCaller(int count) => count < 2 * Grain;

    /// <summary>
    /// Calls body(start, length) over contiguous pieces covering [0, count): one call on the calling
    /// thread for small counts, one piece per worker (starting at multiples of 64 elements) otherwise.
    /// </summary>
    public static void For(int count, Action<int, int> body)
    {
        // Small counts return before WorkerTeam is touched: its first use starts the helper threads
        // (and compiles them), which a tiny model's update loop never needs.
        int workers = RunsOnCaller(count) ? 1 : Math.Min(WorkerTeam.Size, count / Grain);
        if (workers <= 1)
        {
            body(0, count);
            return;
        }
        WorkerTeam.Run(workers, (worker, barrier) =>
        {
            int n = barrier.Workers;
            int start = (int)((long)count * worker / n) & ~63;
            int end = worker == n - 1 ? count : (int)((long)count * (worker + 1) / n) & ~63;
            body(start, end - start);
        });
    }

    /// <summary>
    /// Calls body(first, count) over pieces of [0, <paramref name="blocks"/>) (samples, planes): one
    /// piece per worker when the blocks hold enough elements in all to pay for waking the team, else a
    /// single call on the calling thread.
    /// </summary>
    public static void ForBlocks(int blocks, long elementsPerBlock, Action<int, int> body)
    {
        long total = blocks * elementsPerBlock;
        int workers = blocks < 2 || total < 2 * Grain ? 1 : Math.Min(WorkerTeam.Size, blocks);
        if (workers <= 1)
        {
            body(0, blocks);
            return;
        }
        WorkerTeam.Run(workers, (worker, barrier) =>
        {
            int n = barrier.Workers;
            int start = (int)((long)blocks * worker / n), end = (int)((long)blocks * (worker + 1) / n);
            body(start, end - start);
        });
    }
}
