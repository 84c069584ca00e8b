using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>2-d convolutions over contiguous [N, C, H, W] tensors of one floating dtype, described by a <see cref="ConvGeometry"/>.</summary>
internal partial interface IBackend
{
    /// <summary>result [N, O, Ho, Wo] = conv2d(x [N, C, H, W], w [O, C/groups, Kh, Kw]) plus bias [O] when given; result arrives uninitialized.</summary>
    void ConvForward(Tensor x, Tensor w, Tensor? bias, Tensor result, ConvGeometry geo);

    /// <summary>gx [N, C, H, W] = the gradient of conv2d with respect to its input, for the output gradient g [N, O, Ho, Wo]; gx arrives zeroed.</summary>
    void ConvInputGrad(Tensor g, Tensor w, Tensor gx, ConvGeometry geo);

    /// <summary>gw [O, C/groups, Kh, Kw] = the gradient of conv2d with respect to its weight, summed over the samples; gw arrives uninitialized.</summary>
    void ConvWeightGrad(Tensor g, Tensor x, Tensor gw, ConvGeometry geo);

    /// <summary>result [N, O, H, W] += bias[o] on every element of channel o.</summary>
    void AddChannelBias(Tensor result, Tensor bias);
}
