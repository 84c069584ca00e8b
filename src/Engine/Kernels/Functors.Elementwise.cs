using System.Numerics;

namespace NNTools.Kernels;

// Floating unary functions evaluated in double: float32 results are the double ones rounded, at
// least as close to the true value as torch's float32 kernels (differences stay within an ulp).
internal struct Log1pFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(SpecialMath.Log1p(double.CreateTruncating(x))); }
internal struct Expm1Fn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(SpecialMath.Expm1(double.CreateTruncating(x))); }
internal struct Log2Fn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Math.Log2(double.CreateTruncating(x))); }
internal struct Log10Fn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Math.Log10(double.CreateTruncating(x))); }
internal struct TanFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Math.Tan(double.CreateTruncating(x))); }
internal struct AsinFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Math.Asin(double.CreateTruncating(x))); }
internal struct AcosFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Math.Acos(double.CreateTruncating(x))); }
internal struct AtanFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Math.Atan(double.CreateTruncating(x))); }
internal struct SinhFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Math.Sinh(double.CreateTruncating(x))); }
internal struct CoshFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Math.Cosh(double.CreateTruncating(x))); }
internal struct TruncFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Truncate(x); }
internal struct ErfFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => SpecialMath.Erf(x); }
internal struct ErfcFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(SpecialMath.Erfc(double.CreateTruncating(x))); }
internal struct ErfinvFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => SpecialMath.Erfinv(x); }

/// <summary>atan2(a, b), only ever run with a floating compute type (integer inputs are promoted first).</summary>
internal struct Atan2Fn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => T.CreateTruncating(Math.Atan2(double.CreateTruncating(a), double.CreateTruncating(b)));
}

/// <summary>
/// a // b rounded towards -inf, as torch.floor_divide (1.13) and Python's //. Floats follow torch's
/// div_floor_floating: the quotient is (a - fmod(a, b)) / b, stepped down when the remainder's sign
/// differs from the divisor's, so -5 // inf is -1 as in Python; a zero divisor gives IEEE's a / b.
/// Integers refuse a zero divisor.
/// </summary>
internal struct FloorDivideFn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return (T)(object)Floating((float)(object)a, (float)(object)b);
        if (typeof(T) == typeof(double)) return (T)(object)Floating((double)(object)a, (double)(object)b);
        if (b == T.Zero) throw Raise(new NumericalException("IntegerDivisionByZero", "ZeroDivisionError: integer floor division by zero"));
        // long.MinValue / -1 overflows: an exception in .NET, SIGFPE in torch 1.13; wrapping negation answers instead.
        if (b == -T.One) return -a;
        var q = a / b;
        // Truncation rounded a negative inexact quotient up; step it down.
        if (a % b != T.Zero && (a < T.Zero) != (b < T.Zero)) q -= T.One;
        return q;
    }

    private static F Floating<F>(F a, F b) where F : IFloatingPointIeee754<F>
    {
        if (b == F.Zero) return a / b;
        // C#'s % on floating types is C's fmod: the remainder takes the dividend's sign.
        var mod = a % b;
        var div = (a - mod) / b;
        if (mod != F.Zero && (b < F.Zero) != (mod < F.Zero)) div -= F.One;
        if (div == F.Zero) return F.CopySign(F.Zero, a / b);
        var floor = F.Floor(div);
        if (div - floor > F.CreateTruncating(0.5)) floor += F.One;
        return floor;
    }
}
