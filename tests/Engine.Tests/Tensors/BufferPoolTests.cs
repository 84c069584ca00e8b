using System.Runtime.CompilerServices;
using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Tests.Tensors;

/// <summary>
/// Large transient buffers are reused only when no storage refers to them any more, only on the
/// thread that made them and only after that thread reached a safe point; and reuse changes no value.
/// Each test runs on a thread of its own, since the pool is per thread.
/// </summary>
public class BufferPoolTests
{
    private const int Large = 50 * 500; // W3's activations: 100 KB of float32

    [Fact]
    public void ABufferIsReusedOnlyAfterItsLastTensorDied()
    {
        OnOwnThread(() =>
        {
            BufferPool.Reclaim();
            var holder = new Tensor?[1];
            var weak = LargeTensorKeepingOnlyAView(holder);
            Collect();
            BufferPool.Reclaim();
            // The view still refers to the buffer: a new tensor must not get it.
            Assert.False(SharesBuffer(holder, Tensor.Empty([Large], DType.Float32)));
            holder[0] = null;
            Collect();
            BufferPool.Reclaim();
            var reused = Tensor.Empty([Large], DType.Float32);
            Assert.True(weak.TryGetTarget(out var old) && ReferenceEquals(old, reused.Storage.Buffer), "the dead tensor's buffer was not reused");
        });
    }

    [Fact]
    public void ADataAliasKeepsItsBufferOutOfReuse()
    {
        OnOwnThread(() =>
        {
            BufferPool.Reclaim();
            var data = DataOfADeadTensor();
            Collect();
            BufferPool.Reclaim();
            var other = Tensor.Empty([Large], DType.Float32);
            Assert.False(ReferenceEquals(other.Storage.Buffer, data.Storage.Buffer));
            GC.KeepAlive(data);
        });
    }

    [Fact]
    public void AReusedBufferForZerosIsZero()
    {
        OnOwnThread(() =>
        {
            BufferPool.Reclaim();
            var weak = DeadTensorFilledWith(7f);
            Collect();
            BufferPool.Reclaim();
            var zeros = Tensor.Zeros([Large], DType.Float32);
            Assert.True(weak.TryGetTarget(out var old) && ReferenceEquals(old, zeros.Storage.Buffer), "expected the buffer to be reused");
            Assert.Equal(0.0, zeros.Abs().Sum().ToDouble());
        });
    }

    [Fact]
    public void AnInferenceLoopThroughAModelReusesItsBuffers()
    {
        OnOwnThread(() =>
        {
            var model = Layers.Mlp([2, 500, 500, 1], generator: new Generator(3));
            var x = Tensor.Randn([50, 2], DType.Float32, new Generator(4));
            var seen = new HashSet<Array>(ReferenceEqualityComparer.Instance);
            int reused = 0;
            using (NNTools.Autograd.GradMode.NoGrad())
            {
                for (int step = 0; step < 20; step++)
                {
                    reused += HiddenBuffersSeenBefore(model, x, seen);
                    Collect();
                }
            }
            Assert.True(reused > 0, "no forward pass reused an earlier pass's buffer");
        });
    }

    // The buffers of the first hidden layer's output, of a forward pass whose tensors all die here.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int HiddenBuffersSeenBefore(Sequential model, Tensor x, HashSet<Array> seen)
    {
        var hidden = model[0].Invoke(x);
        _ = model.Forward(x);
        return seen.Add(hidden.Storage.Buffer) ? 0 : 1;
    }

