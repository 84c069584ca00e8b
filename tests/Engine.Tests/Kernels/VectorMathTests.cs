using System.Runtime.Intrinsics;
using NNTools.Kernels;

namespace NNTools.Tests.Kernels;

/// <summary>The vectorized float32 tanh against a double-precision reference, on special values, and independent of position.</summary>
public class VectorMathTests
{
    [Fact]
    public void TanhIsWithinOneUlpOfTheRoundedExactValue()
    {
        var rng = new System.Random(7);
        var x = new float[200_003];
        for (int i = 0; i < x.Length; i++)
        {
            // Half over [-12, 12], half spread over magnitudes 1e-40 .. 10 (tiny, subnormal and saturated arguments).
            x[i] = (float)(i % 2 == 0 ? (rng.NextDouble() * 2 - 1) * 12 : (rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-40, 2)));
        }
        var y = new float[x.Length];
        VectorMath.Tanh(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            float exact = (float)Math.Tanh(x[i]);
            long ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(y[i]) - BitConverter.SingleToInt32Bits(exact));
            Assert.True(ulps <= 1, $"tanh({x[i]:R}) = {y[i]:R}, expected {exact:R}");
        }
    }

    [Fact]
    public void TanhOfSpecialValues()
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 100f, -100f, float.Epsilon, -9.2f];
        var y = new float[x.Length];
        VectorMath.Tanh(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal([1f, -1f], y[1..3]);
        Assert.True(float.IsNegative(y[3]) && y[3] == 0);
        Assert.True(float.IsPositive(y[4]) && y[4] == 0);
        Assert.Equal([1f, -1f, float.Epsilon, -1f], y[5..]);
    }

    [Fact]
    public void TanhOnSixteenLanesEqualsTanhOnEightBitForBit()
    {
        // The kernel runs 16 lanes where the CPU has them and 8 for the rest of a span: a lane's
        // bits must not depend on which width computed it.
        var rng = new System.Random(11);
        for (int rep = 0; rep < 20_000; rep++)
        {
            var x = new float[16];
            for (int i = 0; i < 16; i++) x[i] = (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-8, 2)));
            if (rep == 0) x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 100f, -100f, float.Epsilon, -9.2f, 9.1f, 0.625f, -0.625f, 2.44140625e-4f, 1e-30f, 18.2f, -3f];
            var wide = new float[16];
            VectorMath.Tanh(Vector512.Create(x)).CopyTo(wide);
            var narrow = new float[16];
            VectorMath.Tanh(Vector256.Create(x.AsSpan(0, 8))).CopyTo(narrow);
            VectorMath.Tanh(Vector256.Create(x.AsSpan(8, 8))).CopyTo(narrow.AsSpan(8));
            for (int i = 0; i < 16; i++) Assert.Equal(BitConverter.SingleToInt32Bits(narrow[i]), BitConverter.SingleToInt32Bits(wide[i]));
        }
    }

    [Fact]
    public void TanhOnFourLanesEqualsTanhOnEightBitForBit()
    {
        // ARM64 computes 4 lanes at a time: the same bits as the 8 lanes of AVX2.
        var rng = new System.Random(12);
        for (int rep = 0; rep < 20_000; rep++)
        {
            var x = new float[8];
            for (int i = 0; i < 8; i++) x[i] = (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-8, 2)));
            if (rep == 0) x = [float.NaN, float.NegativeInfinity, -0f, 9.1f, 0.625f, 2.44140625e-4f, 1e-30f, -18.2f];
            var wide = new float[8];
            VectorMath.Tanh(Vector256.Create(x)).CopyTo(wide);
            var narrow = new float[8];
            VectorMath.Tanh(Vector128.Create(x.AsSpan(0, 4))).CopyTo(narrow);
            VectorMath.Tanh(Vector128.Create(x.AsSpan(4, 4))).CopyTo(narrow.AsSpan(4));
            for (int i = 0; i < 8; i++) Assert.Equal(BitConverter.SingleToInt32Bits(wide[i]), BitConverter.SingleToInt32Bits(narrow[i]));
        }
    }

    [Fact]
    public void TanhOfASpanOn128BitVectorsEqualsTheNativeWidth()
    {
        var rng = new System.Random(13);
        var x = Enumerable.Range(0, 203).Select(_ => (float)(rng.NextDouble() * 20 - 10)).ToArray();
        var native = new float[x.Length];
        VectorMath.Tanh(x, native);
        var narrow = new float[x.Length];
        using (SimdWidth.Narrow(128)) VectorMath.Tanh(x, narrow);
        Assert.Equal(native, narrow);
    }

    [Fact]
    public void TanhOfAnElementDoesNotDependOnItsPosition()
    {
        var rng = new System.Random(3);
        var x = Enumerable.Range(0, 53).Select(_ => (float)(rng.NextDouble() * 6 - 3)).ToArray();
        var whole = new float[x.Length];
        VectorMath.Tanh(x, whole);
        for (int start = 1; start < 17; start++)
        {
            var part = new float[x.Length - start];
            VectorMath.Tanh(x.AsSpan(start), part);
            Assert.Equal(whole[start..], part);
        }
        // A strided float32 tensor goes through the same kernel.
        var t = Tensor.From(x);
        var strided = Tensor.Stack([t, t], 1)[":, 0"];
        Assert.Equal(whole, strided.Tanh().ToFloatArray());
    }
}
