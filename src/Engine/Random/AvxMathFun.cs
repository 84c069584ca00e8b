namespace NNTools;

/// <summary>
/// Scalar ports of the single-precision log and sincos from avx_mathfun.h (Julien Pommier's
/// Cephes-based AVX routines) that PyTorch's CPU normal_fill_16_AVX2 uses for float32 tensors of 16
/// or more elements. Each lane of the AVX code is computed here step by step, with the same
/// constants and the same rounding, so results match PyTorch bit for bit.
/// </summary>
/// <remarks>
/// PyTorch 1.13 is built by GCC with -mfma and the default -ffp-contract=fast, so every product
/// that feeds only an addition is fused into one FMA; the calls to
/// <see cref="MathF.FusedMultiplyAdd"/> below sit exactly where GCC fused. Only the domain the
/// Box-Muller transform needs is covered: log of x in (0, 1], sincos of x in [0, 2π).
/// </remarks>
internal static class AvxMathFun
{
    private const float SqrtHalf = 0.707106781186547524f;
    private const float LogP0 = 7.0376836292E-2f;
    private const float LogP1 = -1.1514610310E-1f;
    private const float LogP2 = 1.1676998740E-1f;
    private const float LogP3 = -1.2420140846E-1f;
    private const float LogP4 = +1.4249322787E-1f;
    private const float LogP5 = -1.6668057665E-1f;
    private const float LogP6 = +2.0000714765E-1f;
    private const float LogP7 = -2.4999993993E-1f;
    private const float LogP8 = +3.3333331174E-1f;
    private const float LogQ1 = -2.12194440e-4f;
    private const float LogQ2 = 0.693359375f;

    private const float FourOverPi = 1.27323954473516f;
    private const float MinusDP1 = -0.78515625f;
    private const float MinusDP2 = -2.4187564849853515625e-4f;
    private const float MinusDP3 = -3.77489497744594108e-8f;
    private const float SinP0 = -1.9515295891E-4f;
    private const float SinP1 = 8.3321608736E-3f;
    private const float SinP2 = -1.6666654611E-1f;
    private const float CosP0 = 2.443315711809948E-005f;
    private const float CosP1 = -1.388731625493765E-003f;
    private const float CosP2 = 4.166664568298827E-002f;

    /// <summary>log256_ps for one lane: natural log of <paramref name="x"/> in (0, 1].</summary>
    internal static float Log(float x)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        float e = (int)(bits >> 23) - 0x7f;
        e += 1;
        // Keep the mantissa, with the exponent of 0.5: x in [0.5, 1).
        x = BitConverter.UInt32BitsToSingle((bits & ~0x7f800000u) | 0x3f000000u);
        bool below = x < SqrtHalf;
        float tmp = below ? x : 0f;
        x -= 1;
        e -= below ? 1f : 0f;
        x += tmp;
        float z = x * x;
        float y = MathF.FusedMultiplyAdd(LogP0, x, LogP1);
        y = MathF.FusedMultiplyAdd(y, x, LogP2);
        y = MathF.FusedMultiplyAdd(y, x, LogP3);
        y = MathF.FusedMultiplyAdd(y, x, LogP4);
        y = MathF.FusedMultiplyAdd(y, x, LogP5);
        y = MathF.FusedMultiplyAdd(y, x, LogP6);
        y = MathF.FusedMultiplyAdd(y, x, LogP7);
        y = MathF.FusedMultiplyAdd(y, x, LogP8);
        y *= x;
        y = MathF.FusedMultiplyAdd(y, z, e * LogQ1);
        y -= z * 0.5f;
        return MathF.FusedMultiplyAdd(e, LogQ2, x + y);
    }

    /// <summary>sincos256_ps for one lane: sine and cosine of <paramref name="x"/> in [0, 2π).</summary>
    internal static void SinCos(float x, out float sin, out float cos)
    {
        // Octant j (made even) and the reduced argument x - j·π/4 in three parts (Cody-Waite).
        int j = (int)(x * FourOverPi);
        j = (j + 1) & ~1;
        float y = j;
        uint signSin = (uint)(j & 4) << 29;
        bool sinFromSinPoly = (j & 2) == 0;
        x = MathF.FusedMultiplyAdd(y, MinusDP1, x);
        x = MathF.FusedMultiplyAdd(y, MinusDP2, x);
        x = MathF.FusedMultiplyAdd(y, MinusDP3, x);
        uint signCos = (uint)(~(j - 2) & 4) << 29;

        float z = x * x;
        float c = MathF.FusedMultiplyAdd(CosP0, z, CosP1);
        c = MathF.FusedMultiplyAdd(c, z, CosP2);
        c *= z;
        c = MathF.FusedMultiplyAdd(c, z, -(z * 0.5f));
        c += 1;

        float s = MathF.FusedMultiplyAdd(SinP0, z, SinP1);
        s = MathF.FusedMultiplyAdd(s, z, SinP2);
        s *= z;
        s = MathF.FusedMultiplyAdd(s, x, x);

        // The AVX code selects with and/andnot, then adds the chosen value to a zero.
        float sinPick = (sinFromSinPoly ? s : 0f) + (sinFromSinPoly ? 0f : c);
        float cosPick = (sinFromSinPoly ? c : 0f) + (sinFromSinPoly ? 0f : s);
        sin = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(sinPick) ^ signSin);
        cos = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(cosPick) ^ signCos);
    }
}
