using NNTools.Backends;
using NNTools.Tests.Differential;

namespace NNTools.Tests.Backends;

/// <summary>
/// The randomized PyTorch cases replayed with the kernels on <see cref="Backend.Reference"/>: scalar
/// loops that accumulate in float64, sharing no loop with the default backend. Held to the same
/// bounds as <see cref="DifferentialReplayTests"/>, so both backends must agree with PyTorch and the
/// tensor layer above the seam must not depend on which one runs.
/// </summary>
public class ReferenceBackendReplayTests
{
    [Theory]
    [MemberData(nameof(DifferentialReplayTests.Families), MemberType = typeof(DifferentialReplayTests))]
    public void FamilyMatchesPyTorchOnTheReferenceBackend(string family)
    {
        var failures = new List<string>();
        int count = 0;
        using (Backend.Use(Backend.Reference))
        {
            foreach (var c in DifferentialCase.All.Where(c => c.Family == family))
            {
                count++;
                string? why;
                try
                {
                    why = DifferentialReplayTests.Replay(c);
                }
                catch (Exception e)
                {
                    why = $"replay threw {e.GetType().Name}: {e.Message}";
                }
                if (why is not null) failures.Add($"{c}\n    {why}");
            }
        }
        Assert.True(count > 0, $"no cases of family {family}");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {count} {family} cases differ from PyTorch on the reference backend:\n" + string.Join("\n", failures.Take(25)));
    }

    [Fact]
    public void TheScopeSelectsTheBackendOnThisThreadAndRestoresIt()
    {
        Assert.Same(Backend.Managed, Backend.Current);
        using (Backend.Use(Backend.Reference))
        {
            Assert.Same(Backend.Reference, Backend.Current);
            IBackend? seen = null;
            var other = new Thread(() => seen = Backend.Current);
            other.Start();
            other.Join();
            Assert.Same(Backend.Managed, seen);
        }
        Assert.Same(Backend.Managed, Backend.Current);
    }

    [Fact]
    public void ReferenceSumsAccumulateInFloat64()
    {
        // 1 then 4096 terms of 2^-30: each is below half a float32 ulp of 1, so a float32 running sum
        // that starts from 1 drops them; the float64 sum is 1 + 2^-18, which float32 holds exactly.
        var values = new float[4097];
        values[0] = 1f;
        for (int i = 1; i < values.Length; i++) values[i] = MathF.Pow(2, -30);
        var x = Tensor.From(values);
        double reference;
        using (Backend.Use(Backend.Reference)) reference = x.Sum().ToDouble();
        Assert.Equal(1 + Math.Pow(2, -18), reference);
    }
}
