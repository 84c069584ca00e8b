using NNTools.Data;
using NNTools.NN;
using NNTools.Optim;
using NNTools.Training;

namespace NNTools.Tests.Tutorials;

/// <summary>The training loop's contract: records, validation, early stopping, checkpoints, cancellation and NaN stops.</summary>
[Collection(NNTools.Tests.Random.DefaultGeneratorCollection.Name)]
public class TrainerBehaviourTests
{
    private static (Sequential Model, DataLoader Loader) Regression(int seed)
    {
        Tensor.ManualSeed(seed);
        var x = Tensor.Randn(64, 3);
        var y = x.MatMul(new Tensor(new[] { 1.0f, -2.0f, 0.5f })).Unsqueeze(1);
        return (new Sequential(new Linear(3, 8), new Tanh(), new Linear(8, 1)), new DataLoader(new TensorDataset(x, y), 16, shuffle: true));
    }

    [Fact]
    public void WritesOneRecordPerEpochWithValidation()
    {
        var (model, loader) = Regression(1);
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 0.05));
        var seen = new List<EpochRecord>();
        int batches = 0;
        trainer.EpochCompleted += seen.Add;
        trainer.BatchCompleted += _ => batches++;
        var result = trainer.Fit(loader, new TrainingOptions { Epochs = 5, Validation = loader });
        Assert.Equal(5, result.History.Count);
        Assert.Equal(result.History, seen);
        Assert.Equal(20, batches);
        Assert.All(result.History, r => Assert.NotNull(r.ValidationLoss));
        Assert.All(result.History, r => Assert.Null(r.Accuracy));
        Assert.True(result.History[^1].Loss < result.History[0].Loss);
        Assert.Equal(0.05, result.History[0].LearningRate);
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestWeights()
    {
        var (model, loader) = Regression(2);
        // A learning rate this large makes the loss climb after the first epochs.
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 0.9, momentum: 0.9));
        var result = trainer.Fit(loader, new TrainingOptions { Epochs = 200, Patience = 3, Validation = loader });
        if (result.Reason == StopReason.NonFiniteLoss) return;
        Assert.Equal(StopReason.EarlyStopped, result.Reason);
        var best = result.History.First(r => r.Epoch == result.BestEpoch).ValidationLoss!.Value;
        var (now, _) = trainer.Evaluate(loader);
        // The loader reshuffles, so the batch means add up in another order: equal up to float32 rounding
        // (a few ulps of the loss, which may be in the thousands), not to a fixed number of decimals.
        Assert.Equal(best, now, 1e-6 * Math.Abs(best));
    }

    [Fact]
    public void CheckpointsAreCalledEveryNEpochs()
    {
        var (model, loader) = Regression(3);
        var epochs = new List<int>();
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 0.01));
        trainer.Fit(loader, new TrainingOptions { Epochs = 6, Checkpoint = (_, e) => epochs.Add(e), CheckpointEvery = 2 });
        Assert.Equal(new[] { 2, 4, 6 }, epochs);
    }

    [Fact]
    public void CancellationStopsAfterTheCurrentBatchAndKeepsAUsableModel()
    {
        var (model, loader) = Regression(4);
        using var cts = new CancellationTokenSource();
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 0.05));
        trainer.BatchCompleted += p => { if (p.Epoch == 2 && p.Batch == 2) cts.Cancel(); };
        var result = trainer.Fit(loader, new TrainingOptions { Epochs = 50 }, cts.Token);
        Assert.Equal(StopReason.Cancelled, result.Reason);
        Assert.Single(result.History);
        Assert.Contains("cancelled", result.Message);
        Assert.True(model.Parameters().All(p => p.AllFinite()));
        Assert.Equal(new[] { 2, 1 }, model.Forward(Tensor.Randn(2, 3)).Shape);
    }

    [Fact]
    public void NonFiniteLossStopsWithAReasonAndFiniteWeights()
    {
        var (model, loader) = Regression(5);
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 1e6));
        var result = trainer.Fit(loader, new TrainingOptions { Epochs = 50 });
        Assert.Equal(StopReason.NonFiniteLoss, result.Reason);
        Assert.Contains("learning rate", result.Message);
        Assert.True(model.Parameters().All(p => p.AllFinite()));
    }

    /// <summary>A wide layer summed per row, except that each batch's first row is replaced by zero: that row's gradient is zero.</summary>
    private sealed class FirstRowDropped : Module
    {
        public Linear Layer { get; } = new(128, 64, generator: new Generator(7));

        public override Tensor Forward(Tensor input) =>
            Tensor.Cat([Tensor.Zeros(1, 1), Layer.Forward(input).Sum(1, keepDim: true).Slice(0, 1, null)]);
    }

    [Fact]
    public void NonFiniteGradientUnderAFiniteLossStopsBeforeTheStep()
    {
        // The second batch's first row holds an infinity the loss never sees: its gradient is zero and
        // 0 x inf makes the weight's gradient NaN. The first step is clean, so by the second the check
        // relies on the weight-gradient GEMM reading its result back (see Tensor.AllFiniteOrKnown).
        Tensor.ManualSeed(8);
        var values = Tensor.Randn(64, 128).ToFloatArray();
        values[32 * 128 + 3] = float.PositiveInfinity;
        var x = new Tensor(values).Reshape(64, 128);
        var y = Tensor.Randn(64, 1);
        var model = new FirstRowDropped();
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 0.01));
        var seen = new List<Tensor>();
        trainer.BatchCompleted += _ => seen.Add(model.Layer.Weight.ContiguousCopy());
        var loader = new DataLoader(new TensorDataset(x, y), 32);
        var result = trainer.Fit(loader, new TrainingOptions { Epochs = 1 });
        Assert.Equal(StopReason.NonFiniteLoss, result.Reason);
        Assert.Single(seen);
        Assert.Equal(seen[0].ToFloatArray(), model.Layer.Weight.ToFloatArray());
    }

    [Fact]
    public void EmptyDataIsRefusedBeforeTheFirstEpoch()
    {
        var (model, loader) = Regression(9);
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 0.01));
        var empty = new DataLoader(new TensorDataset(Tensor.Zeros(0, 3), Tensor.Zeros(0, 1)), 16);
        var e = Assert.Throws<TensorArgumentException>(() => trainer.Fit(empty, new TrainingOptions { Epochs = 3 }));
        Assert.Equal("EmptyDataset", e.ErrorId);
        Assert.Contains("training data has no batches (0 items, batch size 16)", e.Message);
        // A loader whose only batch is partial and dropped is empty too; so is empty validation data.
        var dropped = new DataLoader(new TensorDataset(Tensor.Zeros(5, 3), Tensor.Zeros(5, 1)), 16, dropLast: true);
        Assert.Contains("the last partial batch dropped", Assert.Throws<TensorArgumentException>(() => trainer.Fit(dropped, new TrainingOptions())).Message);
        var v = Assert.Throws<TensorArgumentException>(() => trainer.Fit(loader, new TrainingOptions { Validation = empty }));
        Assert.Contains("validation data has no batches", v.Message);
    }

    [Fact]
    public void AStepThatOverflowsAWeightStopsAndPutsBackTheEpochsWeights()
    {
        // Targets in the hundreds give gradients in the hundreds: with lr 1e37 the first step takes
        // float32 weights past 3.4e38, although the loss and the gradients before it were finite.
        var (model, _) = Regression(10);
        var before = model.Parameters().Select(p => p.ToFloatArray()).ToList();
        var x = Tensor.Randn(64, 3);
        var scaled = new DataLoader(new TensorDataset(x, x.MatMul(new Tensor(new[] { 100.0f, -200.0f, 50.0f })).Unsqueeze(1)), 16);
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 1e37));
        int steps = 0;
        trainer.BatchCompleted += _ => steps++;
        var result = trainer.Fit(scaled, new TrainingOptions { Epochs = 5 });
        Assert.Equal(StopReason.NonFiniteWeights, result.Reason);
        Assert.Equal(0, steps);
        Assert.Contains("an optimizer step in epoch 1 made parameter", result.Message);
        Assert.Contains("learning rate", result.Message);
        Assert.Equal(before, model.Parameters().Select(p => p.ToFloatArray()).ToList());
    }

    [Fact]
    public void ANaNValidationLossStopsWithAReason()
    {
        // As Lightning's EarlyStopping(check_finite=True): not an early stop that looks like convergence.
        var (model, loader) = Regression(11);
        var bad = new DataLoader(new TensorDataset(Tensor.Full([8, 3], double.NaN), Tensor.Zeros(8, 1)), 4);
        var trainer = new Trainer(model, new MSELoss(), new SGD(model.Parameters(), lr: 0.01));
        var result = trainer.Fit(loader, new TrainingOptions { Epochs = 10, Patience = 2, Validation = bad });
        Assert.Equal(StopReason.NonFiniteValidationLoss, result.Reason);
        Assert.Single(result.History);
        Assert.Contains("the validation loss was NaN after epoch 1: the validation data contains NaN or infinite values", result.Message);
        Assert.True(model.Parameters().All(p => p.AllFinite()));
    }

    [Fact]
    public void ClassificationRecordsAccuracy()
    {
        Tensor.ManualSeed(6);
        var iris = Datasets.LoadIris();
        var model = Layers.Mlp([4, 16, 3]);
        var x = (iris.Data - iris.Data.Mean(0)) / iris.Data.Std(0);
        var loader = new DataLoader(new TensorDataset(x, iris.Target), 30, shuffle: true);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.05));
        var result = trainer.Fit(loader, new TrainingOptions { Epochs = 30 });
        Assert.True(result.History[^1].Accuracy > 0.9, $"accuracy {result.History[^1].Accuracy}");
    }
}
