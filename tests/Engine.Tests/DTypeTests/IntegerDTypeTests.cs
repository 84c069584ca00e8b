using NNTools.IO;

namespace NNTools.Tests.DTypeTests;

/// <summary>int32 and uint8 through printing, files, reductions, indexing and the errors torch raises.</summary>
public class IntegerDTypeTests
{
    private static Tensor I32(params int[] v) => new(v);

    private static Tensor U8(params byte[] v) => new(v);

    [Fact]
    public void PrintsAsPyTorchWithTheDTypeSuffix()
    {
        Assert.Equal("tensor([1, 2], dtype=torch.int32)", I32(1, 2).ToString());
        Assert.Equal("tensor([250,   3], dtype=torch.uint8)", U8(250, 3).ToString());
        Assert.Equal("tensor([[1, 2]], dtype=torch.int32)", I32(1, 2).Reshape(1, 2).ToString());
        Assert.Equal("tensor([], dtype=torch.uint8)", Tensor.Zeros([0], DType.UInt8).ToString());
    }

    [Fact]
    public void ArithmeticWrapsAsTorch()
    {
        Assert.Equal(new byte[] { 4, 13 }, (U8(250, 3) + 10L).ToByteArray());
        Assert.Equal(new byte[] { 206, 215 }, (U8(250, 3) - 300L).ToByteArray());
        Assert.Equal(new byte[] { 6, 253 }, (-U8(250, 3)).ToByteArray());
        Assert.Equal(new[] { int.MinValue }, (I32(int.MaxValue) + 1L).ToInt32Array());
        Assert.Equal(new[] { int.MinValue }, I32(int.MinValue).Abs().ToInt32Array());
        Assert.Equal(DType.Float32, (U8(250, 3) * 2.5).DType);
        Assert.Equal(DType.Int32, (U8(1) + I32(1)).DType);
        Assert.Equal(DType.Int64, (I32(1) + new Tensor(new long[] { 1 })).DType);
        Assert.Equal(new[] { false, true }, U8(250, 3).Lt(300L).ToBooleanArray());
    }

    [Fact]
    public void IntegerRemainderByZeroRaises()
    {
        var e = Assert.Throws<NumericalException>(() => I32(1, 2).Remainder(0L));
        Assert.Equal("IntegerDivisionByZero", e.ErrorId);
        Assert.Throws<NumericalException>(() => U8(1).Remainder(U8(0)));
        Assert.Equal(new[] { 0 }, I32(int.MinValue).Remainder(-1L).ToInt32Array());
        Assert.Equal(float.PositiveInfinity, U8(1).Div(0L).ToSingle());
    }

    [Fact]
    public void ReductionsFollowTorch()
    {
        var u = U8(250, 3, 255);
        Assert.Equal(DType.Int64, u.Sum().DType);
        Assert.Equal(508L, u.Sum().Item());
        Assert.Equal(DType.Int64, I32(2, 3).Prod().DType);
        Assert.Equal(DType.Int64, u.CumSum(0).DType);
        Assert.Equal((byte)255, u.Max().Item());
        Assert.Equal(DType.UInt8, u.Max().DType);
        Assert.Equal(2L, u.ArgMax().Item());
        var e = Assert.Throws<DTypeMismatchException>(() => u.Mean());
        Assert.Equal("MeanDType", e.ErrorId);
        Assert.EndsWith("Got: Byte", e.Message);
        Assert.EndsWith("Got: Int", Assert.Throws<DTypeMismatchException>(() => I32(1).Mean()).Message);
    }

    [Fact]
    public void IndexingAcceptsWhatTorchAccepts()
    {
        var x = Tensor.Arange(6.0).Reshape(2, 3);
        Assert.Equal(new[] { 2.0, 0.0, 5.0, 3.0 }, x.IndexSelect(1, I32(2, 0)).ToDoubleArray());
        // uint8 indices are masks in torch 1.13; int32 ones are refused by advanced indexing and gather.
        Assert.Equal(new[] { 3.0, 4.0, 5.0 }, x.Index(U8(0, 7)).ToDoubleArray());
        var e = Assert.Throws<TensorIndexException>(() => x.Index(I32(1)));
        Assert.Equal("IndexDType", e.ErrorId);
        Assert.Contains("torch.int32", e.Message);
        Assert.Equal(new[] { 3.0, 4.0, 5.0 }, x.Index(new Tensor(1, DType.Int32)).ToDoubleArray());
        Assert.Equal("IndexDType", Assert.Throws<TensorIndexException>(() => x.Gather(1, I32(0, 1).Reshape(1, 2))).ErrorId);
        Assert.Equal("IndexDType", Assert.Throws<TensorIndexException>(() => x.IndexSelect(1, U8(1))).ErrorId);
    }

    [Fact]
    public void SortUniqueAndCumProdKeepTheNarrowDTypes()
    {
        var u = U8(250, 3, 7, 3);
        var sorted = u.Sort();
        Assert.Equal(new byte[] { 3, 3, 7, 250 }, sorted.Values.ToByteArray());
        Assert.Equal(new long[] { 1, 3, 2, 0 }, sorted.Indices.ToInt64Array());
        Assert.Equal(new[] { 5, 5, -2 }, I32(5, -2, 5).Sort(descending: true).Values.ToInt32Array());
        Assert.Equal(new[] { -2, 5 }, I32(5, -2, 5).Unique().Values.ToInt32Array());
        Assert.Equal(new byte[] { 250, 238, 130, 134 }, u.CumProd(0, DType.UInt8).ToByteArray());
    }

    [Fact]
    public void SafeTensorsRoundTripsI32AndU8()
    {
        var tensors = new Dictionary<string, Tensor> { ["i"] = I32(-5, int.MaxValue), ["u"] = U8(0, 255, 7) };
        var back = SafeTensors.Deserialize(SafeTensors.Serialize(tensors)).Tensors;
        Assert.Equal(DType.Int32, back["i"].DType);
        Assert.Equal(new[] { -5, int.MaxValue }, back["i"].ToInt32Array());
        Assert.Equal(DType.UInt8, back["u"].DType);
        Assert.Equal(new byte[] { 0, 255, 7 }, back["u"].ToByteArray());
    }

    [Fact]
    public void FactoriesTakeTheNarrowDTypes()
    {
        Assert.Equal(new byte[] { 1, 1 }, Tensor.Ones([2], DType.UInt8).ToByteArray());
        Assert.Equal(new[] { 0, 1, 2 }, Tensor.Arange(0, 3, 1, DType.Int32).ToInt32Array());
        Assert.Equal(DType.Int32, Tensor.Randint(0, 5, [3], DType.Int32).DType);
        Assert.Equal(new[] { 7, 7 }, Tensor.Full([2], 7, DType.Int32).ToInt32Array());
        Assert.Equal(new[] { 19, 22, 43, 50 }, I32(1, 2, 3, 4).Reshape(2, 2).MatMul(I32(5, 6, 7, 8).Reshape(2, 2)).ToInt32Array());
        Assert.Equal(7, new Tensor(new[] { 7 }).Item());
        Assert.Equal(7L, new Tensor(new[] { 7 }).ToInt64());
    }
}
