namespace NNTools;

/// <summary>
/// Reuses large transient buffers (activations, their gradients) on the thread that made them, so
/// that a training loop stops allocating on the large-object heap after its first steps.
/// </summary>
/// <remarks>
/// Under .NET's default settings every buffer of 85,000 bytes or more goes to the large-object heap,
/// whose small budget sets off a full, blocking collection every few steps of a model with
/// 100 KB activations (docs/perf-log.md). A lent buffer belongs to a <see cref="BufferOwner"/> that
/// every storage over it holds (views and <c>.Data</c> aliases share it); the pool keeps only a weak
/// reference to the owner. A buffer goes back into use only when (1) a collection has found its
/// owner unreachable, so no storage, tensor or view refers to it, and (2) the thread is at a safe
/// point: between kernels, where no loop holds a raw reference to a buffer (<see cref="Reclaim"/> is
/// called at the start of a backward pass, a module's forward and a matrix product, and by the
/// Trainer between steps). Raw buffer access is
/// confined to kernels and backends (issue 20), a kernel runs to completion on its calling thread, and
/// the backend's forwarders keep their tensor operands alive until the kernel returns. The host
/// kernels outside the backend interface do not yet: one of them running on another thread, over a
/// tensor this thread made and nobody else still refers to, is the one case this does not cover. A thread lends only after its first safe point, and never
/// more than <see cref="LentLimitBytes"/> awaiting a collection, so threads that never train keep
/// .NET's behaviour.
/// </remarks>
internal sealed class BufferPool
{
    /// <summary>Buffers from this size on are pooled: the large-object heap's threshold.</summary>
    public const int MinBytes = 85_000;

    /// <summary>
    /// Bytes lent and not yet reclaimed that the pool tracks; past it the oldest lent buffers are
    /// forgotten (left to the collector), so a one-off large pass cannot crowd out a loop's buffers.
    /// </summary>
    public const long LentLimitBytes = 32L << 20;

    /// <summary>Free bytes kept for reuse; past it the sizes requested longest ago are let go first.</summary>
    public const long FreeLimitBytes = 32L << 20;

    [ThreadStatic] private static BufferPool? t_pool;

    private readonly List<(WeakReference<BufferOwner> Owner, Array Buffer, long Bytes)> _lent = [];
    private readonly Dictionary<(DType, int), Stack<Array>> _free = [];
    private readonly Dictionary<(DType, int), long> _lastRequested = [];
    private long _requests;
    private long _lentBytes;
    private long _freeBytes;
    private long _reusedEver;
    private int _collectionsSeen = -1;

    /// <summary>Bytes lent on this thread and not yet reclaimed (0 on a thread that does not pool).</summary>
    public static long LentBytes => t_pool?._lentBytes ?? 0;

    /// <summary>
    /// Bytes this thread's pool has handed out again from its free buffers: allocation the GC does not
    /// see (fresh buffers it counts itself), which the step recycler adds to the GC's count.
    /// </summary>
    public static long ReusedEver => t_pool?._reusedEver ?? 0;

    /// <summary>
    /// A buffer of exactly <paramref name="length"/> elements, zeroed when <paramref name="zeroed"/>, with
    /// its owner; null when this thread does not pool or the buffer is small.
    /// </summary>
    public static Array? Rent(DType dtype, int length, bool zeroed, out BufferOwner? owner)
    {
        owner = null;
        long bytes = (long)length * dtype.ElementSize();
        if (t_pool is not { } pool || bytes < MinBytes) return null;
        return pool.Lend(dtype, length, bytes, zeroed, out owner);
    }

    /// <summary>
    /// Puts back into use the buffers whose owners a collection has found unreachable. Call only where
    /// no kernel is running on this thread. The first call on a thread turns pooling on there.
    /// </summary>
    public static void Reclaim() => (t_pool ??= new BufferPool()).ReclaimDead();

