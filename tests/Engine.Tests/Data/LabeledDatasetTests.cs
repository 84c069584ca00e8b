using NNTools.Data;

namespace NNTools.Tests.Data;

/// <summary>LabeledDataset: rows with text or numeric labels, class numbering, batches.</summary>
public class LabeledDatasetTests
{
    private static readonly double[][] Rows = [[5.1, 1.4], [7.0, 4.7], [6.3, 6.0], [4.9, 1.4]];

    [Fact]
    public void NumbersTextLabelsInSortedOrder()
    {
        var ds = LabeledDataset.FromRows(Rows, ["setosa", "versicolor", "virginica", "setosa"], featureNames: ["sl", "pl"]);
        Assert.Equal(["setosa", "versicolor", "virginica"], ds.Classes);
        Assert.Equal([0L, 1, 2, 0], ds.Y.ToInt64Array());
        Assert.Equal([4, 2], ds.X.Shape.ToArray());
        Assert.Equal(DType.Float32, ds.X.DType);
        Assert.Equal(["virginica", "setosa"], ds.ClassNames(new Tensor(new long[] { 2, 0 })));
    }

    [Fact]
    public void SortsNumericClassNamesByValue()
    {
        var ds = LabeledDataset.FromRows(Rows, ["10", "2", "10", "1"]);
        Assert.Equal(["1", "2", "10"], ds.Classes);
        Assert.Equal([2L, 1, 2, 0], ds.Y.ToInt64Array());
    }

    [Fact]
    public void NumbersByGivenClassesAndRefusesOthers()
    {
        var ds = LabeledDataset.FromRows(Rows[..1], ["b"], classes: ["a", "b"]);
        Assert.Equal([1L], ds.Y.ToInt64Array());
        var e = Assert.Throws<TensorArgumentException>(() => LabeledDataset.FromRows(Rows[..1], ["c"], classes: ["a", "b"]));
        Assert.Equal("UnknownClass", e.ErrorId);
        Assert.Contains("'c'", e.Message);
    }

    [Fact]
    public void KeepsNumericLabelsAsAFloatColumn()
    {
        var ds = LabeledDataset.FromRows(Rows, [1.5, 2, 3, 4]);
        Assert.Equal([4, 1], ds.Y.Shape.ToArray());
        Assert.Equal(DType.Float32, ds.Y.DType);
        Assert.Empty(ds.Classes);
    }

    [Fact]
    public void RefusesRaggedRowsAndMismatchedCounts()
    {
        Assert.Equal("RaggedInput", Assert.Throws<RaggedInputException>(() => LabeledDataset.FromRows([[1.0], [1.0, 2.0]], ["a", "b"])).ErrorId);
        Assert.Equal("SizeMismatchBetweenTensors", Assert.Throws<ShapeMismatchException>(() => LabeledDataset.FromRows(Rows, ["a"])).ErrorId);
    }

    [Fact]
    public void BatchesFeaturesWithLabels()
    {
        var ds = LabeledDataset.FromSampleSet(Datasets.LoadIris().ToSampleSet());
        var batch = new DataLoader(ds, 10).First();
        Assert.Equal([10, 4], batch.Input.Shape.ToArray());
        Assert.Equal([10], batch.Target!.Shape.ToArray());
        Assert.Equal(3, ds.Classes.Count);
    }
}
