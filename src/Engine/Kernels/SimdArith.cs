using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NNTools.Kernels;

/// <summary>
/// Elementwise add, subtract, multiply, divide, maximum and negate over spans, with 512-, 256- and
/// 128-bit vectors and a scalar tail. Each is one IEEE operation per element, so the bits are those of
/// the scalar operator.
/// </summary>
/// <remarks>
/// Why not TensorPrimitives: each of its generic instantiations (one per op, operand form and dtype)
/// costs about ten times as much JIT at its first call as one of these loops, and a training step's
/// first passes instantiate a dozen of them, most of a short run's start-up; once compiled, these
/// loops are as fast (docs/perf-log.md: First-step JIT).
/// Operands may be the same span as the output (in place) but must not otherwise overlap it.
/// <para>
/// float32 runs on copies of the loops written without a type parameter: a method instantiated over
/// T that does Vector512&lt;T&gt; arithmetic compiles several times slower than the same loop on float
/// (docs/perf-log.md: Generic vector code), and a first backward pass meets several of them. Other
/// dtypes keep the generic loops.
/// </para>
/// </remarks>
internal static class SimdArith
{
    internal interface IOp
    {
        static abstract T Apply<T>(T a, T b) where T : unmanaged, INumber<T>;
        static abstract Vector512<T> Apply<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, INumber<T>;
        static abstract Vector256<T> Apply<T>(Vector256<T> a, Vector256<T> b) where T : unmanaged, INumber<T>;
        static abstract Vector128<T> Apply<T>(Vector128<T> a, Vector128<T> b) where T : unmanaged, INumber<T>;

        // The same for float32 without a type parameter, for the float loops (see the class remarks).
        static abstract float Apply(float a, float b);
        static abstract Vector512<float> Apply(Vector512<float> a, Vector512<float> b);
        static abstract Vector256<float> Apply(Vector256<float> a, Vector256<float> b);
        static abstract Vector128<float> Apply(Vector128<float> a, Vector128<float> b);
    }

    internal struct AddOp : IOp
    {
        public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a + b;
        public static Vector512<T> Apply<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, INumber<T> => a + b;
        public static Vector256<T> Apply<T>(Vector256<T> a, Vector256<T> b) where T : unmanaged, INumber<T> => a + b;
        public static Vector128<T> Apply<T>(Vector128<T> a, Vector128<T> b) where T : unmanaged, INumber<T> => a + b;
        public static float Apply(float a, float b) => a + b;
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a + b;
        public static Vector256<float> Apply(Vector256<float> a, Vector256<float> b) => a + b;
        public static Vector128<float> Apply(Vector128<float> a, Vector128<float> b) => a + b;
    }

    internal struct SubOp : IOp
    {
        public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a - b;
        public static Vector512<T> Apply<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, INumber<T> => a - b;
        public static Vector256<T> Apply<T>(Vector256<T> a, Vector256<T> b) where T : unmanaged, INumber<T> => a - b;
        public static Vector128<T> Apply<T>(Vector128<T> a, Vector128<T> b) where T : unmanaged, INumber<T> => a - b;
        public static float Apply(float a, float b) => a - b;
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a - b;
        public static Vector256<float> Apply(Vector256<float> a, Vector256<float> b) => a - b;
        public static Vector128<float> Apply(Vector128<float> a, Vector128<float> b) => a - b;
    }

    internal struct MulOp : IOp
    {
        public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a * b;
        public static Vector512<T> Apply<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, INumber<T> => a * b;
        public static Vector256<T> Apply<T>(Vector256<T> a, Vector256<T> b) where T : unmanaged, INumber<T> => a * b;
        public static Vector128<T> Apply<T>(Vector128<T> a, Vector128<T> b) where T : unmanaged, INumber<T> => a * b;
        public static float Apply(float a, float b) => a * b;
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a * b;
        public static Vector256<float> Apply(Vector256<float> a, Vector256<float> b) => a * b;
        public static Vector128<float> Apply(Vector128<float> a, Vector128<float> b) => a * b;
    }

