using NNTools.Tests.Support;

namespace NNTools.Tests.DTypeTests;

/// <summary>
/// Conversions between every pair of dtypes against Fixtures/dtypes/casts.json (make_dtypes.py):
/// integers wrap to narrower types, floats truncate toward zero, uint8 of a negative float is the
/// low byte of its int64 (-1.5 is 255). Floats past a type's range saturate instead of taking x86's
/// undefined answer (docs/FIDELITY.md), so the fixture's values stay within int64's range.
/// </summary>
public class CastTests
{
    public static TheoryData<int> Cases => FixtureTensor.CaseIndices("dtypes", "casts.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToMatchesPyTorch(int index)
    {
        using var doc = FixtureTensor.Load("dtypes", "casts.json");
        var c = doc.RootElement[index];
        var input = FixtureTensor.Read(c.GetProperty("input"));
        var dtype = DTypes.Parse(c.GetProperty("dtype").GetString()!);
        var expected = FixtureTensor.Read(c.GetProperty("out"));
        if (input.IsFloatingPoint() && dtype == DType.Int32)
        {
            // Beyond int32's range torch gives INT32_MIN (x86's answer); the engine saturates.
            var x = input.ToDoubleArray();
            var e = expected.ToInt32Array();
            for (int i = 0; i < x.Length; i++) if (x[i] >= 2147483648.0 || x[i] < -2147483648.0) e[i] = int.CreateSaturating(x[i]);
            expected = Tensor.FromBuffer(e, expected.Shape);
        }
        FixtureTensor.AssertClose(expected, input.To(dtype), 0, 0, $"{input.DType} -> {dtype}");
    }

    [Fact]
    public void NamedConversionsWrapAsTorch()
    {
        Assert.Equal(new byte[] { 255, 44, 212, 0 }, new Tensor(new[] { -1.5, 300.7, -300.2, 0.2 }).Byte().ToByteArray());
        Assert.Equal(new[] { -2147483643, -3 }, new Tensor(new[] { 2147483653L, -1099511627779L }).Int().ToInt32Array());
        Assert.Equal(DType.Int32, new Tensor(new[] { 1.9 }).Int().DType);
        // Saturation where C++ leaves the answer undefined (docs/FIDELITY.md).
        Assert.Equal(new[] { 0, int.MaxValue, int.MinValue }, new Tensor(new[] { double.NaN, 1e10, double.NegativeInfinity }).Int().ToInt32Array());
        Assert.Equal(new byte[] { 0, 255 }, new Tensor(new[] { double.NaN, double.PositiveInfinity }).Byte().ToByteArray());
    }

    [Fact]
    public void ParseNamesIntAsInt32()
    {
        Assert.Equal(DType.Int32, DTypes.Parse("int"));
        Assert.Equal(DType.Int32, DTypes.Parse("torch.int32"));
        Assert.Equal(DType.UInt8, DTypes.Parse("byte"));
        Assert.Equal(DType.UInt8, DTypes.Parse("UINT8"));
        Assert.Equal(DType.Int64, DTypes.Parse("long"));
        var e = Assert.Throws<TensorArgumentException>(() => DTypes.Parse("int16"));
        Assert.Equal("UnknownDType", e.ErrorId);
        Assert.Contains("'int16'", e.Message);
    }

    [Fact]
    public void FactoriesCheckTheValueFitsAsTorch()
    {
        Assert.Equal(new byte[] { 255, 255 }, Tensor.Full([2], -1, DType.UInt8).ToByteArray());
        Assert.Equal(new byte[] { 127 }, new Tensor(new object[] { -129L }, DType.UInt8).ToByteArray());
        foreach (var (value, dtype) in new (double, DType)[] { (256, DType.UInt8), (-1.5, DType.UInt8), (-256, DType.UInt8), (2147483648.0, DType.Int32), (double.NaN, DType.Int32) })
        {
            var e = Assert.Throws<TensorArgumentException>(() => Tensor.Full([1], value, dtype));
            Assert.Equal("ValueOverflow", e.ErrorId);
            Assert.Contains(dtype.TorchName(), e.Message);
        }
        Assert.Equal("ValueOverflow", Assert.Throws<TensorArgumentException>(() => new Tensor(new object[] { 300L }, DType.UInt8)).ErrorId);
        Assert.Equal("ValueOverflow", Assert.Throws<TensorArgumentException>(() => new Tensor(new[] { 1e30 }, DType.Int64)).ErrorId);
    }
}
