using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>Convolutions as im2col over chunks of samples and one packed matrix product per chunk and group (<see cref="ConvKernels"/>).</summary>
internal sealed partial class ManagedBackend
{
    public void ConvForward(Tensor x, Tensor w, Tensor? bias, Tensor result, ConvGeometry geo) => ConvKernels.Forward(x, w, bias, result, geo);

    public void ConvInputGrad(Tensor g, Tensor w, Tensor gx, ConvGeometry geo) => ConvKernels.InputGrad(g, w, gx, geo);

    public void ConvWeightGrad(Tensor g, Tensor x, Tensor gw, ConvGeometry geo) => ConvKernels.WeightGrad(g, x, gw, geo);

    public void AddChannelBias(Tensor result, Tensor bias) => ConvKernels.AddChannelBias(result, bias);
}
