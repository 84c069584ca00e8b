using NNTools.Autograd;

namespace NNTools.Tests.Autograd;

/// <summary>
/// When the recycler asks for a young collection between steps, driven by a fake allocation counter
/// and collection count (the real GC's own collections would make counts on the process meaningless).
/// </summary>
public class StepRecyclerTests
{
    private const long MB = 1 << 20;

    private sealed class FakeGc
    {
        public long Allocated;
        public int Collections;
        public readonly List<int> InducedAtStep = [];
        public int Step;

        public StepRecycler Recycler() => new(() => Allocated, () => Collections, () =>
        {
            Collections++;
            InducedAtStep.Add(Step);
        });

        /// <summary>One training step that allocates <paramref name="bytes"/>, then the call at the end of its backward pass.</summary>
        public void RunStep(StepRecycler recycler, long bytes, bool gcCollectsMidStep = false)
        {
            Allocated += bytes;
            if (gcCollectsMidStep) Collections++;
            recycler.RecycleIfDue();
            Step++;
        }
    }

    [Fact]
    public void FirstStepIsAlwaysFollowedByACollectionSoTheSecondReusesItsMemory()
    {
        var gc = new FakeGc();
        var recycler = gc.Recycler();
        gc.RunStep(recycler, 100 * 1024);
        gc.RunStep(recycler, 100 * 1024);
        Assert.Equal([0], gc.InducedAtStep);
    }

    [Fact]
    public void LargeStepsAreCollectedAfterEveryStep()
    {
        // W5: about 9 MB a step, so a second step would take the total past the 16 MB budget.
        var gc = new FakeGc();
        var recycler = gc.Recycler();
        for (int i = 0; i < 6; i++) gc.RunStep(recycler, 9 * MB);
        Assert.Equal([0, 1, 2, 3, 4, 5], gc.InducedAtStep);
    }

    [Fact]
    public void SmallStepsAreCollectedWhenTheNextWouldPassTheBudget()
    {
        // W3: about 1 MB a step. After the first step's collection, sixteen steps make 16 MB and a
        // seventeenth would pass the budget.
        var gc = new FakeGc();
        var recycler = gc.Recycler();
        for (int i = 0; i < 40; i++) gc.RunStep(recycler, 1 * MB);
        Assert.Equal([0, 16, 32], gc.InducedAtStep);
    }

    [Fact]
    public void ACollectionByTheGcDuringAStepRestartsTheCount()
    {
        var gc = new FakeGc();
        var recycler = gc.Recycler();
        for (int i = 0; i < 10; i++) gc.RunStep(recycler, 1 * MB);
        Assert.Equal([0], gc.InducedAtStep);
        // The GC collected mid-step: only that step's megabyte can still be uncollected, so the next
        // induced collection comes at step 25 rather than 16.
        gc.RunStep(recycler, 1 * MB, gcCollectsMidStep: true);
        for (int i = 0; i < 20; i++) gc.RunStep(recycler, 1 * MB);
        Assert.Equal([0, 25], gc.InducedAtStep);
    }

    [Fact]
    public void StepsWithoutLargeAllocationsNeverInduceACollectionAfterTheFirst()
    {
        // W4-like steps: tens of kilobytes, the GC's own collections come first.
        var gc = new FakeGc();
        var recycler = gc.Recycler();
        for (int i = 0; i < 1000; i++) gc.RunStep(recycler, 40 * 1024, gcCollectsMidStep: i % 50 == 49);
        Assert.Equal([0], gc.InducedAtStep);
    }
}
