using System.Text.Json;
using NNTools.Data;
using NNTools.Tests.Support;

namespace NNTools.Tests.DataLoading;

/// <summary>Batch orders and splits equal PyTorch's under the same seed (Fixtures/loader), and loader semantics.</summary>
[Collection(NNTools.Tests.Random.DefaultGeneratorCollection.Name)]
public class DataLoaderTests
{
    public static TheoryData<int> Cases() => FixtureTensor.CaseIndices("loader", "loader.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void OrdersMatchPyTorch(int index)
    {
        using var doc = FixtureTensor.Load("loader", "loader.json");
        var c = doc.RootElement[index];
        var kind = c.GetProperty("kind").GetString();
        long seed = c.GetProperty("seed").GetInt64();
        if (kind is "split" or "split_explicit")
        {
            var lengths = c.GetProperty("lengths").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var ds = new TensorDataset(Tensor.Arange(20));
            Generator.Default.ManualSeed(seed);
            var parts = kind == "split" ? DataSplit.RandomSplit(ds, lengths) : DataSplit.RandomSplit(ds, lengths, new Generator(seed));
            var expected = c.GetProperty("indices").EnumerateArray().Select(p => p.EnumerateArray().Select(e => e.GetInt64()).ToArray()).ToArray();
            Assert.Equal(expected, parts.Select(p => p.Indices.ToArray()).ToArray());
            return;
        }
        int n = c.GetProperty("n").GetInt32();
        var dataset = new TensorDataset(Tensor.Arange(n), Tensor.Arange(n) * 10L);
        Generator.Default.ManualSeed(seed);
        var loader = new DataLoader(dataset, c.GetProperty("batch").GetInt32(), shuffle: true,
            dropLast: c.GetProperty("drop_last").GetBoolean(), generator: kind == "explicit" ? new Generator(seed) : null);
        foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
        {
            var expected = epoch.EnumerateArray().Select(b => b.EnumerateArray().Select(e => e.GetInt64()).ToArray()).ToArray();
            var batches = loader.ToList();
            Assert.Equal(expected, batches.Select(b => b.Input.ToInt64Array()).ToArray());
            Assert.All(batches, b => Assert.Equal(b.Input.ToInt64Array().Select(v => v * 10), b.Target!.ToInt64Array()));
        }
        if (c.TryGetProperty("rand_after", out var after))
        {
            Assert.Equal(after.EnumerateArray().Select(e => (float)e.GetDouble()), Tensor.Rand(2).ToFloatArray());
        }
    }

    [Fact]
    public void SequentialLoaderKeepsOrderAndCountsBatches()
    {
        var loader = new DataLoader(new TensorDataset(Tensor.Arange(10).View(5, 2), Tensor.Arange(5)), batchSize: 2);
        Assert.Equal(3, loader.Count);
        var batches = loader.ToList();
        Assert.Equal(new[] { 2, 2 }, batches[0].Input.Shape);
        Assert.Equal(new long[] { 4 }, batches[2].Target!.ToInt64Array());
        Assert.Equal(2, new DataLoader(new TensorDataset(Tensor.Arange(5)), 2, dropLast: true).Count);
    }

    [Fact]
    public void InvalidArgumentsAreRefused()
    {
        var e = Assert.Throws<TensorArgumentException>(() => new DataLoader(new TensorDataset(Tensor.Arange(3)), 0));
        Assert.Equal("InvalidBatchSize", e.ErrorId);
        var s = Assert.Throws<ShapeMismatchException>(() => new TensorDataset(Tensor.Arange(3), Tensor.Arange(4)));
        Assert.Contains("[3]", s.Message);
        Assert.Contains("[4]", s.Message);
        Assert.Throws<TensorArgumentException>(() => DataSplit.RandomSplit(new TensorDataset(Tensor.Arange(5)), [2, 2]));
        Assert.Throws<TensorIndexException>(() => new TensorDataset(Tensor.Arange(3)).GetItem(3));
    }

    /// <summary>A data set written as a subclass, as the tutorial's MoonsDataset: batches are stacked items.</summary>
    private sealed class Squares : Dataset
    {
        public override int GetLength() => 6;

        public override Tensor[] GetItem(int index) => [Tensor.Full([2], index), Tensor.Scalar(index * index)];
    }

    [Fact]
    public void CustomDatasetsCollateByStacking()
    {
        var batches = new DataLoader(new Squares(), 4).ToList();
        Assert.Equal(new[] { 4, 2 }, batches[0].Input.Shape);
        Assert.Equal(new[] { 0f, 1f, 4f, 9f }, batches[0].Target!.ToFloatArray());
        Assert.Equal(2, batches[1].Size);
        var split = DataSplit.RandomSplit(new Squares(), [0.5, 0.5], new Generator(0));
        Assert.Equal(3, split[0].GetLength());
    }
}