    private Array? Lend(DType dtype, int length, long bytes, bool zeroed, out BufferOwner? owner)
    {
        owner = null;
        if (bytes > LentLimitBytes) return null;
        var key = (dtype, length);
        _lastRequested[key] = ++_requests;
        Array? buffer = null;
        if (_free.TryGetValue(key, out var stack) && stack.Count > 0)
        {
            buffer = stack.Pop();
            _freeBytes -= bytes;
            _reusedEver += bytes;
            if (zeroed) Array.Clear(buffer);
        }
        ForgetOldestLentBeyond(LentLimitBytes - bytes);
        buffer ??= Storage.NewBuffer(dtype, length, zeroed);
        owner = new BufferOwner();
        _lent.Add((new WeakReference<BufferOwner>(owner), buffer, bytes));
        _lentBytes += bytes;
        return buffer;
    }

    private void ReclaimDead()
    {
        // Owners die only in a collection: with none since the last call, every lent buffer is still owned.
        int collections = GC.CollectionCount(0);
        if (collections == _collectionsSeen) return;
        // A background collection is counted from its start but clears weak references only when its
        // marking ends: until the last completed collection is the last one counted, owners it will find
        // dead still look alive, so this scans again at the next safe point (with concurrent GC, pwsh's
        // default, a gen-2 collection mid-step otherwise left every buffer of the steps before it lent).
        if (GC.GetGCMemoryInfo(GCKind.Any).Index >= collections) _collectionsSeen = collections;
        int kept = 0;
        for (int i = 0; i < _lent.Count; i++)
        {
            var entry = _lent[i];
            if (entry.Owner.TryGetTarget(out _))
            {
                _lent[kept++] = entry;
                continue;
            }
            _lentBytes -= entry.Bytes;
            var key = (DTypeOf(entry.Buffer), entry.Buffer.Length);
            if (!MakeFreeRoom(entry.Bytes, key)) continue;
            if (!_free.TryGetValue(key, out var stack)) _free[key] = stack = new Stack<Array>();
            stack.Push(entry.Buffer);
            _freeBytes += entry.Bytes;
        }
        _lent.RemoveRange(kept, _lent.Count - kept);
    }

    /// <summary>Stops tracking the oldest lent buffers until at most <paramref name="keep"/> bytes are tracked.</summary>
    private void ForgetOldestLentBeyond(long keep)
    {
        int forget = 0;
        while (_lentBytes > keep && forget < _lent.Count) _lentBytes -= _lent[forget++].Bytes;
        if (forget > 0) _lent.RemoveRange(0, forget);
    }

    /// <summary>
    /// Room for <paramref name="bytes"/> more free bytes of size <paramref name="key"/>, made by letting go
    /// of the free buffers of sizes requested before it; false when there is none to let go.
    /// </summary>
    private bool MakeFreeRoom(long bytes, (DType, int) key)
    {
        long requested = _lastRequested.GetValueOrDefault(key);
        while (_freeBytes + bytes > FreeLimitBytes)
        {
            (DType, int)? stalest = null;
            long oldest = requested;
            foreach (var (size, stack) in _free)
            {
                if (stack.Count > 0 && _lastRequested.GetValueOrDefault(size) < oldest)
                {
                    oldest = _lastRequested.GetValueOrDefault(size);
                    stalest = size;
                }
            }
            if (stalest is not { } evict) return false;
            var evicted = _free[evict];
            long each = (long)evict.Item2 * evict.Item1.ElementSize();
            _freeBytes -= each * evicted.Count;
            evicted.Clear();
        }
        return true;
    }

    private static DType DTypeOf(Array buffer) => buffer switch
    {
        float[] => DType.Float32,
        double[] => DType.Float64,
        long[] => DType.Int64,
        int[] => DType.Int32,
        byte[] => DType.UInt8,
        _ => DType.Bool,
    };
}

/// <summary>What keeps a pooled buffer out of reuse: every storage over the buffer holds it.</summary>
internal sealed class BufferOwner;
