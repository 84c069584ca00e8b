using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// The error function family, which .NET's Math lacks. erf and erfc are evaluated in double to a
/// few ulps; float32 callers round the double result, which is at least as close as torch's
/// float32 kernels (within 1 ulp). erfinv follows torch's own algorithm step for step, in the
/// caller's precision, because its last digits come from the two Newton steps torch takes.
/// </summary>
internal static class SpecialMath
{
    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>Past this |x| erf is ±1 and erfc's continued fraction converges in a few dozen terms.</summary>
    private const double SeriesLimit = 2.5;

    /// <summary>
    /// erf(x) = 2/√π e^(-x²) Σ 2ⁿ x^(2n+1) / (1·3···(2n+1)) below <see cref="SeriesLimit"/>: every term
    /// is positive, so the sum loses nothing to cancellation; 1 - erfc(|x|) above it.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < SeriesLimit)
        {
            double x2 = x * x, term = x, sum = x;
            for (int n = 1; Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= 2 * x2 / (2 * n + 1);
                sum += term;
            }
            return TwoOverSqrtPi * Math.Exp(-x2) * sum;
        }
        double e = 1 - ErfcLarge(ax);
        return x < 0 ? -e : e;
    }

    /// <summary>1 - erf(x): the subtraction costs under 2e-12 relative below <see cref="SeriesLimit"/>; a continued fraction above.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        return x < SeriesLimit ? 1 - Erf(x) : ErfcLarge(x);
    }

    /// <summary>
    /// erfc(x) = e^(-x²)/√π / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated by Lentz's method,
    /// for x ≥ <see cref="SeriesLimit"/>; 0 once e^(-x²) underflows.
    /// </summary>
    private static double ErfcLarge(double x)
    {
        if (x > 27.3) return 0;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k * 0.5;
            d = 1 / (x + a * d);
            c = x + a / c;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-x * x) / (1.7724538509055159 * f);
    }

    /// <summary>erf in T's precision: the double value rounded.</summary>
    public static T Erf<T>(T x) where T : IFloatingPointIeee754<T> => T.CreateTruncating(Erf(double.CreateTruncating(x)));

    /// <summary>
    /// The inverse error function as torch's calc_erfinv computes it (a rational first guess from
    /// Pavlis's erfinv for MATLAB, then two Newton steps), in T's arithmetic: NaN outside [-1, 1],
    /// ±inf at ±1.
    /// </summary>
    public static T Erfinv<T>(T y) where T : IFloatingPointIeee754<T>
    {
        T yAbs = T.Abs(y);
        if (yAbs > T.One) return T.NaN;
        if (yAbs == T.One) return T.CopySign(T.PositiveInfinity, y);
        T x;
        if (yAbs <= C<T>(0.7))
        {
            T z = y * y;
            T num = ((C<T>(-0.140543331) * z + C<T>(0.914624893)) * z + C<T>(-1.645349621)) * z + C<T>(0.886226899);
            T dem = (((C<T>(0.012229801) * z + C<T>(-0.329097515)) * z + C<T>(1.442710462)) * z + C<T>(-2.118377725)) * z + T.One;
            x = y * num / dem;
        }
        else
        {
            T z = T.Sqrt(-T.Log((T.One - yAbs) / C<T>(2.0)));
            T num = ((C<T>(1.641345311) * z + C<T>(3.429567803)) * z + C<T>(-1.624906493)) * z + C<T>(-1.970840454);
            T dem = (C<T>(1.6370678) * z + C<T>(3.5438892)) * z + T.One;
            x = T.CopySign(num, y) / dem;
        }
        T slope = C<T>(2.0) / C<T>(Math.Sqrt(Math.PI));
        x -= (Erf(x) - y) / (slope * T.Exp(-x * x));
        x -= (Erf(x) - y) / (slope * T.Exp(-x * x));
        return x;
    }

    /// <summary>log(1 + x) without the rounding of 1 + x: log(u) · x / (u - 1) with u = 1 + x cancels that error (Goldberg's trick).</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        if (u == 1 || double.IsPositiveInfinity(u)) return u == 1 ? x : u;
        return Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x - 1 without cancellation near 0: (u - 1) · x / log(u) with u = e^x.</summary>
    public static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        if (um1 == -1 || double.IsPositiveInfinity(u)) return um1;
        return um1 * x / Math.Log(u);
    }

    private static T C<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);
}
