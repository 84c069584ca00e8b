using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// Elementwise functions as static-abstract interfaces, so the JIT specialises every kernel
/// per dtype and function: no delegates, no virtual calls, no boxing in the inner loops.
/// </summary>
internal interface IBinaryFn
{
    static abstract T Apply<T>(T a, T b) where T : unmanaged, INumber<T>;

    /// <summary>o = F(a, b) over whole spans with SIMD, or false when F has no such form (then Apply runs per element).
    /// Only for functions whose vector form rounds exactly as Apply does.</summary>
    static virtual bool Spans<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> => false;

    /// <summary>o = F(a, b) for a span and a scalar right operand, as <see cref="Spans"/>.</summary>
    static virtual bool SpanScalar<T>(ReadOnlySpan<T> a, T b, Span<T> o) where T : unmanaged, INumber<T> => false;

    /// <summary>o = F(a, b) for a scalar left operand and a span, as <see cref="Spans"/>.</summary>
    static virtual bool ScalarSpan<T>(T a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> => false;
}

internal interface ICompareFn
{
    static abstract bool Apply<T>(T a, T b) where T : unmanaged, INumber<T>;
}

internal interface IUnaryFn
{
    static abstract T Apply<T>(T x) where T : unmanaged, INumber<T>;

    /// <summary>o = F(x) over a whole span with SIMD, or false when F has none; only where the bits equal Apply's.</summary>
    static virtual bool Span<T>(ReadOnlySpan<T> x, Span<T> o) where T : unmanaged, INumber<T> => false;
}

/// <summary>A unary function defined only for floating dtypes (exp, log, tanh...).</summary>
internal interface IFloatUnaryFn
{
    static abstract T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>;
}

// The four arithmetic ops are single IEEE operations, so SimdArith's vector forms give the same bits as Apply.
internal struct AddFn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a + b;
    public static bool Spans<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.Spans<T, SimdArith.AddOp>(a, b, o); return true; }
    public static bool SpanScalar<T>(ReadOnlySpan<T> a, T b, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.WithScalar<T, SimdArith.AddOp>(a, b, false, o); return true; }
    public static bool ScalarSpan<T>(T a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.WithScalar<T, SimdArith.AddOp>(b, a, true, o); return true; }
}

internal struct SubFn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a - b;
    public static bool Spans<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.Spans<T, SimdArith.SubOp>(a, b, o); return true; }
    public static bool SpanScalar<T>(ReadOnlySpan<T> a, T b, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.WithScalar<T, SimdArith.SubOp>(a, b, false, o); return true; }
    public static bool ScalarSpan<T>(T a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.WithScalar<T, SimdArith.SubOp>(b, a, true, o); return true; }
}

internal struct MulFn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a * b;
    public static bool Spans<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.Spans<T, SimdArith.MulOp>(a, b, o); return true; }
    public static bool SpanScalar<T>(ReadOnlySpan<T> a, T b, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.WithScalar<T, SimdArith.MulOp>(a, b, false, o); return true; }
    public static bool ScalarSpan<T>(T a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.WithScalar<T, SimdArith.MulOp>(b, a, true, o); return true; }
}

/// <summary>a / b; the SIMD forms only for floating T (integer division by zero must throw per element).</summary>
internal struct DivFn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a / b;

    public static bool Spans<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T>
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return false;
        SimdArith.Spans<T, SimdArith.DivOp>(a, b, o);
        return true;
    }

    public static bool SpanScalar<T>(ReadOnlySpan<T> a, T b, Span<T> o) where T : unmanaged, INumber<T>
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return false;
        SimdArith.WithScalar<T, SimdArith.DivOp>(a, b, false, o);
        return true;
    }

    public static bool ScalarSpan<T>(T a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T>
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return false;
        SimdArith.WithScalar<T, SimdArith.DivOp>(b, a, true, o);
        return true;
    }
}

/// <summary>Python's modulo: the result takes the sign of the divisor (torch.remainder, the % operator).</summary>
internal struct RemainderFn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            var r = a % b;
            if (r != T.Zero && (r < T.Zero) != (b < T.Zero)) r += b;
            return r;
        }
        if (b == T.Zero) throw Raise(new NumericalException("IntegerDivisionByZero", "ZeroDivisionError: integer remainder by zero"));
        // x % -1 is 0; asked of the minimum, .NET's % throws instead of answering.
        if (T.IsNegative(b) && b == T.Zero - T.One) return T.Zero;
        var m = a % b;
        if (m != T.Zero && (m < T.Zero) != (b < T.Zero)) m += b;
        return m;
    }
}