    /// <summary>Division; callers use it for floating T only (integer division by zero must throw per element).</summary>
    internal struct DivOp : IOp
    {
        public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a / b;
        public static Vector512<T> Apply<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, INumber<T> => a / b;
        public static Vector256<T> Apply<T>(Vector256<T> a, Vector256<T> b) where T : unmanaged, INumber<T> => a / b;
        public static Vector128<T> Apply<T>(Vector128<T> a, Vector128<T> b) where T : unmanaged, INumber<T> => a / b;
        public static float Apply(float a, float b) => a / b;
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a / b;
        public static Vector256<float> Apply(Vector256<float> a, Vector256<float> b) => a / b;
        public static Vector128<float> Apply(Vector128<float> a, Vector128<float> b) => a / b;
    }

    /// <summary>IEEE 754:2019 maximum: NaN if either operand is NaN, and +0 above -0 (Math.Max, Vector512.Max).</summary>
    internal struct MaxOp : IOp
    {
        public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => T.Max(a, b);
        public static Vector512<T> Apply<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, INumber<T> => Vector512.Max(a, b);
        public static Vector256<T> Apply<T>(Vector256<T> a, Vector256<T> b) where T : unmanaged, INumber<T> => Vector256.Max(a, b);
        public static Vector128<T> Apply<T>(Vector128<T> a, Vector128<T> b) where T : unmanaged, INumber<T> => Vector128.Max(a, b);
        public static float Apply(float a, float b) => float.Max(a, b);
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
        public static Vector256<float> Apply(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
        public static Vector128<float> Apply(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
    }

    /// <summary>Negation of the first operand; the second is ignored, so negation shares <see cref="WithScalar{T, TOp}"/>'s loop.</summary>
    internal struct NegOp : IOp
    {
        public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => -a;
        public static Vector512<T> Apply<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, INumber<T> => -a;
        public static Vector256<T> Apply<T>(Vector256<T> a, Vector256<T> b) where T : unmanaged, INumber<T> => -a;
        public static Vector128<T> Apply<T>(Vector128<T> a, Vector128<T> b) where T : unmanaged, INumber<T> => -a;
        public static float Apply(float a, float b) => -a;
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => -a;
        public static Vector256<float> Apply(Vector256<float> a, Vector256<float> b) => -a;
        public static Vector128<float> Apply(Vector128<float> a, Vector128<float> b) => -a;
    }

    public static void Add<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> => Spans<T, AddOp>(a, b, o);
    public static void Subtract<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> => Spans<T, SubOp>(a, b, o);
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> => Spans<T, MulOp>(a, b, o);

    /// <summary>o[i] = F(a[i], b[i]) for i below a.Length; b as long as a, o at least as long.</summary>
    public static void Spans<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : unmanaged, INumber<T> where TOp : IOp
    {
        if (typeof(T) == typeof(float))
        {
            SpansSingle<TOp>(MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(o));
            return;
        }
        int n = a.Length;
        if (b.Length != n || o.Length < n) throw LengthMismatch(a.Length, b.Length, o.Length);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T ro = ref MemoryMarshal.GetReference(o);
        nuint i = 0, end = (nuint)n;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; end >= AlignFrom && i < end && !IsAligned(ref Unsafe.Add(ref ro, i)); i++)
                Unsafe.Add(ref ro, i) = TOp.Apply(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i));
            for (; i + (nuint)Vector512<T>.Count <= end; i += (nuint)Vector512<T>.Count)
                TOp.Apply(Vector512.LoadUnsafe(ref ra, i), Vector512.LoadUnsafe(ref rb, i)).StoreUnsafe(ref ro, i);
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i + (nuint)Vector256<T>.Count <= end; i += (nuint)Vector256<T>.Count)
                TOp.Apply(Vector256.LoadUnsafe(ref ra, i), Vector256.LoadUnsafe(ref rb, i)).StoreUnsafe(ref ro, i);
        }
        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
        {
            for (; i + (nuint)Vector128<T>.Count <= end; i += (nuint)Vector128<T>.Count)
                TOp.Apply(Vector128.LoadUnsafe(ref ra, i), Vector128.LoadUnsafe(ref rb, i)).StoreUnsafe(ref ro, i);
        }
        for (; i < end; i++) Unsafe.Add(ref ro, i) = TOp.Apply(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i));
    }

    /// <summary><see cref="Spans{T, TOp}"/> for float32, written out without a type parameter (see the class remarks).</summary>
    internal static void SpansSingle<TOp>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> o) where TOp : IOp
    {
        int n = a.Length;
        if (b.Length != n || o.Length < n) throw LengthMismatch(a.Length, b.Length, o.Length);
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float ro = ref MemoryMarshal.GetReference(o);
        nuint i = 0, end = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; end >= AlignFrom && i < end && !IsAligned(ref Unsafe.Add(ref ro, i)); i++)
                Unsafe.Add(ref ro, i) = TOp.Apply(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i));
            for (; i + 16 <= end; i += 16)
                TOp.Apply(Vector512.LoadUnsafe(ref ra, i), Vector512.LoadUnsafe(ref rb, i)).StoreUnsafe(ref ro, i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= end; i += 8)
                TOp.Apply(Vector256.LoadUnsafe(ref ra, i), Vector256.LoadUnsafe(ref rb, i)).StoreUnsafe(ref ro, i);
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= end; i += 4)
                TOp.Apply(Vector128.LoadUnsafe(ref ra, i), Vector128.LoadUnsafe(ref rb, i)).StoreUnsafe(ref ro, i);
        }
        for (; i < end; i++) Unsafe.Add(ref ro, i) = TOp.Apply(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i));
    }

    /// <summary>
    /// Outputs of this many elements and more are written from a 64-byte boundary on (the first elements
    /// one by one): with .NET's 16-byte array alignment most 512-bit stores would otherwise split two
    /// cache lines, which measured 20-40 % slower in place at 16 K-4 M floats. Below it the prologue costs more than it saves.
    /// </summary>
    private const nuint AlignFrom = 4096;

    private static unsafe bool IsAligned<T>(ref T r) => (nuint)Unsafe.AsPointer(ref r) % 64 == 0;

    /// <summary>o[i] = F(a[i], s), or F(s, a[i]) when <paramref name="scalarFirst"/>; o at least as long as a.</summary>
    public static void WithScalar<T, TOp>(ReadOnlySpan<T> a, T s, bool scalarFirst, Span<T> o) where T : unmanaged, INumber<T> where TOp : IOp
    {
        if (typeof(T) == typeof(float))
        {
            var af = MemoryMarshal.Cast<T, float>(a);
            var of = MemoryMarshal.Cast<T, float>(o);
            float sf = Unsafe.As<T, float>(ref s);
            if (scalarFirst) WithScalarSingle<TOp, ScalarLeft>(af, sf, of);
            else WithScalarSingle<TOp, ScalarRight>(af, sf, of);
        }
        else if (scalarFirst) WithScalar<T, TOp, ScalarLeft>(a, s, o);
        else WithScalar<T, TOp, ScalarRight>(a, s, o);
    }

    private interface IOrder { static abstract bool ScalarFirst { get; } }
    private struct ScalarLeft : IOrder { public static bool ScalarFirst => true; }
    private struct ScalarRight : IOrder { public static bool ScalarFirst => false; }

    private static void WithScalar<T, TOp, TOrder>(ReadOnlySpan<T> a, T s, Span<T> o) where T : unmanaged, INumber<T> where TOp : IOp where TOrder : IOrder
    {
        int n = a.Length;
        if (o.Length < n) throw LengthMismatch(a.Length, o.Length);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T ro = ref MemoryMarshal.GetReference(o);
        nuint i = 0, end = (nuint)n;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var v = Vector512.Create(s);
            for (; end >= AlignFrom && i < end && !IsAligned(ref Unsafe.Add(ref ro, i)); i++)
            {
                var x = Unsafe.Add(ref ra, i);
                Unsafe.Add(ref ro, i) = TOrder.ScalarFirst ? TOp.Apply(s, x) : TOp.Apply(x, s);
            }
            for (; i + (nuint)Vector512<T>.Count <= end; i += (nuint)Vector512<T>.Count)
            {
                var x = Vector512.LoadUnsafe(ref ra, i);
                (TOrder.ScalarFirst ? TOp.Apply(v, x) : TOp.Apply(x, v)).StoreUnsafe(ref ro, i);
            }
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var v = Vector256.Create(s);
            for (; i + (nuint)Vector256<T>.Count <= end; i += (nuint)Vector256<T>.Count)
            {
                var x = Vector256.LoadUnsafe(ref ra, i);
                (TOrder.ScalarFirst ? TOp.Apply(v, x) : TOp.Apply(x, v)).StoreUnsafe(ref ro, i);
            }
        }
        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
        {
            var v = Vector128.Create(s);
            for (; i + (nuint)Vector128<T>.Count <= end; i += (nuint)Vector128<T>.Count)
            {
                var x = Vector128.LoadUnsafe(ref ra, i);
                (TOrder.ScalarFirst ? TOp.Apply(v, x) : TOp.Apply(x, v)).StoreUnsafe(ref ro, i);
            }
        }
        for (; i < end; i++)
        {
            var x = Unsafe.Add(ref ra, i);
            Unsafe.Add(ref ro, i) = TOrder.ScalarFirst ? TOp.Apply(s, x) : TOp.Apply(x, s);
        }
    }

    /// <summary><see cref="WithScalar{T, TOp}"/>'s loop for float32, written out without a type parameter (see the class remarks).</summary>
    private static void WithScalarSingle<TOp, TOrder>(ReadOnlySpan<float> a, float s, Span<float> o) where TOp : IOp where TOrder : IOrder
    {
        int n = a.Length;
        if (o.Length < n) throw LengthMismatch(a.Length, o.Length);
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float ro = ref MemoryMarshal.GetReference(o);
        nuint i = 0, end = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.Create(s);
            for (; end >= AlignFrom && i < end && !IsAligned(ref Unsafe.Add(ref ro, i)); i++)
            {
                var x = Unsafe.Add(ref ra, i);
                Unsafe.Add(ref ro, i) = TOrder.ScalarFirst ? TOp.Apply(s, x) : TOp.Apply(x, s);
            }
            for (; i + 16 <= end; i += 16)
            {
                var x = Vector512.LoadUnsafe(ref ra, i);
                (TOrder.ScalarFirst ? TOp.Apply(v, x) : TOp.Apply(x, v)).StoreUnsafe(ref ro, i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.Create(s);
            for (; i + 8 <= end; i += 8)
            {
                var x = Vector256.LoadUnsafe(ref ra, i);
                (TOrder.ScalarFirst ? TOp.Apply(v, x) : TOp.Apply(x, v)).StoreUnsafe(ref ro, i);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var v = Vector128.Create(s);
            for (; i + 4 <= end; i += 4)
            {
                var x = Vector128.LoadUnsafe(ref ra, i);
                (TOrder.ScalarFirst ? TOp.Apply(v, x) : TOp.Apply(x, v)).StoreUnsafe(ref ro, i);
            }
        }
        for (; i < end; i++)
        {
            var x = Unsafe.Add(ref ra, i);
            Unsafe.Add(ref ro, i) = TOrder.ScalarFirst ? TOp.Apply(s, x) : TOp.Apply(x, s);
        }
    }

    /// <summary>o[i] = -a[i] (a sign flip, so -0 for +0, as the scalar operator), on the scalar-operand loop.</summary>
    public static void Negate<T>(ReadOnlySpan<T> a, Span<T> o) where T : unmanaged, INumber<T> => WithScalar<T, NegOp>(a, T.Zero, false, o);

    // Error builders: an interpolated message is compiled with the method that throws it, and these loops are compiled once per op and dtype.
    private static ArgumentException LengthMismatch(int a, int b, int o) => new($"span lengths {a}, {b} -> {o}");

    private static ArgumentException LengthMismatch(int a, int o) => new($"span lengths {a} -> {o}");
}
