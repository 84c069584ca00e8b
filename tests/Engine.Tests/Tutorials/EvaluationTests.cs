using NNTools.Data;
using NNTools.NN;
using NNTools.Training;

namespace NNTools.Tests.Tutorials;

/// <summary>Evaluation.Run: loss weighted by batch size, accuracy and confusion counts, mode restored.</summary>
public class EvaluationTests
{
    [Fact]
    public void CountsConfusionByTrueRowAndPredictedColumn()
    {
        // Logits that always favour class 1.
        var model = new Linear(1, 2);
        using (NNTools.Autograd.GradMode.NoGrad())
        {
            model.Weight.Zero_();
            model.Bias!.Copy_(new Tensor(new[] { 0.0f, 1.0f }));
        }
        var data = new DataLoader(new TensorDataset(Tensor.Zeros(4, 1), new Tensor(new long[] { 0, 1, 1, 1 })), 3);
        var result = Evaluation.Run(model, new CrossEntropyLoss(), data);
        Assert.Equal(0.75, result.Accuracy);
        Assert.Equal(4, result.Count);
        Assert.Equal([0L, 1, 0, 3], result.Confusion!.ToInt64Array());
        Assert.Equal([2, 2], result.Confusion.Shape.ToArray());
    }

    [Fact]
    public void WeightsTheLossByBatchSizeAndLeavesRegressionWithoutAccuracy()
    {
        var model = new Identity();
        var x = new Tensor(new[] { 1.0f, 1.0f, 1.0f }).Unsqueeze(1);
        var data = new DataLoader(new TensorDataset(x, Tensor.Zeros(3, 1)), 2);
        var result = Evaluation.Run(model, new MSELoss(), data);
        Assert.Equal(1.0, result.Loss, 12);
        Assert.Null(result.Accuracy);
        Assert.Null(result.Confusion);
    }

    [Fact]
    public void RestoresTrainingMode()
    {
        var model = new Sequential(new Linear(2, 2), new Dropout(0.5));
        Evaluation.Run(model, new MSELoss(), new DataLoader(new TensorDataset(Tensor.Zeros(2, 2), Tensor.Zeros(2, 2)), 2));
        Assert.True(model.Training);
    }
}
