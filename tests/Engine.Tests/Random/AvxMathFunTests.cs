namespace NNTools.Tests.Random;

/// <summary>
/// The avx_mathfun ports are bit-exact against PyTorch through the normal fixtures; here they are
/// checked as functions: within a few float ulps of the double-precision libm results on the
/// domain Box-Muller uses (Cephes' single-precision routines are accurate to about 2 ulps).
/// </summary>
public class AvxMathFunTests
{
    [Fact]
    public void LogIsAccurateOnTheUnitInterval()
    {
        for (int k = 0; k < (1 << 24); k += 997)
        {
            float u = 1 - k * (1.0f / (1 << 24));
            double exact = Math.Log(u);
            Assert.True(Math.Abs(AvxMathFun.Log(u) - exact) <= 3 * Ulp((float)exact) + 1e-12, $"log({u})");
        }
        Assert.Equal(0f, AvxMathFun.Log(1f));
    }

    [Fact]
    public void SinCosAreAccurateOnOneTurn()
    {
        const float twoPi = (float)(2 * Math.PI);
        for (int k = 0; k < (1 << 24); k += 997)
        {
            float theta = twoPi * (k * (1.0f / (1 << 24)));
            AvxMathFun.SinCos(theta, out float sin, out float cos);
            Assert.True(Math.Abs(sin - Math.Sin(theta)) <= 3e-7, $"sin({theta})");
            Assert.True(Math.Abs(cos - Math.Cos(theta)) <= 3e-7, $"cos({theta})");
        }
    }

    private static double Ulp(float x) => MathF.BitIncrement(MathF.Abs(x)) - MathF.Abs(x);
}
