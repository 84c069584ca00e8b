namespace NNTools.Tests.Kernels;

/// <summary>
/// The SIMD fast paths of binary arithmetic (dense same-shape operands, a broadcast scalar on either
/// side, dense rows) give exactly the bits of the element-by-element computation, for odd lengths
/// around the vector widths, non-contiguous and transposed views, and every floating dtype.
/// </summary>
public class ElementwiseFastPathTests
{
    public static TheoryData<int> Lengths() => new() { 1, 7, 15, 16, 17, 63, 65, 129, 1000 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DenseAndScalarOperandsMatchElementwise(int n)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var a = Tensor.Randn([n], dtype, new Generator(n));
            var b = Tensor.Randn([n], dtype, new Generator(n + 1)) + 3.0;
            var s = Tensor.Randn([1], dtype, new Generator(n + 2));
            AssertOps(a, b);
            AssertOps(a, s);
            AssertOps(s, a);
            AssertOps(a.View(1, n), b.View(n, 1));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 17)]
    [InlineData(63, 65)]
    [InlineData(17, 1)]
    [InlineData(1, 129)]
    public void StridedAndBroadcastOperandsMatchElementwise(int rows, int cols)
    {
        var a = Tensor.Randn([rows, cols], DType.Float32, new Generator(rows));
        var bt = Tensor.Randn([cols, rows], DType.Float32, new Generator(cols)).T;
        var row = Tensor.Randn([cols], DType.Float32, new Generator(5));
        var col = Tensor.Randn([rows, 1], DType.Float32, new Generator(6));
        var sliced = Tensor.Randn([rows, 2 * cols], DType.Float32, new Generator(7)).Slice(1, 0, 2 * cols, 2);
        AssertOps(a, bt);
        AssertOps(bt, a);
        AssertOps(a, row);
        AssertOps(col, a);
        AssertOps(a, sliced);
        AssertOps(a.T, bt.T);
    }

    [Fact]
    public void Int64KeepsExactAndWrappingArithmetic()
    {
        var a = Tensor.From(new long[] { long.MaxValue, -3, 7, 0, 9, 11, 13, 15, 17 });
        var b = Tensor.From(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
        Assert.Equal(new[] { long.MinValue, -1, 10, 4, 14, 17, 20, 23, 26 }, (a + b).ToInt64Array());
        Assert.Equal(new[] { long.MaxValue - 1, -5, 4, -4, 4, 5, 6, 7, 8 }, (a - b).ToInt64Array());
        Assert.Equal(new[] { -2L, -6, 14, 0, 18, 22, 26, 30, 34 }, (a * 2).ToInt64Array());
    }

    private static void AssertOps(Tensor a, Tensor b)
    {
        AssertOp(a, b, a + b, (x, y) => x + y, (x, y) => x + y);
        AssertOp(a, b, a - b, (x, y) => x - y, (x, y) => x - y);
        AssertOp(a, b, a * b, (x, y) => x * y, (x, y) => x * y);
        AssertOp(a, b, a / b, (x, y) => x / y, (x, y) => x / y);
    }

    private static void AssertOp(Tensor a, Tensor b, Tensor actual, Func<float, float, float> f32, Func<double, double, double> f64)
    {
        var shape = actual.Shape;
        var ea = a.Expand(shape).Contiguous();
        var eb = b.Expand(shape).Contiguous();
        if (actual.DType == DType.Float32)
        {
            var x = ea.ToFloatArray();
            var y = eb.ToFloatArray();
            Assert.Equal(x.Select((v, i) => f32(v, y[i])).ToArray(), actual.ToFloatArray());
        }
        else
        {
            var x = ea.ToDoubleArray();
            var y = eb.ToDoubleArray();
            Assert.Equal(x.Select((v, i) => f64(v, y[i])).ToArray(), actual.ToDoubleArray());
        }
    }
}

/// <summary>The SIMD unary paths (relu, neg, square) against per-element values, NaN and signed zeros included.</summary>
public class UnaryFastPathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(65)]
    [InlineData(1000)]
    public void ReluNegSquareMatchElementwise(int n)
    {
        var values = Tensor.Randn([n], DType.Float32, new Generator(n)).ToFloatArray();
        values[0] = float.NaN;
        if (n > 2)
        {
            values[1] = -0.0f;
            values[2] = float.NegativeInfinity;
        }
        var x = Tensor.From(values);
        Assert.Equal(values.Select(v => v > 0 ? v : float.IsNaN(v) ? v : 0f).ToArray(), x.Relu().ToFloatArray());
        Assert.Equal(values.Select(v => -v).ToArray(), (-x).ToFloatArray());
        Assert.Equal(values.Select(v => v * v).ToArray(), x.Pow(2).ToFloatArray());
        Assert.True(x.Relu().ToFloatArray().Where((v, i) => values[i] == 0).All(v => !float.IsNegative(v)));
        var strided = Tensor.From(values.Concat(values).ToArray()).Slice(0, 0, 2 * n, 2);
        var expected = values.Concat(values).Where((_, i) => i % 2 == 0).Select(v => v > 0 ? v : float.IsNaN(v) ? v : 0f).ToArray();
        Assert.Equal(expected, strided.Relu().ToFloatArray());
    }

    [Fact]
    public void Int64ReluAndNegStayExact()
    {
        var x = Tensor.From(new long[] { -5, 0, 7, long.MaxValue, -1, 3, 2, 9, -8 });
        Assert.Equal(new long[] { 0, 0, 7, long.MaxValue, 0, 3, 2, 9, 0 }, x.Relu().ToInt64Array());
        Assert.Equal(new long[] { 5, 0, -7, -long.MaxValue, 1, -3, -2, -9, 8 }, (-x).ToInt64Array());
    }
}
