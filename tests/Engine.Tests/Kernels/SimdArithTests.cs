using System.Numerics;
using NNTools.Kernels;

namespace NNTools.Tests.Kernels;

/// <summary>
/// SimdArith's vector loops give, element for element, the bits of the scalar operator: every length
/// from empty through three 512-bit vectors plus tails, each dtype the engine computes in, both
/// operand orders with a scalar, and in place (output = first operand).
/// </summary>
public class SimdArithTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 50; n++) data.Add(n);
        data.Add(1000);
        data.Add(1037);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FloatOpsMatchScalarBits(int n)
    {
        var (a, b) = Operands<float>(n, i => (float)Math.Sin(i * 0.7) * 3, i => (float)Math.Cos(i * 1.3) + 2.5f);
        CheckAll(a, b, 0.37f);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DoubleOpsMatchScalarBits(int n)
    {
        var (a, b) = Operands<double>(n, i => Math.Sin(i * 0.7) * 3, i => Math.Cos(i * 1.3) + 2.5);
        CheckAll(a, b, -1.25);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(71)]
    public void IntegerAddSubMulMaxMatchScalar(int n)
    {
        var (a, b) = Operands<long>(n, i => i * 7919L - 300, i => 13 - i * 3L);
        CheckWithoutDivision(a, b, 5L);
        var (c, d) = Operands<int>(n, i => i * 37 - 900, i => 11 - i);
        CheckWithoutDivision(c, d, -4);
    }

    [Theory]
    [InlineData(4096, 0)]
    [InlineData(4113, 1)]
    [InlineData(9001, 3)]
    [InlineData(5000, 15)]
    public void LongOutputsAtAnyAlignmentMatchScalarBits(int n, int shift)
    {
        // Outputs this long are written from a 64-byte boundary on; shifting the spans moves that boundary.
        var (a, b) = Operands<float>(n + shift, i => (float)Math.Sin(i * 0.7) * 3, i => (float)Math.Cos(i * 1.3) + 2.5f);
        var sa = a.AsSpan(shift).ToArray();
        var sb = b.AsSpan(shift).ToArray();
        var o = new float[n + shift];
        SimdArith.Spans<float, SimdArith.SubOp>(a.AsSpan(shift), b.AsSpan(shift), o.AsSpan(shift));
        Assert.Equal(Enumerable.Range(0, n).Select(i => sa[i] - sb[i]), o.Skip(shift));
        SimdArith.WithScalar<float, SimdArith.DivOp>(a.AsSpan(shift), 0.3f, true, o.AsSpan(shift));
        Assert.Equal(sa.Select(x => 0.3f / x), o.Skip(shift));
        CheckAll(sa, sb, 1.75f);
    }

    [Fact]
    public void MaximumKeepsNaNAndOrdersSignedZeros()
    {
        var x = new[] { float.NaN, -0f, 0f, -1f, 2f, float.NegativeInfinity, float.PositiveInfinity, -3f,
                        float.NaN, -0f, 0f, -1f, 2f, float.NegativeInfinity, float.PositiveInfinity, -3f, -0f, float.NaN };
        var o = new float[x.Length];
        SimdArith.WithScalar<float, SimdArith.MaxOp>(x, 0f, false, o);
        for (int i = 0; i < x.Length; i++)
        {
            float expected = float.IsNaN(x[i]) ? float.NaN : (x[i] > 0 ? x[i] : 0f);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(o[i]));
        }
    }

    [Fact]
    public void NegateFlipsTheSignOfZero()
    {
        var x = new double[19];
        x[3] = -0.0;
        x[18] = 2.5;
        var o = new double[19];
        SimdArith.Negate<double>(x, o);
        for (int i = 0; i < x.Length; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(-x[i]), BitConverter.DoubleToInt64Bits(o[i]));
    }

    [Fact]
    public void MismatchedLengthsThrowInsteadOfReadingPastTheEnd()
    {
        Assert.Throws<ArgumentException>(() => SimdArith.Add<float>(new float[17], new float[16], new float[17]));
        Assert.Throws<ArgumentException>(() => SimdArith.Add<float>(new float[17], new float[17], new float[16]));
        Assert.Throws<ArgumentException>(() => SimdArith.WithScalar<float, SimdArith.AddOp>(new float[9], 1f, false, new float[8]));
    }

    private static (T[] A, T[] B) Operands<T>(int n, Func<int, T> fa, Func<int, T> fb)
    {
        var a = new T[n];
        var b = new T[n];
        for (int i = 0; i < n; i++) { a[i] = fa(i); b[i] = fb(i); }
        return (a, b);
    }

    private static void CheckAll<T>(T[] a, T[] b, T s) where T : unmanaged, INumber<T>
    {
        CheckWithoutDivision(a, b, s);
        Check<T, SimdArith.DivOp>(a, b, s, (x, y) => x / y);
    }

    private static void CheckWithoutDivision<T>(T[] a, T[] b, T s) where T : unmanaged, INumber<T>
    {
        Check<T, SimdArith.AddOp>(a, b, s, (x, y) => x + y);
        Check<T, SimdArith.SubOp>(a, b, s, (x, y) => x - y);
        Check<T, SimdArith.MulOp>(a, b, s, (x, y) => x * y);
        Check<T, SimdArith.MaxOp>(a, b, s, T.Max);
        var neg = new T[a.Length];
        SimdArith.Negate<T>(a, neg);
        Assert.Equal(a.Select(x => -x), neg);
    }

    private static void Check<T, TOp>(T[] a, T[] b, T s, Func<T, T, T> f) where T : unmanaged, INumber<T> where TOp : SimdArith.IOp
    {
        int n = a.Length;
        var o = new T[n];
        SimdArith.Spans<T, TOp>(a, b, o);
        Assert.Equal(Enumerable.Range(0, n).Select(i => f(a[i], b[i])), o);

        SimdArith.WithScalar<T, TOp>(a, s, false, o);
        Assert.Equal(a.Select(x => f(x, s)), o);
        SimdArith.WithScalar<T, TOp>(a, s, true, o);
        Assert.Equal(a.Select(x => f(s, x)), o);

        // In place: the output is the first operand, as AddInto and the bias add use it.
        var inPlace = (T[])a.Clone();
        SimdArith.Spans<T, TOp>(inPlace, b, inPlace);
        Assert.Equal(Enumerable.Range(0, n).Select(i => f(a[i], b[i])), inPlace);

        // A longer output keeps its elements past the operands' length.
        var longer = new T[n + 3];
        longer[n] = T.One;
        SimdArith.Spans<T, TOp>(a, b, longer);
        Assert.Equal(T.One, longer[n]);
    }
}