    [Fact]
    public void TheTrainersSecondStepReusesTheFirstStepsBuffers()
    {
        OnOwnThread(() =>
        {
            // Hidden activations and their gradients are 50 x 500 floats (100 KB): pooled, about 800 KB a step.
            // The steps allocate far too little for the GC's young budget, so only the collection the Trainer
            // asks for after the first step lets the second reuse the first step's buffers (with RecycleBetweenSteps off,
            // run alone, the second step allocated 825 KB; in a full parallel run other threads' collections may let it reuse).
            var model = Layers.Mlp([2, 500, 500, 1], generator: new Generator(3));
            var x = Tensor.Randn([100, 2], DType.Float32, new Generator(4));
            var y = Tensor.Randn([100, 1], DType.Float32, new Generator(5));
            var loader = new NNTools.Data.DataLoader(new NNTools.Data.TensorDataset(x, y), 50);
            var trainer = new NNTools.Training.Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 0.01));
            var allocated = new List<long>();
            long before = GC.GetAllocatedBytesForCurrentThread();
            trainer.BatchCompleted += _ =>
            {
                long now = GC.GetAllocatedBytesForCurrentThread();
                allocated.Add(now - before);
                before = now;
            };
            trainer.Fit(loader, new NNTools.Training.TrainingOptions { Epochs = 1 });
            Assert.True(allocated[0] > 800_000, $"the first step allocated only {allocated[0]} bytes: nothing to reuse");
            Assert.True(allocated[1] < 400_000, $"the second step allocated {allocated[1]} bytes: its large buffers were fresh");
        });
    }

    [Fact]
    public void AOneOffLargePassDoesNotCrowdOutALoopsBuffers()
    {
        OnOwnThread(() =>
        {
            BufferPool.Reclaim();
            // Two 16 MB buffers, used once (an initial full-data pass): they fill the free list when they die.
            OneOffBuffers(2, 4 << 20);
            Collect();
            BufferPool.Reclaim();
            var seen = new HashSet<Array>(ReferenceEqualityComparer.Instance);
            int reused = 0;
            for (int step = 0; step < 10; step++)
            {
                reused += NewBufferSeenBefore(seen);
                Collect();
                BufferPool.Reclaim();
            }
            Assert.True(reused > 0, "the loop's buffers were never reused");
        });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OneOffBuffers(int count, int length)
    {
        for (int i = 0; i < count; i++) GC.KeepAlive(Tensor.Empty([length], DType.Float32));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int NewBufferSeenBefore(HashSet<Array> seen) => seen.Add(Tensor.Empty([Large], DType.Float32).Storage.Buffer) ? 0 : 1;

    [Fact]
    public void AThreadThatNeverReachedASafePointDoesNotPool()
    {
        OnOwnThread(() =>
        {
            var t = Tensor.Empty([Large], DType.Float32);
            Assert.Null(t.Storage.Owner);
            Assert.Equal(0, BufferPool.LentBytes);
        });
    }

    [Fact]
    public void TrainingGivesTheSameWeightsWithAndWithoutReuse()
    {
        float[]? pooled = null, plain = null;
        OnOwnThread(() => pooled = Train(pool: true));
        OnOwnThread(() => plain = Train(pool: false));
        Assert.Equal(plain, pooled);
    }

    private static float[] Train(bool pool)
    {
        if (pool) BufferPool.Reclaim();
        var model = Layers.Mlp([2, 500, 500, 1], generator: new Generator(3));
        var x = Tensor.Randn([50, 2], DType.Float32, new Generator(4));
        var y = Tensor.Randn([50, 1], DType.Float32, new Generator(5));
        var opt = new SGD(model.Parameters(), lr: 0.01);
        for (int step = 0; step < 30; step++)
        {
            opt.ZeroGrad();
            (model.Forward(x) - y).Pow(2).Mean().Backward();
            opt.Step();
            if (step % 5 == 0) Collect();
        }
        if (pool) Assert.True(BufferPool.LentBytes > 0, "the pooled run lent nothing");
        return model.Parameters().SelectMany(p => (float[])p.Detach().Flatten().ToArray()).ToArray();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<Array> LargeTensorKeepingOnlyAView(Tensor?[] holder)
    {
        var t = Tensor.Empty([Large], DType.Float32);
        holder[0] = t.Narrow(0, 10, 100);
        return new WeakReference<Array>(t.Storage.Buffer);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool SharesBuffer(Tensor?[] holder, Tensor other) => ReferenceEquals(holder[0]!.Storage.Buffer, other.Storage.Buffer);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Tensor DataOfADeadTensor() => Tensor.Empty([Large], DType.Float32).Data;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<Array> DeadTensorFilledWith(float value)
    {
        var t = Tensor.Full([Large], value, DType.Float32);
        return new WeakReference<Array>(t.Storage.Buffer);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static void OnOwnThread(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new Xunit.Sdk.XunitException(failure.ToString());
    }
}
