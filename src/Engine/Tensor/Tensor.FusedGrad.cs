using System.Numerics;
using System.Runtime.Intrinsics;
using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// The backward of elementwise activations as one loop over g and the saved output instead of two or
/// three tensor ops, each lane doing the composed ops' exact floating-point sequence (so the same bits).
/// The loops are SimdArith's, with the gradient formula as the binary op F(g, y) (the JIT does not
/// contract the products and sums into FMAs). Used when g has the output's dtype; the caller falls back
/// to the composition otherwise.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>tanh: g · (1 − y · y).</summary>
    private struct TanhGrad : SimdArith.IOp
    {
        public static T Apply<T>(T g, T y) where T : unmanaged, INumber<T> => g * (T.One - y * y);
        public static Vector512<T> Apply<T>(Vector512<T> g, Vector512<T> y) where T : unmanaged, INumber<T> => g * (Vector512<T>.One - y * y);
        public static Vector256<T> Apply<T>(Vector256<T> g, Vector256<T> y) where T : unmanaged, INumber<T> => g * (Vector256<T>.One - y * y);
        public static Vector128<T> Apply<T>(Vector128<T> g, Vector128<T> y) where T : unmanaged, INumber<T> => g * (Vector128<T>.One - y * y);
        public static float Apply(float g, float y) => g * (1f - y * y);
        public static Vector512<float> Apply(Vector512<float> g, Vector512<float> y) => g * (Vector512<float>.One - y * y);
        public static Vector256<float> Apply(Vector256<float> g, Vector256<float> y) => g * (Vector256<float>.One - y * y);
        public static Vector128<float> Apply(Vector128<float> g, Vector128<float> y) => g * (Vector128<float>.One - y * y);
    }

    /// <summary>sigmoid: (g · y) · (1 − y).</summary>
    private struct SigmoidGrad : SimdArith.IOp
    {
        public static T Apply<T>(T g, T y) where T : unmanaged, INumber<T> => g * y * (T.One - y);
        public static Vector512<T> Apply<T>(Vector512<T> g, Vector512<T> y) where T : unmanaged, INumber<T> => g * y * (Vector512<T>.One - y);
        public static Vector256<T> Apply<T>(Vector256<T> g, Vector256<T> y) where T : unmanaged, INumber<T> => g * y * (Vector256<T>.One - y);
        public static Vector128<T> Apply<T>(Vector128<T> g, Vector128<T> y) where T : unmanaged, INumber<T> => g * y * (Vector128<T>.One - y);
        public static float Apply(float g, float y) => g * y * (1f - y);
        public static Vector512<float> Apply(Vector512<float> g, Vector512<float> y) => g * y * (Vector512<float>.One - y);
        public static Vector256<float> Apply(Vector256<float> g, Vector256<float> y) => g * y * (Vector256<float>.One - y);
        public static Vector128<float> Apply(Vector128<float> g, Vector128<float> y) => g * y * (Vector128<float>.One - y);
    }

    /// <summary>relu: g · (y &gt; 0 ? 1 : 0), a product (not a select) so that g's NaN, infinity and sign carry as PyTorch's mask product does.</summary>
    private struct ReluGrad : SimdArith.IOp
    {
        public static T Apply<T>(T g, T y) where T : unmanaged, INumber<T> => g * (y > T.Zero ? T.One : T.Zero);
        public static Vector512<T> Apply<T>(Vector512<T> g, Vector512<T> y) where T : unmanaged, INumber<T> =>
            g * Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<T>.Zero), Vector512<T>.One, Vector512<T>.Zero);
        public static Vector256<T> Apply<T>(Vector256<T> g, Vector256<T> y) where T : unmanaged, INumber<T> =>
            g * Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<T>.Zero), Vector256<T>.One, Vector256<T>.Zero);
        public static Vector128<T> Apply<T>(Vector128<T> g, Vector128<T> y) where T : unmanaged, INumber<T> =>
            g * Vector128.ConditionalSelect(Vector128.GreaterThan(y, Vector128<T>.Zero), Vector128<T>.One, Vector128<T>.Zero);
        public static float Apply(float g, float y) => g * (y > 0f ? 1f : 0f);
        public static Vector512<float> Apply(Vector512<float> g, Vector512<float> y) =>
            g * Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);
        public static Vector256<float> Apply(Vector256<float> g, Vector256<float> y) =>
            g * Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);
        public static Vector128<float> Apply(Vector128<float> g, Vector128<float> y) =>
            g * Vector128.ConditionalSelect(Vector128.GreaterThan(y, Vector128<float>.Zero), Vector128<float>.One, Vector128<float>.Zero);
    }

    /// <summary>
    /// F(g, y) elementwise for a floating y and a g of y's shape and dtype (any layout); null when g's
    /// dtype differs. The result is always a new buffer: a gradient handed to a backward function may
    /// be held elsewhere too (a hook, Autograd.Grad's result, a retained grad), so it is never overwritten.
    /// </summary>
    private static Tensor? ActivationGrad<TF>(Tensor g, Tensor y) where TF : SimdArith.IOp
    {
        // A backward pass that builds a graph takes the composed ops, which record their nodes.
        if (g.DType != y.DType || !y.DType.IsFloating() || DifferentiableBackward) return null;
        var result = EmptyUninitialized(y.Sizes, y.DType);
        // float32 straight to the float loop: one dispatch method fewer to compile in a first backward pass.
        if (y.DType == DType.Float32) SimdArith.SpansSingle<TF>(g.ContiguousSpan<float>(), y.ContiguousSpan<float>(), result.WritableSpan<float>());
        else SimdArith.Spans<double, TF>(g.ContiguousSpan<double>(), y.ContiguousSpan<double>(), result.WritableSpan<double>());
        return result;
    }
}
