using System.Numerics;
using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>Host reads and writes are plain array copies here; the optimizers' updates are the fused SIMD loops.</summary>
internal sealed partial class ManagedBackend
{
    public void CopyToHost(Tensor src, Array dst) => CopyKernels.ToHost(src, dst);

    public void CopyFromHost<TFrom>(ReadOnlySpan<TFrom> src, Tensor dst) where TFrom : unmanaged, INumber<TFrom> => CopyKernels.FromHost(src, dst);

    public object Item(Tensor src) => CopyKernels.Item(src);

    public void WriteBytes(Stream stream, Tensor src, int chunkBytes) => CopyKernels.WriteBytes(stream, src, chunkBytes);

    public void ReadBytes(Stream stream, Tensor dst, int chunkBytes, CancellationToken cancellation) =>
        CopyKernels.ReadBytes(stream, dst, chunkBytes, cancellation);

    public bool AllFinite(Tensor t) => FiniteKernels.AllFinite(t);

    public long CountThresholdMatches(Tensor output, Tensor target, float threshold) => MetricKernels.CountThresholdMatches(output, target, threshold);

    public void SgdUpdate(Tensor param, Tensor grad, double lr, double weightDecay) => OptimizerKernels.Sgd(param, grad, lr, weightDecay);

    public void AdamUpdate(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double beta1, double beta2,
        double lr, double weightDecay, bool decoupled, bool maximize, double eps, double stepSize, double biasCorrection2Sqrt) =>
        OptimizerKernels.Adam(param, grad, expAvg, expAvgSq, beta1, beta2, lr, weightDecay, decoupled, maximize, eps, stepSize, biasCorrection2Sqrt);
}
