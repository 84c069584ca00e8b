namespace NNTools.Data;

/// <summary>
/// The float64 NumPy functions scikit-learn's generators call, computed the way NumPy 1.24 computes
/// them on an x86-64 CPU with AVX-512 (AVX512_SKX), so that the data sets match scikit-learn's bit
/// for bit on such a machine (the kind the project's benchmark anchors were made on).
/// </summary>
/// <remarks>
/// NumPy 1.22 to 1.26 dispatch float64 sin and cos to Intel's SVML (__svml_sin8 / __svml_cos8, the
/// "la" variants, under 4 ulp) when the CPU has AVX512_SKX, and to the C library otherwise
/// (numpy/numpy#23523). The two disagree in the last bit or two for most arguments, so
/// scikit-learn's make_moons and make_circles themselves differ between machines. The platform
/// libm that Math.Cos / Math.Sin call agrees with NumPy only on CPUs without AVX-512; here the
/// SVML main path is re-implemented step by step (Cody-Waite reduction by pi in three FMA parts,
/// odd polynomial of degree 15, sign from the parity of N), which is exact for |x| below 2^24
/// (sin) and about 8388606 pi (cos). Outside that range, and for NaN and infinities, SVML switches
/// to a Payne-Hanek reduction that is not ported; those arguments fall back to Math.Sin / Math.Cos
/// (no generator here goes beyond 2 pi).
/// </remarks>
internal static class NumpyMath
{
    private static double D(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    private static readonly double InvPi = D(0x3FD45F306DC9C883);
    private static readonly double Pi1 = D(0x400921FB54442D18);
    private static readonly double Pi2 = D(0x3CA1A62633145C06);
    private static readonly double Pi3 = D(0x395C1CD129024E09);

    // sin(r) ~ r + r^3 (S1 + r^2 (S2 + ... + r^2 S7)): the minimax coefficients of __svml_sin8.
    private static readonly double S1 = D(0xBFC55555555554A8), S2 = D(0x3F8111111110A573), S3 = D(0xBF2A01A019A659DD),
        S4 = D(0x3EC71DE3806ADD1A), S5 = D(0xBE5AE6355AAA4A53), S6 = D(0x3DE60E6BEE01D83E), S7 = D(0xBD69F1517E9F65F0);

    // __svml_cos8 evaluates sin(r) of the reduced argument with its own fit.
    private static readonly double C1 = D(0xBFC55555555554A7), C2 = D(0x3F8111111110A4A8), C3 = D(0xBF2A01A019A5B87B),
        C4 = D(0x3EC71DE38030FEA0), C5 = D(0xBE5AE63546002231), C6 = D(0x3DE60E6857A2F220), C7 = D(0xBD69F0D60811AAC8);

    private const double TwoP52 = 4503599627370496.0;
    private const double SinRShifter = 6755399441055744.0; // 1.5 2^52: adding it rounds x / pi to an integer
    private const double SinLargeArg = 16777216.0;         // 2^24
    private const double CosLargeN = 8388606.0;
    private const double CosTiny = 7.450580596923828125e-9; // 2^-27: below it cos is 1

    /// <summary>np.sin on a float64: sin(x) = (-1)^N sin(x - N pi) with N = round(x / pi).</summary>
    public static double Sin(double x)
    {
        if (!(Math.Abs(x) <= SinLargeArg)) return Math.Sin(x);
        double y = Math.FusedMultiplyAdd(x, InvPi, SinRShifter);
        ulong sign = BitConverter.DoubleToUInt64Bits(y) << 63;
        double n = y - SinRShifter;
        if (x == 0) sign ^= BitConverter.DoubleToUInt64Bits(x);
        double r = Math.FusedMultiplyAdd(-n, Pi1, x);
        r = Math.FusedMultiplyAdd(-Pi2, n, r);
        double r2 = r * r;
        r = Math.FusedMultiplyAdd(-Pi3, n, r);
        double p = Math.FusedMultiplyAdd(S7, r2, S6);
        double r3 = r2 * r;
        p = Math.FusedMultiplyAdd(r2, p, S5);
        p = Math.FusedMultiplyAdd(r2, p, S4);
        p = Math.FusedMultiplyAdd(r2, p, S3);
        p = Math.FusedMultiplyAdd(r2, p, S2);
        p = Math.FusedMultiplyAdd(r2, p, S1);
        p = Math.FusedMultiplyAdd(r3, p, r);
        return D(BitConverter.DoubleToUInt64Bits(p) ^ sign);
    }

    /// <summary>
    /// np.cos on a float64: cos(x) = (-1)^N sin((N + 1/2) pi - |x|) with N = floor(|x| / pi), the floor
    /// taken as SVML does, by one FMA rounded toward zero.
    /// </summary>
    public static double Cos(double x)
    {
        double ax = Math.Abs(x);
        // SVML computes fma_rz(|x|, 1/pi, 2^52); with ulp 1 there, that is 2^52 + floor of the exact product.
        double q = ax * InvPi;
        double n = Math.Floor(q);
        if (n == q && Math.FusedMultiplyAdd(ax, InvPi, -q) < 0) n -= 1;
        if (!(n <= CosLargeN)) return Math.Cos(x);
        ulong sign = BitConverter.DoubleToUInt64Bits(TwoP52 + n) << 63;
        double half = n + 0.5;
        double r = Math.FusedMultiplyAdd(half, Pi1, -ax);
        r = Math.FusedMultiplyAdd(Pi2, half, r);
        double r2 = r * r;
        r = Math.FusedMultiplyAdd(Pi3, half, r);
        double p = Math.FusedMultiplyAdd(C7, r2, C6);
        p = Math.FusedMultiplyAdd(r2, p, C5);
        p = Math.FusedMultiplyAdd(r2, p, C4);
        p = Math.FusedMultiplyAdd(r2, p, C3);
        double rs = D(BitConverter.DoubleToUInt64Bits(r) ^ sign);
        p = Math.FusedMultiplyAdd(r2, p, C2);
        double rs3 = rs * r2;
        p = Math.FusedMultiplyAdd(r2, p, C1);
        double result = Math.FusedMultiplyAdd(rs3, p, rs);
        return ax < CosTiny ? 1.0 : result;
    }

    /// <summary>
    /// np.linspace(start, stop, num, endpoint) in float64: i step + start with step = (stop - start) / div,
    /// div = num - 1 with the endpoint (whose last value is then set to stop) and num without.
    /// </summary>
    public static double[] Linspace(double start, double stop, int num, bool endpoint = true)
    {
        var y = new double[num];
        int div = endpoint ? num - 1 : num;
        double delta = stop - start;
        double step = delta / div;
        for (int i = 0; i < num; i++)
        {
            // NumPy divides first when the step underflows to zero, and multiplies by delta when div is 0.
            double t = div <= 0 ? i * delta : step == 0 ? i / (double)div * delta : i * step;
            y[i] = t + start;
        }
        if (endpoint && num > 1) y[^1] = stop;
        return y;
    }
}
