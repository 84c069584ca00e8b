using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NNTools.Kernels;

/// <summary>
/// Vectorized float32 transcendental functions, for ops where libm's scalar call per element was
/// the whole cost (docs/perf-log.md: Vector math). Every element goes through the
/// vector code, a ragged tail too (padded), so an element's result does not depend on where it sits.
/// The algorithms are the Cephes single-precision routines; tanh is within 1 ulp of the correctly
/// rounded value (as Sleef's, PyTorch's vectorized kernels, are), checked against a double reference
/// in the tests.
/// </summary>
internal static class VectorMath
{
    /// <summary>y = tanh(x) elementwise; x and y have the same length (they may be the same span).</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        int bits = SimdWidth.Bits;
        if (bits >= 512)
        {
            for (; i + Vector512<float>.Count <= x.Length; i += Vector512<float>.Count)
            {
                Tanh(Vector512.Create(x.Slice(i, Vector512<float>.Count))).CopyTo(y.Slice(i, Vector512<float>.Count));
            }
        }
        if (bits >= 256)
        {
            for (; i + Vector256<float>.Count <= x.Length; i += Vector256<float>.Count)
            {
                Tanh(Vector256.Create(x.Slice(i, Vector256<float>.Count))).CopyTo(y.Slice(i, Vector256<float>.Count));
            }
        }
        // ARM64 (and any CPU without 256-bit vectors) runs 128-bit AdvSimd or SSE lanes; so does the tail.
        for (; i + Vector128<float>.Count <= x.Length; i += Vector128<float>.Count)
        {
            Tanh(Vector128.Create(x.Slice(i, Vector128<float>.Count))).CopyTo(y.Slice(i, Vector128<float>.Count));
        }
        if (i < x.Length)
        {
            Span<float> tail = stackalloc float[Vector128<float>.Count];
            tail.Clear();
            x[i..].CopyTo(tail);
            Tanh(Vector128.Create((ReadOnlySpan<float>)tail)).CopyTo(tail);
            tail[..(x.Length - i)].CopyTo(y[i..]);
        }
    }

    /// <summary>
    /// Cephes tanhf: x + x z P(z) with z = x² for |x| &lt; 0.625; 1 − 2 / (e^{2|x|} + 1) with x's sign
    /// above (exactly ±1 past |x| = 8.664339742, where torch's float32 tanh, SLEEF's, saturates although
    /// the true value still rounds to 1 - 2^-24; NaN stays NaN). Below 2^-12 tanh x
    /// rounds to x itself, which also keeps the sign of −0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var a = Vector256.Abs(x);
        var z = x * x;
        var p = ((((Vector256.Create(-5.70498872745E-3f) * z + Vector256.Create(2.06390887954E-2f)) * z
            - Vector256.Create(5.37397155531E-2f)) * z + Vector256.Create(1.33314422036E-1f)) * z
            - Vector256.Create(3.33332819422E-1f)) * z * x + x;
        var e = Exp(Vector256.Min(a + a, Vector256.Create(18.2f)));
        var large = Vector256<float>.One - Vector256.Create(2f) / (e + Vector256<float>.One);
        large = Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256.Create(8.664339742f)), Vector256<float>.One, large);
        // x's sign bit onto |result| (a NaN x has a NaN a, which propagates through e).
        large = Vector256.ConditionalSelect(Vector256.Create(-0f), x, large);
        var small = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(2.44140625e-4f)), x, p);
        return Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(0.625f)), small, large);
    }

    /// <summary>
    /// <see cref="Tanh(Vector256{float})"/> on 16 lanes: the same operations in the same order, so a
    /// lane's result is the same bits whichever width computed it (the C# vector API has no common
    /// generic form of the widths, hence the copies).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var a = Vector512.Abs(x);
        var z = x * x;
        var p = ((((Vector512.Create(-5.70498872745E-3f) * z + Vector512.Create(2.06390887954E-2f)) * z
            - Vector512.Create(5.37397155531E-2f)) * z + Vector512.Create(1.33314422036E-1f)) * z
            - Vector512.Create(3.33332819422E-1f)) * z * x + x;
        var e = Exp(Vector512.Min(a + a, Vector512.Create(18.2f)));
        var large = Vector512<float>.One - Vector512.Create(2f) / (e + Vector512<float>.One);
        large = Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512.Create(8.664339742f)), Vector512<float>.One, large);
        large = Vector512.ConditionalSelect(Vector512.Create(-0f), x, large);
        var small = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(2.44140625e-4f)), x, p);
        return Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(0.625f)), small, large);
    }

    /// <summary>The 16-lane copy of <see cref="Exp(Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp(Vector512<float> x)
    {
        var n = Vector512.Round(x * Vector512.Create(1.44269504088896341f));
        var r = x - n * Vector512.Create(0.693359375f) + n * Vector512.Create(2.12194440e-4f);
        var r2 = r * r;
        var poly = (((((Vector512.Create(1.9875691500E-4f) * r + Vector512.Create(1.3981999507E-3f)) * r
            + Vector512.Create(8.3334519073E-3f)) * r + Vector512.Create(4.1665795894E-2f)) * r
            + Vector512.Create(1.6666665459E-1f)) * r + Vector512.Create(5.0000001201E-1f)) * r2 + r + Vector512<float>.One;
        var scale = ((Vector512.ConvertToInt32(n) + Vector512.Create(127)) << 23).AsSingle();
        return poly * scale;
    }

    /// <summary>
    /// Cephes expf for arguments in [0, 88]: e^x = 2^n e^r with n = round(x / ln 2) and |r| ≤ ln 2 / 2,
    /// e^r from its degree-6 minimax polynomial, 2^n put straight into the exponent bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        var n = Vector256.Round(x * Vector256.Create(1.44269504088896341f));
        var r = x - n * Vector256.Create(0.693359375f) + n * Vector256.Create(2.12194440e-4f);
        var r2 = r * r;
        var poly = (((((Vector256.Create(1.9875691500E-4f) * r + Vector256.Create(1.3981999507E-3f)) * r
            + Vector256.Create(8.3334519073E-3f)) * r + Vector256.Create(4.1665795894E-2f)) * r
            + Vector256.Create(1.6666665459E-1f)) * r + Vector256.Create(5.0000001201E-1f)) * r2 + r + Vector256<float>.One;
        var scale = ((Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23).AsSingle();
        return poly * scale;
    }

    /// <summary>The 4-lane copy of <see cref="Tanh(Vector256{float})"/>, for ARM64's 128-bit vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        var a = Vector128.Abs(x);
        var z = x * x;
        var p = ((((Vector128.Create(-5.70498872745E-3f) * z + Vector128.Create(2.06390887954E-2f)) * z
            - Vector128.Create(5.37397155531E-2f)) * z + Vector128.Create(1.33314422036E-1f)) * z
            - Vector128.Create(3.33332819422E-1f)) * z * x + x;
        var e = Exp(Vector128.Min(a + a, Vector128.Create(18.2f)));
        var large = Vector128<float>.One - Vector128.Create(2f) / (e + Vector128<float>.One);
        large = Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128.Create(8.664339742f)), Vector128<float>.One, large);
        large = Vector128.ConditionalSelect(Vector128.Create(-0f), x, large);
        var small = Vector128.ConditionalSelect(Vector128.LessThan(a, Vector128.Create(2.44140625e-4f)), x, p);
        return Vector128.ConditionalSelect(Vector128.LessThan(a, Vector128.Create(0.625f)), small, large);
    }

    /// <summary>The 4-lane copy of <see cref="Exp(Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Exp(Vector128<float> x)
    {
        var n = Vector128.Round(x * Vector128.Create(1.44269504088896341f));
        var r = x - n * Vector128.Create(0.693359375f) + n * Vector128.Create(2.12194440e-4f);
        var r2 = r * r;
        var poly = (((((Vector128.Create(1.9875691500E-4f) * r + Vector128.Create(1.3981999507E-3f)) * r
            + Vector128.Create(8.3334519073E-3f)) * r + Vector128.Create(4.1665795894E-2f)) * r
            + Vector128.Create(1.6666665459E-1f)) * r + Vector128.Create(5.0000001201E-1f)) * r2 + r + Vector128<float>.One;
        var scale = ((Vector128.ConvertToInt32(n) + Vector128.Create(127)) << 23).AsSingle();
        return poly * scale;
    }
}
