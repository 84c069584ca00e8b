using System.Numerics;
using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>
/// What every backend over managed arrays shares: the operations with one right answer and no
/// rounding to compare (host transfers, model-file bytes, gathers and puts at offsets, random draws
/// in the generator's order, and counting matches), run by the host kernels.
/// </summary>
internal abstract class HostBackend
{
    public void CopyToHost(Tensor src, Array dst) => CopyKernels.ToHost(src, dst);

    public void CopyFromHost<TFrom>(ReadOnlySpan<TFrom> src, Tensor dst) where TFrom : unmanaged, INumber<TFrom> => CopyKernels.FromHost(src, dst);

    public object Item(Tensor src) => CopyKernels.Item(src);

    public void WriteBytes(Stream stream, Tensor src, int chunkBytes) => CopyKernels.WriteBytes(stream, src, chunkBytes);

    public void ReadBytes(Stream stream, Tensor dst, int chunkBytes, CancellationToken cancellation) =>
        CopyKernels.ReadBytes(stream, dst, chunkBytes, cancellation);

    public long CountThresholdMatches(Tensor output, Tensor target, float threshold) => MetricKernels.CountThresholdMatches(output, target, threshold);

    public void Gather(Tensor src, int[] offsets, int[] block, Tensor dst) => IndexKernels.Gather(src, offsets, block, dst);

    public void Put(Tensor values, Tensor target, int[] offsets, int[] block, bool accumulate) =>
        IndexKernels.Put(values, target, offsets, block, accumulate);

    public bool FillUniform(Generator generator, Tensor dst, double from, double to) => RandomKernels.Uniform(generator, dst, from, to);

    public bool FillNormal(Generator generator, Tensor dst, double mean, double std, bool batched) =>
        RandomKernels.Normal(generator, dst, mean, std, batched);

    public bool FillBernoulli(Generator generator, Tensor dst, double p) => RandomKernels.Bernoulli(generator, dst, p);
}
