using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>The element-moving kernels: the host kernels of <see cref="CopyKernels"/>, <see cref="IndexKernels"/> and <see cref="RandomKernels"/>.</summary>
internal sealed partial class ManagedBackend
{
    public void CopyToContiguous(Tensor src, Tensor dst) => CopyKernels.CopyToContiguous(src, dst);

    public void Cast(Tensor src, Tensor dst) => CopyKernels.Cast(src, dst);

    public void Fill(Tensor dst, double value) => CopyKernels.Fill(dst, value);

    public void Gather(Tensor src, int[] offsets, int[] block, Tensor dst) => IndexKernels.Gather(src, offsets, block, dst);

    public void Put(Tensor values, Tensor target, int[] offsets, int[] block, bool accumulate) =>
        IndexKernels.Put(values, target, offsets, block, accumulate);

    public bool FillUniform(Generator generator, Tensor dst, double from, double to) => RandomKernels.Uniform(generator, dst, from, to);

    public bool FillNormal(Generator generator, Tensor dst, double mean, double std, bool batched) =>
        RandomKernels.Normal(generator, dst, mean, std, batched);

    public bool FillBernoulli(Generator generator, Tensor dst, double p) => RandomKernels.Bernoulli(generator, dst, p);
}
