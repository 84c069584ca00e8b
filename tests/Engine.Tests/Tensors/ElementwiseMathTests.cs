using NNTools.Kernels;

namespace NNTools.Tests.Tensors;

/// <summary>
/// What the differential cases cannot show: the special functions at the ends of their ranges
/// (values from CPython's math and torch 1.13's float64 erfinv), grad_fn names, and the refused
/// backward pass of floor_divide.
/// </summary>
public class ElementwiseMathTests
{
    [Theory]
    [InlineData(1e-300, 1.1283791670955126e-300)]
    [InlineData(0.3, 0.3286267594591274)]
    [InlineData(2.4999, 0.9995928300996666)]
    [InlineData(2.5, 0.999593047982555)]
    [InlineData(3.7, 0.9999998328489421)]
    [InlineData(6.0, 1.0)]
    [InlineData(-4.0, -0.9999999845827421)]
    public void Erf_is_within_a_few_ulps_across_its_range(double x, double expected) => AssertUlps(expected, SpecialMath.Erf(x), 4);

    [Theory]
    [InlineData(-3.0, 1.9999779095030015)]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(1.9, 0.0072095707647425325)]
    [InlineData(2.6, 0.00023603441652934908)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(26.5, 2.2109076642637343e-307)]
    [InlineData(28.0, 0.0)]
    public void Erfc_keeps_its_relative_precision_in_the_tail(double x, double expected) =>
        Assert.True(Math.Abs(SpecialMath.Erfc(x) - expected) <= 1e-12 * expected, $"erfc({x}) = {SpecialMath.Erfc(x):R}, expected {expected:R}");

    [Theory]
    [InlineData(1e-300, 1e-300)]
    [InlineData(-1e-17, -1e-17)]
    [InlineData(1e-10, 9.999999999500001e-11)]
    [InlineData(-0.9999999, -16.118095651484676)]
    [InlineData(3.0, 1.3862943611198906)]
    [InlineData(1e300, 690.7755278982137)]
    public void Log1p_does_not_round_one_plus_x(double x, double expected) => AssertUlps(expected, SpecialMath.Log1p(x), 2);

    [Theory]
    [InlineData(1e-300, 1e-300)]
    [InlineData(-1e-12, -9.999999999995e-13)]
    [InlineData(0.5, 0.6487212707001282)]
    [InlineData(-50.0, -1.0)]
    [InlineData(700.0, 1.0142320547350045e+304)]
    public void Expm1_does_not_cancel_near_zero(double x, double expected) => AssertUlps(expected, SpecialMath.Expm1(x), 2);

    [Fact]
    public void Special_values_follow_ieee_as_torch_does()
    {
        var x = Tensor.FromBuffer(new[] { double.PositiveInfinity, double.NegativeInfinity, double.NaN, -0.0, -1.0 }, [5]);
        Assert.Equal(new[] { double.PositiveInfinity, -1, double.NaN, -0.0, -0.6321205588285577 }, x.Expm1().ToDoubleArray());
        Assert.Equal(new[] { double.PositiveInfinity, double.NaN, double.NaN, -0.0, double.NegativeInfinity }, x.Log1p().ToDoubleArray());
        var erf = x.Erf().ToDoubleArray();
        Assert.Equal(new[] { 1, -1, double.NaN, -0.0 }, erf[..4]);
        AssertUlps(-0.8427007929497149, erf[4], 2);
        Assert.Equal(new[] { double.NaN, double.NaN, double.NaN, -0.0, double.NegativeInfinity }, x.Erfinv().ToDoubleArray());
        Assert.True(double.IsNegative(x.Expm1().ToDoubleArray()[3]) && double.IsNegative(x.Trunc().ToDoubleArray()[3]));
        Assert.Equal(new[] { true, true, false, false, false }, x.IsInf().ToBooleanArray());
        Assert.Equal(new[] { false, true, false, false, false }, x.IsNegInf().ToBooleanArray());
    }

    [Fact]
    public void Floor_division_rounds_down_and_has_no_derivative()
    {
        var a = Tensor.FromBuffer(new long[] { -7, 7, 7, 0 }, [4]);
        Assert.Equal(new long[] { -4, -4, 3, 0 }, a.FloorDivide(Tensor.FromBuffer(new long[] { 2, -2, 2, 5 }, [4])).ToInt64Array());
        Assert.Equal("IntegerDivisionByZero", Assert.Throws<NumericalException>(() => a.FloorDivide(0L)).ErrorId);
        Assert.Equal(new[] { long.MinValue }, Tensor.FromBuffer(new[] { long.MinValue }, [1]).FloorDivide(-1L).ToInt64Array());
        // Python's -5.0 // inf is -1.0: the remainder's sign differs from the divisor's.
        Assert.Equal(new[] { -1.0, -4.0 }, Tensor.FromBuffer(new[] { -5.0, -7.5 }, [2]).FloorDivide(Tensor.FromBuffer(new[] { double.PositiveInfinity, 2.0 }, [2])).ToDoubleArray());
        var x = Tensor.FromBuffer(new[] { 1.5, -2.0 }, [2]).RequiresGrad_();
        var e = Assert.Throws<AutogradException>(() => x.FloorDivide(0.5).Sum().Backward());
        Assert.Equal("DerivativeNotImplemented", e.ErrorId);
    }

    [Fact]
    public void Ops_record_torchs_node_names()
    {
        var x = Tensor.FromBuffer(new[] { 0.5f, -0.25f }, [2]).RequiresGrad_();
        var y = Tensor.FromBuffer(new[] { 2f, 3f }, [2]);
        Assert.Equal("Log1PBackward0", x.Log1p().GradFn!.Name);
        Assert.Equal("Atan2Backward0", x.Atan2(y).GradFn!.Name);
        Assert.Equal("LerpBackward0", x.Lerp(y, 0.3).GradFn!.Name);
        Assert.Equal("LerpBackward1", x.Lerp(y, Tensor.Scalar(0.3)).GradFn!.Name);
        Assert.Equal("ErfinvBackward0", x.Erfinv().GradFn!.Name);
        Assert.Equal("TruncBackward0", x.Fix().GradFn!.Name);
        Assert.Equal("ClampBackward1", x.Clip(-0.1, 0.1).GradFn!.Name);
    }

    [Fact]
    public void Lerp_refuses_mixed_dtypes_and_integer_tensors_naming_them()
    {
        var f = Tensor.Zeros([2]);
        var e = Assert.Throws<DTypeMismatchException>(() => f.Lerp(f.Double(), 0.5));
        Assert.Equal("LerpDType", e.ErrorId);
        Assert.Contains("expected dtype float for `end` but got dtype double", e.Message);
        var i = Tensor.FromBuffer(new long[] { 1, 2 }, [2]);
        Assert.Contains("'Long'", Assert.Throws<DTypeMismatchException>(() => i.Lerp(i, 0.5)).Message);
    }

    private static void AssertUlps(double expected, double actual, int ulps)
    {
        double tolerance = ulps * Math.Max(Math.Abs(Math.BitIncrement(expected) - expected), double.Epsilon);
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"got {actual:R}, expected {expected:R} (within {ulps} ulps)");
    }
}
