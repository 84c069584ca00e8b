using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// 2-d max pooling as torch.nn.functional.max_pool2d: one differentiable primitive that also
/// returns, for every output, the flat index (y * W + x) of the input element it took, which is
/// where its gradient goes.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// out[n, c, y, x] = max over i &lt; kH, j &lt; kW of input[n, c, y sH - pH + i dH, x sW - pW + j dW],
    /// positions in the padding skipped (the padding acts as -inf). Input [N, C, H, W] or [C, H, W];
    /// output Ho = floor((H + 2 pH - dH (kH - 1) - 1) / sH) + 1, or the ceiling with
    /// <paramref name="ceilMode"/> as long as the last window starts inside the input or the left
    /// padding. Each size takes one value for both dims or two (height, width); the stride defaults to
    /// the kernel size. Ties go to the first maximum in row-major window order and a NaN wins over
    /// numbers, as PyTorch's CPU kernel, so the gradient of a tie goes to that one element.
    /// </summary>
    public Tensor MaxPool2d(int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? dilation = null, bool ceilMode = false) =>
        MaxPool2dWithIndices(kernelSize, stride, padding, dilation, ceilMode).Values;

    /// <summary><see cref="MaxPool2d(int[], int[], int[], int[], bool)"/> with one size for both dims; a null stride means the kernel size.</summary>
    public Tensor MaxPool2d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        MaxPool2dWithIndices([kernelSize], stride is null ? null : [stride.Value], [padding], [dilation], ceilMode).Values;

    /// <summary>
    /// Max pooling that also returns the int64 indices of the maxima, each the flat position y * W + x
    /// within its input plane, as max_pool2d(..., return_indices=True), or -1 for a window the dilation steps wholly past
    /// the input (its value -inf). Only the values are differentiable.
    /// </summary>
    public (Tensor Values, Tensor Indices) MaxPool2dWithIndices(int[] kernelSize, int[]? stride = null, int[]? padding = null,
        int[]? dilation = null, bool ceilMode = false)
    {
        ThrowIfNull(kernelSize);
        if (kernelSize.Length is not (1 or 2))
        {
            throw Raise(new TensorArgumentException("PoolArgumentLength", $"max_pool2d: kernel_size must either be a single int, or a tuple of two ints, but got {Shapes.Format(kernelSize)}"));
        }
        if (stride is { Length: not (0 or 1 or 2) })
        {
            throw Raise(new TensorArgumentException("PoolArgumentLength", $"max_pool2d: stride must either be omitted, a single int, or a tuple of two ints, but got {Shapes.Format(stride)}"));
        }
        var k = Pair(kernelSize, 1, "kernel_size");
        var s = stride is null || stride.Length == 0 ? k : Pair(stride, 1, "stride");
        var p = Pair(padding, 0, "padding");
        var d = Pair(dilation, 1, "dilation");
        CheckPoolArguments(k, s, p, d);
        if (Ndim == 3)
        {
            var (v, i) = Unsqueeze(0).MaxPool2dWithIndices(k, s, p, d, ceilMode);
            return (v.Squeeze(0), i.Squeeze(0));
        }
        int h = Sizes[2], w = Sizes[3];
        int ho = PoolOutputSize(h, k[0], p[0], s[0], d[0], ceilMode);
        int wo = PoolOutputSize(w, k[1], p[1], s[1], d[1], ceilMode);
        if (ho < 1 || wo < 1)
        {
            throw Raise(new ShapeMismatchException("PoolOutputTooSmall",
                $"Given input size: ({Sizes[1]}x{h}x{w}). Calculated output size: ({Sizes[1]}x{ho}x{wo}). Output size is too small"));
        }
        var x = IsContiguous() ? this : ContiguousCopy();
        var values = Empty([Sizes[0], Sizes[1], ho, wo], DType);
        var indices = Empty([Sizes[0], Sizes[1], ho, wo], DType.Int64);
        var window = new PoolWindow(h, w, ho, wo, k, s, p, d);
        PoolKernels.MaxPoolForward(x, values, indices, window);
        var input = this;
        var result = Record(values, "MaxPool2DWithIndicesBackward0", [this], g =>
        {
            RefuseDoubleBackward("MaxPool2DWithIndicesBackward0");
            return [GradFor(input, () => MaxPoolGrad(g, indices, input.Sizes))];
        });
        return (result, indices);
    }

    private void CheckPoolArguments(int[] k, int[] s, int[] p, int[] d)
    {
        if (k[0] <= 0 || k[1] <= 0) throw Raise(new TensorArgumentException("PoolKernelSize", $"kernel size should be greater than zero, but got kH: {k[0]} kW: {k[1]}"));
        if (s[0] <= 0 || s[1] <= 0) throw Raise(new TensorArgumentException("PoolStride", $"stride should be greater than zero, but got dH: {s[0]} dW: {s[1]}"));
        if (d[0] <= 0 || d[1] <= 0) throw Raise(new TensorArgumentException("PoolDilation", $"dilation should be greater than zero, but got dilationH: {d[0]} dilationW: {d[1]}"));
        for (int i = 0; i < 2; i++)
        {
            if (p[i] < 0) throw Raise(new TensorArgumentException("PoolPadding", $"pad must be non-negative, but got pad: {p[i]}"));
            if (p[i] > k[i] / 2)
            {
                throw Raise(new TensorArgumentException("PoolPadding", $"pad should be at most half of kernel size, but got pad={p[i]} and kernel_size={k[i]}"));
            }
        }
        if (Ndim is not (3 or 4))
        {
            throw Raise(new ShapeMismatchException("PoolInputRank",
                $"non-empty 3D or 4D (batch mode) tensor expected for input, but got input of size: {Shapes.Format(Sizes)}"));
        }
        for (int i = Ndim - 3; i < Ndim; i++)
        {
            if (Sizes[i] == 0)
            {
                throw Raise(new ShapeMismatchException("PoolInputRank",
                    $"Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:{Shapes.Format(Sizes)}"));
            }
        }
        if (!DType.IsFloating()) throw Raise(new DTypeMismatchException("UnsupportedDType", $"\"max_pool2d\" not implemented for '{ScalarTypeName(DType)}'"));
    }

    /// <summary>PyTorch's pooling_output_shape: floor or ceiling division, a ceiling window that would start in the right padding dropped.</summary>
    private static int PoolOutputSize(int size, int kernel, int pad, int stride, int dilation, bool ceilMode)
    {
        int span = size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
        int output = (int)Math.Floor((double)span / stride) + 1;
        if (ceilMode && (output - 1) * stride >= size + pad) output--;
        return output;
    }

    /// <summary>Scatters each output gradient onto the input element its maximum came from (adding where windows overlap).</summary>
    private static Tensor MaxPoolGrad(Tensor g, Tensor indices, int[] inputSizes)
    {
        var gx = Empty(inputSizes, g.DType);
        var gc = g.IsContiguous() ? g : g.ContiguousCopy();
        PoolKernels.MaxPoolGrad(gc, indices, gx);
        return gx;
    }
}
