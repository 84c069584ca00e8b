using NNTools.NN;
using NNTools.Optim;
using NNTools.Tests.Support;

namespace NNTools.Tests.Reproducibility;

/// <summary>
/// Sigmoid + BCE trains through saturation as PyTorch does: on separable data the float32 sigmoid
/// outputs reach exactly 0 and 1 within a few dozen steps, where BCE's backward must stay finite
/// (PyTorch divides by max(p (1 - p), 1e-12)). Each seeded 300-step Adam run follows PyTorch's loss
/// curve (Fixtures/runs/bce_saturation_run.json), nothing copied from it but the seed.
/// </summary>
[Collection(NNTools.Tests.Random.DefaultGeneratorCollection.Name)]
public class BceSaturationRunTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SaturatingRunFollowsPyTorch(int seed)
    {
        using var doc = FixtureTensor.Load("runs", "bce_saturation_run.json");
        var run = doc.RootElement.GetProperty("runs")[seed];
        var losses = run.GetProperty("losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var saturated = run.GetProperty("saturated").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        Tensor.ManualSeed(seed);
        var x = Tensor.Randn(64, 2) * 3;
        var y = (x.Select(1, 0) + x.Select(1, 1)).Gt(0).Float().Unsqueeze(1);
        var model = new Sequential(new Linear(2, 64), new ReLU(), new Linear(64, 64), new ReLU(), new Linear(64, 1), new Sigmoid());
        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        int saturatedSteps = 0;
        for (int step = 0; step < losses.Length; step++)
        {
            optimizer.ZeroGrad();
            var p = model.Forward(x);
            long exact = p.Eq(0).LogicalOr(p.Eq(1)).Sum().ToInt64();
            if (exact > 0) saturatedSteps++;
            var loss = Functional.BinaryCrossEntropy(p, y);
            double expected = losses[step];
            Assert.True(Math.Abs(expected - loss.ToDouble()) <= 1e-5 + 1e-3 * expected,
                $"seed {seed} step {step}: PyTorch {expected}, NNTools {loss.ToDouble()} ({exact} outputs saturated, PyTorch {saturated[step]})");
            loss.Backward();
            Assert.All(model.Parameters(), w => Assert.True(w.Grad!.AllFinite(), $"seed {seed} step {step}: a non-finite gradient"));
            optimizer.Step();
        }
        // The run really went through saturation, as PyTorch's did.
        Assert.True(saturatedSteps > losses.Length / 2, $"only {saturatedSteps} steps had saturated outputs");
    }
}
