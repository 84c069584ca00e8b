namespace NNTools.Autograd;

/// <summary>
/// Asks for a young-generation collection between training steps, after a backward pass that freed its
/// graph, when the step's activations and their gradients are garbage, so that the next steps allocate
/// into memory that is already mapped and the buffer pool gets its buffers back. The Trainer calls it
/// after each step unless TrainingOptions.RecycleBetweenSteps is off; a library does not force
/// collections on code it does not own (issue 20), so manual loops and Backward alone never trigger one.
/// It collects generations 0 and 1: an activation that another thread's collection, or the GC's own,
/// caught alive mid-step is in generation 1 by the time it dies.
/// </summary>
/// <remarks>
/// A new page costs about 10 µs to fault in on our VMs: W5 ran 33-40 ms steps on fresh memory and 10 ms
/// ones on memory a collection had just recycled. Left to itself the GC collects when its young budget
/// runs out, which on machines that do not report their cache size (these VMs) is erratic: three W5 steps
/// on fresh memory before the first collection, then collections in the middle of steps that copy live
/// activations into the next generation. A collection between steps finds nothing alive and costs a few
/// tenths of a millisecond. It is asked for when the next step, as large as the last one, would take the
/// allocation since the last collection past <see cref="Budget"/>: after the first step always (its memory
/// is reused from the second step on), every step for W5 (9 MB a step), every 16 at 1 MB a step unless
/// the GC collects on its own first (it does for W3 here, every 8 steps or so; chasing that budget down
/// made it shrink further and doubled W3's collections).
/// </remarks>
internal sealed class StepRecycler(Func<long> allocatedBytes, Func<int> youngCollections, Action collectYoung)
{
    [ThreadStatic] private static StepRecycler? t_current;

    /// <summary>
    /// This thread's recycler, which counts this thread's allocations and reused buffers only: runspaces
    /// training side by side each see their own steps.
    /// </summary>
    public static StepRecycler Current => t_current ??= new(
        () => GC.GetAllocatedBytesForCurrentThread() + BufferPool.ReusedEver,
        () => GC.CollectionCount(0),
        () => GC.Collect(1, GCCollectionMode.Forced, blocking: true));

    /// <summary>Bytes allocated between collections that are tolerated before one is asked for.</summary>
    public const long Budget = 16L << 20;

    private readonly Lock _lock = new();
    private long _allocatedAtLastCall;
    private long _sinceCollection;
    private int _collectionsAtLastCall = -1;

    /// <summary>Called once a step, after its backward pass.</summary>
    public void RecycleIfDue()
    {
        lock (_lock)
        {
            long allocated = allocatedBytes();
            long step = allocated - _allocatedAtLastCall;
            int collections = youngCollections();
            // When the GC collected during the step, only what the step allocated can still be uncollected.
            long since = collections == _collectionsAtLastCall ? _sinceCollection + step : step;
            bool first = _collectionsAtLastCall < 0;
            if (first || since + step > Budget)
            {
                collectYoung();
                since = 0;
                collections = youngCollections();
            }
            _allocatedAtLastCall = allocated;
            _sinceCollection = since;
            _collectionsAtLastCall = collections;
        }
    }
}
