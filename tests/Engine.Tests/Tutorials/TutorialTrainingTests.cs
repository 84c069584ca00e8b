using NNTools.Data;
using NNTools.NN;
using NNTools.Optim;
using NNTools.Training;

namespace NNTools.Tests.Tutorials;

/// <summary>The tutorials' trainings reach the results the tutorials state.</summary>
[Collection(NNTools.Tests.Random.DefaultGeneratorCollection.Name)]
public class TutorialTrainingTests
{
    private sealed class ToyModel : Module
    {
        public Sequential net { get; } = new(new Linear(3, 4), new ReLU(), new Linear(4, 2), new Sigmoid());

        public override Tensor Forward(Tensor input) => net.Forward(input);
    }

    [Fact]
    public void AssignmentToyModelReachesMseBelowOneHundredth()
    {
        Tensor.ManualSeed(0);
        var (x, y) = ToyData.Generate(20);
        var model = new ToyModel();
        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        double loss = double.NaN;
        for (int step = 0; step < 10_000 && !(loss < 0.01); step++)
        {
            optimizer.ZeroGrad();
            var l = Functional.MseLoss(model.Forward(x), y);
            loss = l.ToDouble();
            l.Backward();
            optimizer.Step();
        }
        Assert.True(loss < 0.01, $"final MSE {loss}");
    }

    [Fact]
    public void MoonsMlpReaches97PercentAccuracy()
    {
        Tensor.ManualSeed(0);
        var moons = Datasets.MakeMoons(200, noise: 0.1, randomState: 0);
        var loader = new DataLoader(new TensorDataset(moons.X, moons.Y.Float().Unsqueeze(1)), batchSize: 50, shuffle: true);
        var model = Layers.Mlp([2, 500, 500, 1], "ReLU", "Sigmoid");
        var trainer = new Trainer(model, new BCELoss(), new SGD(model.Parameters(), lr: 0.5, weightDecay: 0.01));
        var result = trainer.Fit(loader, new TrainingOptions { Epochs = 60 });
        Assert.Equal(StopReason.Completed, result.Reason);
        var accuracy = result.History[^1].Accuracy;
        Assert.True(accuracy >= 0.97, $"accuracy {accuracy}");
        var (_, evalAccuracy) = trainer.Evaluate(new DataLoader(new TensorDataset(moons.X, moons.Y.Float().Unsqueeze(1)), 200));
        Assert.True(evalAccuracy >= 0.97, $"evaluation accuracy {evalAccuracy}");
    }

    [Fact]
    public void ExponentialRegressionReachesMseBelowTwoHundredths()
    {
        Tensor.ManualSeed(0);
        var data = Datasets.MakeNoisyRegression(100, noise: 0.1);
        var model = new Sequential(new Linear(1, 4), new ReLU(), new Linear(4, 1));
        var loader = new DataLoader(new TensorDataset(data.X, data.Y), batchSize: 10, shuffle: true);
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 0.05));
        var result = trainer.Fit(loader, new TrainingOptions { Epochs = 200 });
        var (mse, _) = trainer.Evaluate(new DataLoader(new TensorDataset(data.X, data.Y), 100));
        Assert.True(mse < 0.02, $"final MSE {mse} after {result.History.Count} epochs");
    }

    [Fact]
    public void TanhNetworkLossFallsTenfold()
    {
        Tensor.ManualSeed(0);
        var x = Tensor.Randn(100, 50);
        var y = Tensor.Randint(0, 2, [100]).Float() * 2.0 - 1.0;
        var w = Tensor.Randn(50, 11).RequiresGrad_();
        var v = Tensor.Randn(11).RequiresGrad_();
        double first = double.NaN, last = double.NaN;
        for (int step = 0; step < 5000; step++)
        {
            var delta = x.MatMul(w).Tanh().MatMul(v) - y;
            var loss = 0.5 * delta.Pow(2).Mean();
            last = loss.ToDouble();
            if (step == 0) first = last;
            w.ZeroGrad();
            v.ZeroGrad();
            loss.Backward();
            using (NNTools.Autograd.GradMode.NoGrad())
            {
                w.Sub_(w.Grad! * 0.1);
                v.Sub_(v.Grad! * 0.1);
            }
        }
        Assert.True(last * 10 < first, $"loss went from {first} to {last}");
    }
}
