namespace NNTools.Tests.Random;

/// <summary>
/// A generator shared by threads (the default one is shared by every runspace of the process) is
/// advanced one draw or fill at a time: nothing is corrupted, and the values handed out are exactly
/// those of the same fills made one after another.
/// </summary>
public class GeneratorThreadSafetyTests
{
    [Fact]
    public void ConcurrentFillsTakeWholeSegmentsOfTheSequentialStream()
    {
        const int threads = 4, length = 20_000, rounds = 5;
        var shared = new Generator(42);
        var results = new float[threads * rounds][];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int r = 0; r < rounds; r++)
            {
                var values = new float[length];
                shared.FillUniform(values, 0f, 1f);
                results[t * rounds + r] = values;
            }
        });
        var sequential = new Generator(42);
        var expected = new List<float[]>();
        for (int i = 0; i < threads * rounds; i++)
        {
            var values = new float[length];
            sequential.FillUniform(values, 0f, 1f);
            expected.Add(values);
        }
        // Each fill is one contiguous segment of the stream, in some order.
        static string Key(float[] v) => string.Join(',', v.Take(4));
        Assert.Equal(expected.Select(Key).Order(), results.Select(Key).Order());
        Assert.Equal(sequential.NextUInt64(), shared.NextUInt64());
    }
}
