using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>Strided copies, casts and fills (<see cref="CopyKernels"/>); gathers, puts and random fills are <see cref="HostBackend"/>'s.</summary>
internal sealed partial class ManagedBackend
{
    public void CopyToContiguous(Tensor src, Tensor dst) => CopyKernels.CopyToContiguous(src, dst);

    public void Cast(Tensor src, Tensor dst) => CopyKernels.Cast(src, dst);

    public void Fill(Tensor dst, double value) => CopyKernels.Fill(dst, value);
}
