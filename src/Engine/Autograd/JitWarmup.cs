using System.Reflection;
using System.Runtime.CompilerServices;

namespace NNTools.Autograd;

/// <summary>
/// Compiles the code of a training step on a spare core while the caller is still building its data and
/// model, so that its first step does not wait for the JIT. Started by the first tensor that is made to
/// require grad (a parameter: the caller is about to train), once per process.
/// </summary>
/// <remarks>
/// A first backward pass and update compile some forty methods, 15-20 ms, against 9 µs for each later step
/// of a tiny model: a quarter of W4's 5,000 steps went to compiling the first two. PyTorch's kernels are
/// compiled ahead of time; ours are compiled on first use (there is no ahead-of-time compiler, crossgen,
/// on our machines). A method the caller reaches while it is being compiled here waits for that
/// compilation instead of starting its own, so the work is shared, never done twice.
///
/// Kept small on purpose: while this thread compiles, the caller's thread runs up to twice as slow
/// (installing each method remaps code pages, which interrupts the other core too). A warm-up that also
/// trained three small models (Sequential, SGD, Adam, three losses: 250 ms of compiling) outlasted W4's
/// whole run and made it slower. One raw-tensor step covers what every model's step shares: the backward
/// engine, gradient accumulation, matmul, an activation, broadcasting, a reduction, the in-place update.
///
/// The steps here use fixed values, not the default generator (whose sequence stays the caller's), and
/// call the backward engine directly, so the step recycler's bookkeeping stays the caller's too. Their
/// shapes are small enough for every kernel to run on this thread: the GEMM's worker threads are not
/// started. Off on single-core machines (no spare core) and with NNTOOLS_JIT_WARMUP=0 (to measure cold
/// starts).
/// </remarks>
internal static class JitWarmup
{
    private static int s_started;

    /// <summary>Starts the warm-up on a background thread, the first time only.</summary>
    public static void Start()
    {
        if (Volatile.Read(ref s_started) != 0 || Interlocked.Exchange(ref s_started, 1) != 0) return;
        if (Environment.ProcessorCount < 2 || Environment.GetEnvironmentVariable("NNTOOLS_JIT_WARMUP") == "0") return;
        var thread = new Thread(RunQuietly) { IsBackground = true, Name = "NNTools JIT warm-up" };
        thread.Start();
    }

    private static void RunQuietly()
    {
        // Best effort: what fails here fails again, with its error, when the caller's own step calls it.
        // An exception escaping a background thread would end the process. Tests run the steps directly.
        try
        {
            PrepareBackward();
            RunSteps();
        }
        catch
        {
        }
    }

    /// <summary>
    /// Two steps of a hand-written model and update, tanh(X W) w against y as in W4 and the first
    /// tutorials: the second step finds the gradients there and accumulates into them, a path of its own.
    /// Returns the two losses, so that a test can check that the steps are real.
    /// </summary>
    internal static double[] RunSteps()
    {
        // Fixed values, not random ones: the caller's thread is compiling the random number generator.
        var x = Tensor.FromBuffer(Values(40, 0.3f), [8, 5]);
        var y = Tensor.FromBuffer(Values(8, 0.7f), [8]);
        var w1 = Tensor.FromBuffer(Values(15, 0.5f), [5, 3]).RequiresGrad_();
        var w2 = Tensor.FromBuffer(Values(3, 0.9f), [3]).RequiresGrad_();
        var losses = new double[2];
        for (int step = 0; step < losses.Length; step++)
        {
            var loss = 0.5 * (x.MatMul(w1).Tanh().MatMul(w2) - y).Pow(2).Mean();
            BackwardEngine.Run(loss, null, retainGraph: false);
            using (GradMode.NoGrad())
            {
                w1.Sub_(0.1 * w1.Grad!);
                w2.Sub_(0.1 * w2.Grad!);
                w1.Grad!.Zero_();
                w2.Grad!.Zero_();
            }
            losses[step] = loss.ToDouble();
        }
        return losses;
    }

    /// <summary>
    /// Compiles, without running them, the methods of a backward pass and update that a forward pass does
    /// not call: the caller's thread is meanwhile compiling its forward pass (which the steps below need
    /// too, and wait for), so this thread is a step ahead of it when the caller's backward pass starts.
    /// </summary>
    internal static void PrepareBackward()
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in (Type[])[typeof(BackwardEngine), typeof(GradNode), typeof(StepRecycler)])
        {
            foreach (var m in type.GetMethods(Declared)) Prepare(m);
            foreach (var c in type.GetConstructors(Declared)) Prepare(c);
        }
        // By name from Tensor, whose thousand members GetMethods would all load.
        foreach (var name in (string[])[nameof(Tensor.AccumulateGrad), nameof(Tensor.AdoptFreshGrad), nameof(Tensor.LongLivedCopy),
            nameof(Tensor.SumTo), nameof(Tensor.Expand), nameof(Tensor.ExpandRaw), nameof(Tensor.ExpandReduced), nameof(Tensor.TransposedView),
            nameof(Tensor.Sub_), nameof(Tensor.Zero_), nameof(Tensor.Fill_)])
        {
            foreach (var m in typeof(Tensor).GetMember(name, MemberTypes.Method, Declared)) Prepare((MethodBase)m);
        }
        Prepare(typeof(Storage).GetMethod(nameof(Storage.AllocateLongLived))!);
    }

    private static void Prepare(MethodBase m)
    {
        // Generic definitions cannot be compiled as they stand; error builders are compiled when they throw.
        if (m.IsAbstract || m.ContainsGenericParameters || m is MethodInfo { ReturnType: var r } && typeof(Exception).IsAssignableFrom(r)) return;
        RuntimeHelpers.PrepareMethod(m.MethodHandle);
    }

    private static float[] Values(int count, float phase)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = MathF.Sin(i * 1.3f + phase);
        return values;
    }
}
