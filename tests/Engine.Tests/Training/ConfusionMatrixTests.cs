using System.Text.Json;
using NNTools.Tests.Support;
using NNTools.Data;
using NNTools.NN;
using NNTools.Training;

namespace NNTools.Tests.Training;

/// <summary>ConfusionMatrix against scikit-learn's confusion_matrix and precision_recall_fscore_support (Fixtures/tabular).</summary>
public class ConfusionMatrixTests
{
    private static readonly JsonElement Fixture = FixtureTensor.Load("tabular", "tabular.json").RootElement;

    private static double[] Doubles(string name) => [.. Fixture.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];

    [Fact]
    public void PerClassMetricsMatchScikitLearnIncludingAClassNeverPredicted()
    {
        long[] counts = [.. Fixture.GetProperty("confusion").EnumerateArray().Select(e => e.GetInt64())];
        var m = new ConfusionMatrix(["a", "b", "c", "d"], counts);
        var precision = Doubles("precision");
        var recall = Doubles("recall");
        var f1 = Doubles("f1");
        var support = Doubles("support");
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(precision[k], m.PerClass[k].Precision, 1e-12);
            Assert.Equal(recall[k], m.PerClass[k].Recall, 1e-12);
            Assert.Equal(f1[k], m.PerClass[k].F1, 1e-12);
            Assert.Equal((long)support[k], m.PerClass[k].Support);
        }
        Assert.Equal(0, m.PerClass[3].Precision);
        Assert.Equal(60, m.Total);
    }

    [Fact]
    public void EvaluationNamesTheClassesOfTheDataSet()
    {
        var x = Tensor.From(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 0 } }).To(DType.Float32);
        var data = new LabeledDataset(x, Tensor.From(new long[] { 0, 1, 1 }), ["cat", "dog"]);
        // A fixed model: the output is the input, so rows predict classes 0, 1, 0.
        var result = Evaluation.Run(new Identity(), new CrossEntropyLoss(), new DataLoader(data, 2));
        var m = result.ConfusionMatrix!;
        Assert.Equal(["cat", "dog"], m.Classes);
        Assert.Equal([1L, 0, 1, 1], m.ToTensor().ToInt64Array());
        Assert.Equal(0.5, m.PerClass[0].Precision);
        Assert.Contains("actual \\ predicted  cat  dog", m.ToString());
    }
}
