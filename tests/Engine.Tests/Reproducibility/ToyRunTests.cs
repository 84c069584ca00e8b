using NNTools.NN;
using NNTools.Optim;
using NNTools.Tests.Support;

namespace NNTools.Tests.Reproducibility;

/// <summary>
/// The assignment's notebook, seeded as it is seeded, reproduces PyTorch's numbers: data, the
/// hand-made parameters, both ToyModels' initial weights, and a 1,000-step Adam run to within
/// 1e-5 of PyTorch's loss and weights, with nothing copied from PyTorch (Fixtures/runs).
/// </summary>
[Collection(NNTools.Tests.Random.DefaultGeneratorCollection.Name)]
public class ToyRunTests
{
    private sealed class ToyModel : Module
    {
        public Sequential net { get; } = new(new Linear(3, 4), new ReLU(), new Linear(4, 2), new Sigmoid());

        public override Tensor Forward(Tensor input) => net.Forward(input);
    }

    [Fact]
    public void SeededNotebookRunMatchesPyTorch()
    {
        using var doc = FixtureTensor.Load("runs", "toy_run.json");
        var root = doc.RootElement;

        Tensor.ManualSeed(0);
        var (x, y) = Tutorials.ToyData.Generate(20);
        var w1 = Tensor.Randn(3, 4) * 0.2;
        Tensor.Randn(1, 4);
        Tensor.Randn(4, 2);
        var b2 = Tensor.Randn(1, 2) * 0.2;
        FixtureTensor.AssertClose(FixtureTensor.Read(root.GetProperty("X")), x, 0, 0, "X");
        FixtureTensor.AssertClose(FixtureTensor.Read(root.GetProperty("Y")), y, 0, 0, "Y");
        FixtureTensor.AssertClose(FixtureTensor.Read(root.GetProperty("W1")), w1, 0, 0, "W1");
        FixtureTensor.AssertClose(FixtureTensor.Read(root.GetProperty("B2")), b2, 0, 0, "B2");

        var first = new ToyModel();
        Assert.Equal(root.GetProperty("first_model_loss").GetDouble(), Functional.MseLoss(first.Forward(x), y).ToDouble(), 6);
        var model = new ToyModel();
        foreach (var kv in root.GetProperty("initial").EnumerateObject())
        {
            FixtureTensor.AssertClose(FixtureTensor.Read(kv.Value), model.StateDict()[kv.Name], 0, 0, "initial " + kv.Name);
        }

        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        var losses = root.GetProperty("losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int step = 0; step < 1000; step++)
        {
            optimizer.ZeroGrad();
            var loss = Functional.MseLoss(model.Forward(x), y);
            Assert.True(Math.Abs(losses[step] - loss.ToDouble()) <= 1e-5, $"step {step}: PyTorch {losses[step]}, NNTools {loss.ToDouble()}");
            loss.Backward();
            optimizer.Step();
        }
        Assert.Equal(root.GetProperty("final_loss").GetDouble(), Functional.MseLoss(model.Forward(x), y).ToDouble(), 5);
        foreach (var kv in root.GetProperty("final").EnumerateObject())
        {
            FixtureTensor.AssertClose(FixtureTensor.Read(kv.Value), model.StateDict()[kv.Name], 0, 1e-5, "final " + kv.Name);
        }
    }
}
