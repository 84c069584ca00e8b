using System.Globalization;
using System.Numerics;

namespace NNTools;

/// <summary>
/// Python's float formatting for the two specs tensor printing uses: <c>format(v, ".{p}f")</c>
/// and <c>format(v, ".{p}e")</c>.
/// </summary>
/// <remarks>
/// Python rounds the exact binary value of the double to the requested digits, ties to even
/// (so 0.125 gives "0.12" and 2.675 gives "2.67", because 2.675 is stored as 2.67499999...).
/// .NET's "F"/"E" formats round ties away from zero and so differ on exactly representable
/// ties; this class works on the exact value with big integers instead. The sign of negative
/// zero and of negative values that round to zero is kept ("-0.0000"), as Python does.
/// </remarks>
internal static class PythonFloatFormat
{
    /// <summary>Python's <c>format(value, ".{precision}f")</c>.</summary>
    public static string Fixed(double value, int precision)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        var (mantissa, exp2) = Decompose(value);
        var digits = ScaledRound(mantissa, exp2, precision).ToString(CultureInfo.InvariantCulture);
        if (precision > 0)
        {
            digits = digits.PadLeft(precision + 1, '0');
            digits = digits[..^precision] + "." + digits[^precision..];
        }
        return Sign(value) + digits;
    }

    /// <summary>Python's <c>format(value, ".{precision}e")</c>: one digit before the point, an exponent of at least two digits.</summary>
    public static string Scientific(double value, int precision)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        var (mantissa, exp2) = Decompose(value);
        int exponent = 0;
        BigInteger scaled = BigInteger.Zero;
        if (mantissa != 0)
        {
            var lower = BigInteger.Pow(10, precision);
            var upper = lower * 10;
            exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
            // Log10 can be one off near powers of ten, and rounding can carry into a new digit: step until the digits fit.
            while (true)
            {
                scaled = ScaledRound(mantissa, exp2, precision - exponent);
                if (scaled >= upper) exponent++;
                else if (scaled < lower) exponent--;
                else break;
            }
        }
        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
        var body = precision > 0 ? digits[..1] + "." + digits[1..] : digits;
        var exp = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        return Sign(value) + body + (exponent < 0 ? "e-" : "e+") + exp;
    }

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    private static string Sign(double value) => double.IsNegative(value) ? "-" : "";

    /// <summary>|value| as mantissa * 2^exp2, exactly.</summary>
    private static (long Mantissa, int Exp2) Decompose(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value) & long.MaxValue;
        int biased = (int)(bits >> 52);
        long mantissa = bits & ((1L << 52) - 1);
        if (biased == 0) return (mantissa, -1074);
        return (mantissa | (1L << 52), biased - 1075);
    }

    /// <summary>mantissa * 2^exp2 * 10^pow10 rounded to an integer, ties to even.</summary>
    private static BigInteger ScaledRound(long mantissa, int exp2, int pow10)
    {
        BigInteger num = mantissa, den = BigInteger.One;
        if (exp2 >= 0) num <<= exp2;
        else den <<= -exp2;
        if (pow10 >= 0) num *= BigInteger.Pow(10, pow10);
        else den *= BigInteger.Pow(10, -pow10);
        var quotient = BigInteger.DivRem(num, den, out var remainder);
        int half = (remainder * 2).CompareTo(den);
        if (half > 0 || (half == 0 && !quotient.IsEven)) quotient += 1;
        return quotient;
    }
}
