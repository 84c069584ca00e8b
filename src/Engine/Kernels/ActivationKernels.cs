using System.Numerics;
using System.Runtime.Intrinsics;

namespace NNTools.Kernels;

/// <summary>
/// Fused activation loops: the float32 tanh forward, and the backward of elementwise activations as one
/// loop over g and the saved output y, the gradient formula F(g, y) being SimdArith's binary op, each lane
/// doing the composed ops' exact floating-point sequence (the JIT does not contract the products and sums
/// into FMAs), so the same bits as the composition.
/// </summary>
internal static class ActivationKernels
{
    /// <summary><paramref name="result"/> = tanh(<paramref name="a"/>) for float32, through the vectorized kernel (a strided input is read as a contiguous copy).</summary>
    public static void TanhFloat32(Tensor a, Tensor result) => VectorMath.Tanh(a.ContiguousSpan<float>(), result.WritableSpan<float>());

    /// <summary>
    /// <paramref name="result"/> (contiguous) = F(g, y) elementwise, for g and y of one floating dtype and shape
    /// (any layout: a strided one is read as a contiguous copy).
    /// </summary>
    public static void Backward<TF>(Tensor g, Tensor y, Tensor result) where TF : SimdArith.IOp
    {
        // float32 straight to the float loop: one dispatch method fewer to compile in a first backward pass.
        if (y.DType == DType.Float32) SimdArith.SpansSingle<TF>(g.ContiguousSpan<float>(), y.ContiguousSpan<float>(), result.WritableSpan<float>());
        else SimdArith.Spans<double, TF>(g.ContiguousSpan<double>(), y.ContiguousSpan<double>(), result.WritableSpan<double>());
    }

    /// <summary>tanh: g · (1 − y · y).</summary>
    public struct TanhGrad : SimdArith.IOp
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
    public struct SigmoidGrad : SimdArith.IOp
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
    public struct ReluGrad : SimdArith.IOp
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
}
