using NNTools.Kernels;

namespace NNTools.Tests.Kernels;

/// <summary>
/// The GEMM's worker team: every worker runs, barriers separate phases, a failing worker's exception
/// reaches the caller and leaves the team usable, and products started from several threads at once
/// (which the team serves one at a time, running the others alone) all come out right.
/// </summary>
[Collection(WorkerTeamCollection.Name)]
public class WorkerTeamTests
{
    [Fact]
    public void EveryWorkerRunsEachPhaseAfterTheBarrier()
    {
        int workers = WorkerTeam.Size;
        var phase1 = new int[workers];
        var sawAllOfPhase1 = new bool[workers];
        var teamSize = new int[workers];
        for (int round = 0; round < 200; round++)
        {
            Array.Clear(phase1);
            Array.Clear(sawAllOfPhase1);
            WorkerTeam.Run(workers, (w, barrier) =>
            {
                teamSize[w] = barrier.Workers;
                Volatile.Write(ref phase1[w], 1);
                barrier.SignalAndWait();
                sawAllOfPhase1[w] = Enumerable.Range(0, barrier.Workers).All(i => Volatile.Read(ref phase1[i]) == 1);
                barrier.SignalAndWait();
            });
            Assert.All(teamSize, size => Assert.Equal(workers, size));
            Assert.All(sawAllOfPhase1, Assert.True);
        }
    }

    [Fact]
    public void AFailingWorkerThrowsAndTheTeamStaysUsable()
    {
        int last = WorkerTeam.Size - 1;
        var e = Assert.ThrowsAny<Exception>(() => WorkerTeam.Run(WorkerTeam.Size, (w, barrier) =>
        {
            if (w == last) throw new InvalidOperationException("worker failed");
            barrier.SignalAndWait();
        }));
        Assert.Contains("failed", e.Message);
        int ran = 0;
        WorkerTeam.Run(WorkerTeam.Size, (w, barrier) => Interlocked.Increment(ref ran));
        Assert.Equal(WorkerTeam.Size, ran);
    }

    [Fact]
    public void ConcurrentProductsFromManyThreadsAreAllCorrect()
    {
        var a = Tensor.Randn([200, 300], DType.Float32, new Generator(1));
        var b = Tensor.Randn([300, 180], DType.Float32, new Generator(2));
        var expected = a.MatMul(b).ToFloatArray();
        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            for (int r = 0; r < 5; r++) results[i] = a.MatMul(b).ToFloatArray();
        });
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
