using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NNTools;

/// <summary>
/// The backward of elementwise activations as one loop over g and the saved output instead of two or
/// three tensor ops, each loop doing the composed ops' exact floating-point sequence (so the same bits).
/// Used when g has the output's dtype; the caller falls back to the composition otherwise.
/// </summary>
public sealed partial class Tensor
{
    private interface IActivationGrad
    {
        /// <summary>dL/dx from g = dL/dy and the activation's output y.</summary>
        static abstract T Apply<T>(T g, T y) where T : unmanaged, IFloatingPointIeee754<T>;

        /// <summary>The same, lane by lane, with the same operations in the same order (the JIT does not contract them into FMAs).</summary>
        static abstract Vector<T> Apply<T>(Vector<T> g, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

        // The same for float32 without a type parameter, for the float loop (see ActivationGradSingle).
        static abstract float Apply(float g, float y);
        static abstract Vector512<float> Apply(Vector512<float> g, Vector512<float> y);
        static abstract Vector256<float> Apply(Vector256<float> g, Vector256<float> y);
    }

    /// <summary>tanh: g · (1 − y · y).</summary>
    private struct TanhGrad : IActivationGrad
    {
        public static T Apply<T>(T g, T y) where T : unmanaged, IFloatingPointIeee754<T> => g * (T.One - y * y);

        public static Vector<T> Apply<T>(Vector<T> g, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => g * (Vector<T>.One - y * y);

        public static float Apply(float g, float y) => g * (1f - y * y);

        public static Vector512<float> Apply(Vector512<float> g, Vector512<float> y) => g * (Vector512<float>.One - y * y);

        public static Vector256<float> Apply(Vector256<float> g, Vector256<float> y) => g * (Vector256<float>.One - y * y);
    }

    /// <summary>sigmoid: (g · y) · (1 − y).</summary>
    private struct SigmoidGrad : IActivationGrad
    {
        public static T Apply<T>(T g, T y) where T : unmanaged, IFloatingPointIeee754<T> => g * y * (T.One - y);

        public static Vector<T> Apply<T>(Vector<T> g, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => g * y * (Vector<T>.One - y);

        public static float Apply(float g, float y) => g * y * (1f - y);

        public static Vector512<float> Apply(Vector512<float> g, Vector512<float> y) => g * y * (Vector512<float>.One - y);

        public static Vector256<float> Apply(Vector256<float> g, Vector256<float> y) => g * y * (Vector256<float>.One - y);
    }

    /// <summary>relu: g · (y &gt; 0 ? 1 : 0), a product (not a select) so that g's NaN, infinity and sign carry as PyTorch's mask product does.</summary>
    private struct ReluGrad : IActivationGrad
    {
        public static T Apply<T>(T g, T y) where T : unmanaged, IFloatingPointIeee754<T> => g * (y > T.Zero ? T.One : T.Zero);

        public static Vector<T> Apply<T>(Vector<T> g, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
            g * Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero);

        public static float Apply(float g, float y) => g * (y > 0f ? 1f : 0f);

        public static Vector512<float> Apply(Vector512<float> g, Vector512<float> y) =>
            g * Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);

        public static Vector256<float> Apply(Vector256<float> g, Vector256<float> y) =>
            g * Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);
    }

    /// <summary>F(g, y) elementwise for a floating y and a g of y's shape and dtype (any layout); null when g's dtype differs.</summary>
    private static Tensor? ActivationGrad<TF>(Tensor g, Tensor y) where TF : IActivationGrad
    {
        if (g.DType != y.DType || !y.DType.IsFloating()) return null;
        var result = EmptyUninitialized(y.Sizes, y.DType);
        if (y.DType == DType.Float32) ActivationGradSingle<TF>(g.ContiguousSpan<float>(), y.ContiguousSpan<float>(), result.WritableSpan<float>());
        else ActivationGrad<double, TF>(g, y, result);
        return result;
    }

    private static void ActivationGrad<T, TF>(Tensor g, Tensor y, Tensor result) where T : unmanaged, IFloatingPointIeee754<T> where TF : IActivationGrad
    {
        var gs = g.ContiguousSpan<T>();
        var ys = y.ContiguousSpan<T>();
        var o = result.WritableSpan<T>();
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= o.Length; i += Vector<T>.Count)
            {
                TF.Apply(new Vector<T>(gs[i..]), new Vector<T>(ys[i..])).CopyTo(o[i..]);
            }
        }
        for (; i < o.Length; i++) o[i] = TF.Apply(gs[i], ys[i]);
    }

    /// <summary>
    /// The float32 loop, without a type parameter: instantiated over T, the vector loop took about 1.5 ms
    /// more to compile on our VMs (SimdArith's remarks), paid in the first backward pass of every run.
    /// Fixed-width vectors and unchecked loads, as SimdArith: the Vector&lt;float&gt; loop with span slices
    /// took about 2 ms more to compile here.
    /// </summary>
    private static void ActivationGradSingle<TF>(ReadOnlySpan<float> gs, ReadOnlySpan<float> ys, Span<float> o) where TF : IActivationGrad
    {
        if (gs.Length < o.Length || ys.Length < o.Length) throw new ArgumentException("activation gradient: operand shorter than the output");
        ref float rg = ref MemoryMarshal.GetReference(gs);
        ref float ry = ref MemoryMarshal.GetReference(ys);
        ref float ro = ref MemoryMarshal.GetReference(o);
        nuint i = 0, end = (nuint)o.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= end; i += 16)
                TF.Apply(Vector512.LoadUnsafe(ref rg, i), Vector512.LoadUnsafe(ref ry, i)).StoreUnsafe(ref ro, i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= end; i += 8)
                TF.Apply(Vector256.LoadUnsafe(ref rg, i), Vector256.LoadUnsafe(ref ry, i)).StoreUnsafe(ref ro, i);
        }
        for (; i < end; i++) Unsafe.Add(ref ro, i) = TF.Apply(Unsafe.Add(ref rg, i), Unsafe.Add(ref ry, i));
    }
}
