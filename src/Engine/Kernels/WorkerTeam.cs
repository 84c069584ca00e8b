using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace NNTools.Kernels;

/// <summary>
/// A fixed team of threads for the GEMM: the calling thread and one helper per further core, which
/// spin for a while after each job before they block. A training step calls the GEMM a dozen times
/// with serial work in between; waking a thread-pool worker for Parallel.For costs more per call than
/// a small product (docs/perf-log.md: Threads), a spinning helper starts at once. Jobs get
/// a <see cref="Barrier"/> so that one job can run phases (pack, then compute) without a new fork.
/// One job at a time: a second caller (another runspace, or a nested call) runs its job alone on its
/// own thread, with the same results.
/// </summary>
internal static class WorkerTeam
{
    /// <summary>How long an idle helper spins before it blocks (a step's serial gaps are shorter).</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000;

    private static readonly object Gate = new();
    private static readonly Helper[] Helpers = CreateHelpers(Environment.ProcessorCount - 1);
    private static Action<int, Barrier>? _job;
    private static Barrier? _barrier;
    private static int _pending;
    private static ExceptionDispatchInfo? _failure;

    [ThreadStatic] private static bool _inJob;

    /// <summary>The most workers a job can have: the cores of the machine.</summary>
    public static int Size => Helpers.Length + 1;

    /// <summary>
    /// Runs body(worker, barrier) for worker 0..workers-1 (the caller is worker 0) and returns when all
    /// have finished. Each worker must call the barrier the same number of times. Falls back to running
    /// the job with a single worker when the team is busy; the body must give the same results either way.
    /// </summary>
    public static void Run(int workers, Action<int, Barrier> body)
    {
        workers = Math.Min(workers, Size);
        if (workers <= 1 || _inJob || !Monitor.TryEnter(Gate))
        {
            body(0, Barrier.Single);
            return;
        }
        try
        {
            var barrier = new Barrier(workers);
            _job = body;
            _barrier = barrier;
            _failure = null;
            Volatile.Write(ref _pending, workers - 1);
            for (int i = 0; i < workers - 1; i++) Helpers[i].Start();
            _inJob = true;
            try
            {
                body(0, barrier);
            }
            catch (Exception e)
            {
                lock (Helpers) _failure ??= ExceptionDispatchInfo.Capture(e);
                barrier.Abandon();
            }
            finally
            {
                _inJob = false;
            }
            var spin = new SpinWait();
            while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(-1);
            _job = null;
            _barrier = null;
            _failure?.Throw();
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static Helper[] CreateHelpers(int count)
    {
        var helpers = new Helper[Math.Max(0, count)];
        for (int i = 0; i < helpers.Length; i++) helpers[i] = new Helper(i + 1);
        return helpers;
    }

    /// <summary>Lets the workers of one job wait for each other between phases (sense-reversing, spinning).</summary>
    internal sealed class Barrier
    {
        public static readonly Barrier Single = new(1);

        private readonly int _total;
        private int _remaining;
        private volatile int _phase;
        private volatile bool _abandoned;

        public Barrier(int total)
        {
            _total = total;
            _remaining = total;
        }

        /// <summary>The number of workers in the job.</summary>
        public int Workers => _total;

        public void SignalAndWait()
        {
            if (_total == 1) return;
            int phase = _phase;
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _remaining = _total;
                _phase = phase + 1;
                return;
            }
            var spin = new SpinWait();
            while (_phase == phase)
            {
                if (_abandoned) throw new OperationCanceledException("a worker of the GEMM team failed");
                spin.SpinOnce(-1);
            }
        }

        /// <summary>Releases workers waiting for one that failed (they then fail too, and the first error is rethrown).</summary>
        public void Abandon() => _abandoned = true;
    }

    private sealed class Helper
    {
        private readonly int _worker;
        private readonly SemaphoreSlim _wake = new(0);
        private int _started;   // jobs handed to this helper
        private int _sleeping;

        public Helper(int worker)
        {
            _worker = worker;
            new Thread(Loop) { IsBackground = true, Name = $"NNTools GEMM {worker}" }.Start();
        }

        public void Start()
        {
            Interlocked.Increment(ref _started);
            if (Volatile.Read(ref _sleeping) != 0) _wake.Release();
        }

        private void Loop()
        {
            _inJob = true;
            int done = 0;
            while (true)
            {
                long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
                var spin = new SpinWait();
                while (Volatile.Read(ref _started) == done)
                {
                    if (Stopwatch.GetTimestamp() < spinUntil)
                    {
                        spin.SpinOnce(-1);
                        continue;
                    }
                    // Announce the sleep with a full fence, then re-check: a Start that read the flag
                    // before it was set has already advanced _started and is seen here.
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref _started) == done) _wake.Wait();
                    Interlocked.Exchange(ref _sleeping, 0);
                }
                // A Start that saw the flag after the re-check found work leaves a permit: drop it
                // (no further Start can come before this job is finished).
                while (_wake.CurrentCount > 0) _wake.Wait(0);
                done++;
                var barrier = _barrier!;
                try
                {
                    _job!(_worker, barrier);
                }
                catch (Exception e)
                {
                    lock (Helpers) _failure ??= ExceptionDispatchInfo.Capture(e);
                    barrier.Abandon();
                }
                Interlocked.Decrement(ref _pending);
            }
        }
    }
}
