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

    [Theory]
    [InlineData(DType.Float32, 1)]
    [InlineData(DType.Float32, 17)]
    [InlineData(DType.Float64, 33)]
    public void InPlaceArithmeticEqualsTheOutOfPlaceResult(DType dtype, int cols)
    {
        // Written straight into the tensor (same shape, a broadcast row, a scalar, itself) or, for a
        // promoted dtype or another view of the storage, through the result-and-copy path: the
        // same values either way, and the storage's version bumped once.
        var a = Tensor.Randn([5, cols], dtype, new Generator(1));
        var b = Tensor.Randn([5, cols], dtype, new Generator(2)) + 3.0;
        var row = Tensor.Randn([cols], dtype, new Generator(3)) + 3.0;
        var cases = new (string Name, Func<Tensor, Tensor> InPlace, Func<Tensor, Tensor> OutOfPlace)[]
        {
            ("add", t => t.Add_(b), t => t + b), ("sub", t => t.Sub_(row), t => t - row), ("mul", t => t.Mul_(b), t => t * b),
            ("div", t => t.Div_(row), t => t / row), ("add scalar", t => t.Add_(0.5), t => t + 0.5),
            ("sub scalar", t => t.Sub_(0.1), t => t - 0.1), ("mul scalar", t => t.Mul_(1.5), t => t * 1.5),
            ("div scalar", t => t.Div_(3.0), t => t / 3.0), ("self", t => t.Sub_(t), t => t - t),
            ("float64 operand", t => t.Mul_(b.Double()), t => (t * b.Double()).To(dtype)),
        };
        foreach (var (name, inPlace, outOfPlace) in cases)
        {
            var x = a.Clone();
            var expected = outOfPlace(x);
            int version = x.Storage.Version;
            var returned = inPlace(x);
            Assert.Same(x, returned);
            Assert.True(x.Equal(expected), name);
            Assert.True(x.Storage.Version > version, name);
        }
        // Another view of the same storage: a disjoint one goes through the copying path; an overlapping
        // one is refused, as PyTorch refuses it (which element's old value would be read is undefined).
        var y = Tensor.Arange(0, 40, 1, dtype);
        var head = y.Slice(0, 0, 20);
        var tail = y.Slice(0, 20, 40);
        var want = head - tail;
        head.Sub_(tail);
        Assert.True(head.Equal(want));
        var e = Assert.Throws<TensorArgumentException>(() => y.Slice(0, 0, 39).Sub_(y.Slice(0, 1, 40)));
        Assert.Equal("InPlaceOverlap", e.ErrorId);
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
