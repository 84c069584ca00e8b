using NNTools.Data;

namespace NNTools.Tests.Data;

/// <summary>NumpyMath's sin, cos and linspace against NumPy 1.24 on an AVX-512 machine.</summary>
public class NumpyMathTests
{
    [Fact]
    public void FixtureWasMadeWithNumpysAvx512Trig()
    {
        // NumPy's float64 sin/cos are SVML's on AVX512_SKX CPUs and libm's elsewhere (numpy/numpy#23523);
        // the engine reproduces the former, so the fixture must come from such a machine.
        Assert.Equal("svml-avx512", DataFixture.Get("numpy_trig").GetString());
    }

    [Fact]
    public void SinAndCosMatchNumpyBitForBitInTheReducedRange()
    {
        var trig = DataFixture.Get("trig");
        var x = DataFixture.Doubles(trig.GetProperty("x"));
        var cos = DataFixture.Doubles(trig.GetProperty("cos"));
        var sin = DataFixture.Doubles(trig.GetProperty("sin"));
        var inRange = Enumerable.Range(0, x.Length).Where(i => Math.Abs(x[i]) <= 16777216.0).ToArray();
        Assert.True(inRange.Length > 900);
        DataFixture.AssertBitEqual(inRange.Select(i => cos[i]).ToArray(), inRange.Select(i => NumpyMath.Cos(x[i])).ToArray(), "cos");
        DataFixture.AssertBitEqual(inRange.Select(i => sin[i]).ToArray(), inRange.Select(i => NumpyMath.Sin(x[i])).ToArray(), "sin");
    }

    [Fact]
    public void SignedZeroAndNonFiniteArgumentsBehaveLikeLibm()
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(NumpyMath.Sin(-0.0)));
        Assert.Equal(1.0, NumpyMath.Cos(-0.0));
        Assert.True(double.IsNaN(NumpyMath.Sin(double.PositiveInfinity)));
        Assert.True(double.IsNaN(NumpyMath.Cos(double.NaN)));
    }

    [Theory]
    [InlineData(0.0, Math.PI, 7, true)]
    [InlineData(0.0, 2 * Math.PI, 7, false)]
    [InlineData(-1.0, 1.0, 1, true)]
    [InlineData(3.0, 3.0, 4, true)]
    [InlineData(0.0, 1.0, 0, true)]
    public void LinspaceFollowsNumpysFormula(double start, double stop, int num, bool endpoint)
    {
        var y = NumpyMath.Linspace(start, stop, num, endpoint);
        Assert.Equal(num, y.Length);
        int div = endpoint ? num - 1 : num;
        for (int i = 0; i < num; i++)
        {
            double expected = endpoint && num > 1 && i == num - 1 ? stop : div > 0 ? i * ((stop - start) / div) + start : start;
            Assert.Equal(expected, y[i]);
        }
    }
}
