using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// PyTorch's fused pointwise ops that optimizers are written in, rounding as PyTorch's CPU kernels
/// do, so that an update rule ported line by line gives the same float32 bits:
/// add(other, alpha) is fma(alpha, other, self) and addcmul is fma(value · t1, t2, self), each
/// with one rounding for the multiply-add; addcdiv is self + (value · t1) / t2, rounded at every
/// step. Number arguments are first converted to the tensor's dtype, as PyTorch does.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>this + value · tensor1 · tensor2 (broadcast), as torch.addcmul.</summary>
    public Tensor Addcmul(Tensor tensor1, Tensor tensor2, double value = 1)
    {
        var scaled = tensor1.Mul(value);
        var rt = DTypes.Promote(TypePromotion.ResultType(this, scaled), TypePromotion.ResultType(scaled, tensor2));
        return rt.IsFloating() ? MulAdd(this, scaled, tensor2, rt, "AddcmulBackward0") : Add(scaled.Mul(tensor2));
    }

    /// <summary>this + value · tensor1 / tensor2 (broadcast), as torch.addcdiv.</summary>
    public Tensor Addcdiv(Tensor tensor1, Tensor tensor2, double value = 1) => Add(tensor1.Mul(value).Div(tensor2));

    /// <summary>In-place <see cref="Addcmul"/>: this += value · tensor1 · tensor2.</summary>
    public Tensor Addcmul_(Tensor tensor1, Tensor tensor2, double value = 1) => Apply_(c => c.Addcmul(tensor1, tensor2, value), tensor1, tensor2);

    /// <summary>In-place <see cref="Addcdiv"/>: this += value · tensor1 / tensor2.</summary>
    public Tensor Addcdiv_(Tensor tensor1, Tensor tensor2, double value = 1) => Apply_(c => c.Addcdiv(tensor1, tensor2, value), tensor1, tensor2);

    /// <summary>In-place square root, as torch's sqrt_().</summary>
    public Tensor Sqrt_() => Apply_(c => c.Sqrt());

    /// <summary>In-place elementwise maximum with <paramref name="other"/>, as torch.maximum(self, other, out=self).</summary>
    public Tensor Maximum_(Tensor other) => Apply_(c => c.Maximum(other), other);

    /// <summary>
    /// c + a · b with a single rounding (fused multiply-add), broadcast, in the floating dtype
    /// <paramref name="rt"/>; recorded for autograd (∂/∂c = 1, ∂/∂a = b, ∂/∂b = a).
    /// </summary>
    internal static Tensor MulAdd(Tensor c, Tensor a, Tensor b, DType rt, string name)
    {
        var shape = Shapes.Broadcast(c.Sizes, Shapes.Broadcast(a.Sizes, b.Sizes));
        var result = Empty(shape, rt);
        FusedKernels.MulAdd(Spread(a, shape, rt), Spread(b, shape, rt), Spread(c, shape, rt), result);
        return Record(result, name, [c, a, b],
            g => [GradFor(c, () => g), GradFor(a, () => g * b), GradFor(b, () => g * a)], a, b);
    }

    /// <summary><paramref name="t"/> converted to <paramref name="rt"/> and viewed (no copy) broadcast to <paramref name="shape"/>.</summary>
    private static Tensor Spread(Tensor t, int[] shape, DType rt)
    {
        var cast = t.CastRaw(rt);
        return new Tensor(cast.Storage, shape, BroadcastStrides(cast, shape), cast.Offset);
    }
}
