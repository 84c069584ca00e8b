namespace NNTools.Tests.Tensors;

/// <summary>Creation from nested .NET data with PyTorch's dtype inference, factories, conversions and ragged-input errors.</summary>
[Collection(NNTools.Tests.Random.DefaultGeneratorCollection.Name)]
public class CreationTests
{
    [Fact]
    public void InfersDTypeFromNestedDataAsPyTorch()
    {
        var ints = new Tensor(new object[] { new object[] { 1, 2, 3 }, new object[] { 4, 5, 6 } });
        Assert.Equal(DType.Int64, ints.DType);
        Assert.Equal(new[] { 2, 3 }, ints.Shape);
        var floats = new Tensor(new object[] { new object[] { 0.11111111, 1 }, new object[] { 2, 3 } });
        Assert.Equal(DType.Float32, floats.DType);
        Assert.Equal(DType.Bool, new Tensor(new object[] { true, false }).DType);
        Assert.Equal(DType.Int64, new Tensor(new object[] { true, 1 }).DType);
        Assert.Equal(DType.Float64, new Tensor(new object[] { 1, 2 }, DType.Float64).DType);
        Assert.Equal(0, new Tensor(3.5).Ndim);
    }

    [Fact]
    public void TypedAndMultidimensionalArraysKeepTheirElementType()
    {
        var m = new Tensor(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(DType.Float64, m.DType);
        Assert.Equal(new[] { 2, 2 }, m.Shape);
        Assert.Equal(DType.Float32, new Tensor(new float[] { 1, 2 }).DType);
        // As torch.tensor of a NumPy int32 or uint8 array; a long[] (or a list of ints) is int64.
        Assert.Equal(DType.Int32, new Tensor(new[] { 1, 0, 5 }).DType);
        Assert.Equal(DType.UInt8, new Tensor(new byte[] { 1, 0, 255 }).DType);
        Assert.Equal(DType.Int64, new Tensor(new long[] { 1, 0, 5 }).DType);
        Assert.Equal(DType.Int64, new Tensor(new object[] { 1, 0, 5 }).DType);
        var back = (float[,])new Tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }).ToArray();
        Assert.Equal(6f, back[1, 2]);
    }

    [Fact]
    public void RaggedInputNamesDimensionAndLengths()
    {
        var e = Assert.Throws<RaggedInputException>(() => new Tensor(new object[] { new object[] { 0, 1 }, new object[] { 2, 3, 4 } }));
        Assert.Equal("RaggedInput", e.ErrorId);
        Assert.Equal("expected sequence of length 2 at dim 1 (got 3)", e.Message);
        var e2 = Assert.Throws<RaggedInputException>(() => new Tensor(new object[] { new object[] { 0, 1 }, 5 }));
        Assert.Contains("at dim 1", e2.Message);
    }

    [Fact]
    public void NonNumericElementsAreRejected()
    {
        var e = Assert.Throws<TensorArgumentException>(() => new Tensor(new object[] { 1, "abc" }));
        Assert.Equal("InvalidElement", e.ErrorId);
        Assert.Contains("'abc'", e.Message);
    }

    [Fact]
    public void FactoriesHaveTorchShapesAndValues()
    {
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Tensor.Arange(1, 10).ToInt64Array());
        Assert.Equal(DType.Float32, Tensor.Arange(0, 1, 0.25).DType);
        Assert.Equal(new[] { -1f, -0.5f, 0f, 0.5f, 1f }, Tensor.Linspace(-1, 1, 5).ToFloatArray());
        Assert.Equal(new[] { 1f, 0f, 0f, 0f, 1f, 0f }, Tensor.Eye(2, 3).ToFloatArray());
        Assert.Equal(new[] { 7.0, 7.0 }, Tensor.Full([2], 7, DType.Float64).ToDoubleArray());
        Assert.Equal(new[] { 2, 5 }, Tensor.Zeros(2, 5).Shape);
        Assert.Equal(DType.Int64, Tensor.ZerosLike(Tensor.Arange(3)).DType);
        var r = Tensor.Rand(100);
        Assert.All(r.ToFloatArray(), v => Assert.InRange(v, 0f, 1f));
        var ri = Tensor.Randint(0, 3, [50]);
        Assert.All(ri.ToInt64Array(), v => Assert.InRange(v, 0L, 2L));
        Assert.Throws<DTypeMismatchException>(() => Tensor.Rand([2], DType.Int64));
    }

    [Fact]
    public void OneSeedRepeatsARun()
    {
        Generator.Default.ManualSeed(3);
        var a = Tensor.Randn(5, 5).ToFloatArray();
        Generator.Default.ManualSeed(3);
        Assert.Equal(a, Tensor.Randn(5, 5).ToFloatArray());
        var g = new Generator(3);
        Assert.Equal(a, Tensor.Randn([5, 5], DType.Float32, g).ToFloatArray());
    }

    [Fact]
    public void ConversionsFollowPyTorch()
    {
        var x = new Tensor(new[] { -1.7, 0.0, 2.9 });
        Assert.Equal(new long[] { -1, 0, 2 }, x.Long().ToInt64Array());
        Assert.Equal(new[] { true, false, true }, x.Bool().ToBooleanArray());
        Assert.Equal(DType.Float32, x.Float().DType);
        Assert.Equal(2.9, x.Select(0, 2).ToDouble());
        Assert.Throws<TensorArgumentException>(() => x.Item());
    }

    [Fact]
    public void AbsurdSizesAreRefusedBeforeAllocating()
    {
        var e = Assert.Throws<TensorLimitException>(() => Tensor.Zeros(100000, 100000, 100000));
        Assert.Equal("TooManyElements", e.ErrorId);
        Assert.Throws<TensorArgumentException>(() => Tensor.Zeros(2, -1));
    }

    [Theory]
    [InlineData(0, double.NaN, 1, "InvalidRange", "unsupported range: 0 -> NaN")]
    [InlineData(0, double.PositiveInfinity, 1, "InvalidRange", "unsupported range: 0 -> Infinity")]
    [InlineData(double.NegativeInfinity, 0, 1, "InvalidRange", "unsupported range: -Infinity -> 0")]
    [InlineData(0, 5, double.NaN, "InvalidStep", "step must be nonzero, got NaN")]
    [InlineData(0, 5, 0, "InvalidStep", "step must be nonzero, got 0")]
    public void ArangeRefusesRangesWithoutAnEnd(double start, double end, double step, string id, string message)
    {
        var e = Assert.Throws<TensorArgumentException>(() => Tensor.Arange(start, end, step));
        Assert.Equal(id, e.ErrorId);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void BroadcastErrorsNameBothShapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Tensor.Ones(2, 3) + Tensor.Ones(4));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Fact]
    public void ViewsShareStorageAndWritesShowThrough()
    {
        var x = Tensor.Zeros(2, 3);
        var row = x.Select(0, 1);
        row.Fill_(5);
        Assert.Equal(new[] { 0f, 0f, 0f, 5f, 5f, 5f }, x.ToFloatArray());
        var bad = Assert.Throws<ShapeMismatchException>(() => x.T.View(6));
        Assert.Equal("ViewNotPossible", bad.ErrorId);
        Assert.Equal(new[] { 0f, 5f, 0f, 5f, 0f, 5f }, x.T.Reshape(6).ToFloatArray());
    }

    [Fact]
    public void SubtractingBoolsIsRejectedAsPyTorchDoes()
    {
        var e = Assert.Throws<DTypeMismatchException>(() => new Tensor(new[] { true }) - new Tensor(new[] { false }));
        Assert.Equal("BoolSubtraction", e.ErrorId);
    }
}