/// <summary>Maximum that propagates NaN, like torch.maximum.</summary>
internal struct MaximumFn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => T.IsNaN(a) || T.IsNaN(b) ? a + b : (a > b ? a : b);
}

/// <summary>Minimum that propagates NaN, like torch.minimum.</summary>
internal struct MinimumFn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => T.IsNaN(a) || T.IsNaN(b) ? a + b : (a < b ? a : b);
}

internal struct PowFn : IBinaryFn
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return (T)(object)MathF.Pow((float)(object)a, (float)(object)b);
        if (typeof(T) == typeof(double)) return (T)(object)Math.Pow((double)(object)a, (double)(object)b);
        long x = long.CreateTruncating(a), e = long.CreateTruncating(b);
        // As torch's integer pow with a tensor exponent: 1/x^|e| truncated, so 0 unless x is 1 or -1
        // (a Python-int exponent is refused before any kernel runs, see Tensor.Pow(long)).
        if (e < 0) return T.CreateTruncating(x == 1 ? 1L : x == -1 ? ((e & 1) != 0 ? -1L : 1L) : 0L);
        long r = 1;
        while (e > 0)
        {
            if ((e & 1) != 0) r *= x;
            x *= x;
            e >>= 1;
        }
        return T.CreateTruncating(r);
    }
}

internal struct EqFn : ICompareFn { public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a == b; }
internal struct NeFn : ICompareFn { public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a != b; }
internal struct LtFn : ICompareFn { public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a < b; }
internal struct LeFn : ICompareFn { public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a <= b; }
internal struct GtFn : ICompareFn { public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a > b; }
internal struct GeFn : ICompareFn { public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a >= b; }

internal struct NegFn : IUnaryFn
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => -x;
    public static bool Span<T>(ReadOnlySpan<T> x, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.Negate(x, o); return true; }
}
/// <summary>|x|; integers negate unchecked, so the minimum stays the minimum as in torch (T.Abs throws there).</summary>
internal struct AbsFn : IUnaryFn
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> =>
        typeof(T) == typeof(float) || typeof(T) == typeof(double) ? T.Abs(x) : (x < T.Zero ? T.Zero - x : x);
}
/// <summary>max(x, 0) keeping NaN; the SIMD form is IEEE maximum(x, +0), which also keeps NaN and maps -0 to +0.</summary>
internal struct ReluFn : IUnaryFn
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => x > T.Zero ? x : (T.IsNaN(x) ? x : T.Zero);
    public static bool Span<T>(ReadOnlySpan<T> x, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.WithScalar<T, SimdArith.MaxOp>(x, T.Zero, false, o); return true; }
}

internal struct SignFn : IUnaryFn
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> =>
        T.IsNaN(x) ? T.Zero : (x > T.Zero ? T.One : (x < T.Zero ? -T.One : T.Zero));
}

internal struct SquareFn : IUnaryFn
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => x * x;
    public static bool Span<T>(ReadOnlySpan<T> x, Span<T> o) where T : unmanaged, INumber<T> { SimdArith.Spans<T, SimdArith.MulOp>(x, x, o); return true; }
}

internal struct ExpFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Exp(x); }
internal struct LogFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Log(x); }
internal struct SqrtFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Sqrt(x); }
internal struct SinFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Sin(x); }
internal struct CosFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Cos(x); }
internal struct TanhFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Tanh(x); }
internal struct FloorFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Floor(x); }
internal struct CeilFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Ceiling(x); }

/// <summary>Round half to even, as torch.round.</summary>
internal struct RoundFn : IFloatUnaryFn { public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Round(x, MidpointRounding.ToEven); }

/// <summary>1 / (1 + e^-x), written to stay finite for large |x|.</summary>
internal struct SigmoidFn : IFloatUnaryFn
{
    public static T Apply<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x >= T.Zero) return T.One / (T.One + T.Exp(-x));
        var e = T.Exp(x);
        return e / (T.One + e);
    }
}
