using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>The finiteness scan and the optimizers' fused SIMD updates; host transfers are <see cref="HostBackend"/>'s.</summary>
internal sealed partial class ManagedBackend
{
    public bool AllFinite(Tensor t) => FiniteKernels.AllFinite(t);

    public void SgdUpdate(Tensor param, Tensor grad, double lr, double weightDecay) => OptimizerKernels.Sgd(param, grad, lr, weightDecay);

    public void AdamUpdate(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, in AdamStep step) =>
        OptimizerKernels.Adam(param, grad, expAvg, expAvgSq, step);
}
