using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// The backward of elementwise activations as one loop over g and the saved output instead of two or
/// three tensor ops, each lane doing the composed ops' exact floating-point sequence (so the same bits).
/// The loops are SimdArith's, with the gradient formula as the binary op F(g, y) (the functors of
/// Kernels/ActivationKernels.cs). Used when g has the output's dtype; the caller falls back to the
/// composition otherwise.
/// </summary>
public sealed partial class Tensor
{
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
        ActivationKernels.Backward<TF>(g, y, result);
        return result;
    }
}
