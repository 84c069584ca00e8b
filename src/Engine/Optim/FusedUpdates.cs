using NNTools.Kernels;

namespace NNTools.Optim;

/// <summary>
/// The optimizers' per-parameter updates as one loop over the elements, for the common case of a
/// contiguous parameter and gradient of one floating dtype. Each loop performs exactly the tensor
/// ops of the composed update, element by element and in the same order (a number is first rounded
/// to the tensor's dtype, as a wrapped scalar is; torch.add with alpha is one fused multiply-add),
/// so the parameters come out bit for bit the same, without a temporary tensor per op. The loops
/// are in <see cref="OptimizerKernels"/>; this class picks the case and bumps the versions.
/// </summary>
internal static class FusedUpdates
{
    /// <summary>True when <paramref name="param"/> and the tensors beside it can be updated through flat spans.</summary>
    public static bool Applies(Tensor param, params ReadOnlySpan<Tensor> others)
    {
        if (!param.DType.IsFloating() || !param.IsContiguous()) return false;
        foreach (var t in others)
        {
            if (t.DType != param.DType || !t.IsContiguous() || !Shapes.SameShape(t.Sizes, param.Sizes) || t.SharesStorageWith(param)) return false;
        }
        return true;
    }

    /// <summary>SGD without momentum: dp = weight_decay ≠ 0 ? grad + wd · p : grad; p = p − lr · dp.</summary>
    public static void Sgd(Tensor param, Tensor grad, double lr, double weightDecay)
    {
        Backends.Backend.SgdUpdate(param, grad, lr, weightDecay);
        param.BumpVersion();
    }

    /// <summary>Adam's update after the step count was advanced (no amsgrad): <see cref="Kernels.AdamStep"/> says what it computes.</summary>
    public static void Adam(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double beta1, double beta2,
        double lr, double weightDecay, bool decoupled, bool maximize, double eps, double stepSize, double biasCorrection2Sqrt)
    {
        Backends.Backend.AdamUpdate(param, grad, expAvg, expAvgSq,
            new Kernels.AdamStep(beta1, beta2, lr, weightDecay, decoupled, maximize, eps, stepSize, biasCorrection2Sqrt));
        param.BumpVersion();
        expAvg.BumpVersion();
        expAvgSq.BumpVersion();
    }
}
