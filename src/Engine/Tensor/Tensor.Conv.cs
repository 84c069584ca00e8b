using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// 2-d convolution as torch.nn.functional.conv2d (cross-correlation, as every deep-learning
/// framework): one differentiable primitive whose backward gives the input, weight and bias
/// gradients from the same im2col / col2im loops as the forward (src/Engine/Kernels/ConvKernels.cs).
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// out[n, o, y, x] = bias[o] + sum over c in o's group, i, j of
    /// weight[o, c, i, j] * input[n, g*C/groups + c, y*sH - pH + i*dH, x*sW - pW + j*dW], with zeros
    /// outside the input. Input [N, C, H, W] (or unbatched [C, H, W]), weight [O, C/groups, kH, kW],
    /// bias [O] or null; output [N, O, Ho, Wo] with Ho = (H + 2 pH - dH (kH - 1) - 1) / sH + 1 (floor),
    /// likewise Wo. <paramref name="stride"/>, <paramref name="padding"/> and <paramref name="dilation"/>
    /// take one value for both dims or two (height, width); null means 1, 0 and 1. All tensors must
    /// share a floating dtype (float32 accumulates in float32, as PyTorch's CPU kernel).
    /// </summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null,
        int[]? stride = null, int[]? padding = null, int[]? dilation = null, int groups = 1)
    {
        ThrowIfNull(input);
        ThrowIfNull(weight);
        var s = Pair(stride, 1, "stride");
        var p = Pair(padding, 0, "padding");
        var d = Pair(dilation, 1, "dilation");
        CheckConvArguments(input, weight, bias, s, p, d, groups);
        if (input.Ndim == 3) return Conv2d(input.Unsqueeze(0), weight, bias, s, p, d, groups).Squeeze(0);
        return ConvolutionPrimitive(input, weight, bias, new ConvGeometry(input.Sizes, weight.Sizes, s, p, d, groups));
    }

    /// <summary><see cref="Conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)"/> with the same stride, padding and dilation for both dims.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, int stride, int padding = 0, int dilation = 1, int groups = 1) =>
        Conv2d(input, weight, bias, [stride], [padding], [dilation], groups);

    /// <summary>A (height, width) pair from one or two values, as PyTorch's _pair; null gives the default for both.</summary>
    internal static int[] Pair(int[]? values, int fallback, string name) => values switch
    {
        null => [fallback, fallback],
        [var v] => [v, v],
        [var h, var w] => [h, w],
        _ => throw Raise(new TensorArgumentException("ConvArgumentLength",
            $"expected {name} to be a single integer value or a list of 2 values to match the convolution dimensions, but got {name}={Shapes.Format(values)}")),
    };

    private static void CheckConvArguments(Tensor input, Tensor weight, Tensor? bias, int[] s, int[] p, int[] d, int groups)
    {
        if (input.Ndim is not (3 or 4))
        {
            throw Raise(new ShapeMismatchException("ConvInputRank",
                $"Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: {Shapes.Format(input.Sizes)}"));
        }
        if (weight.Ndim != 4)
        {
            throw Raise(new ShapeMismatchException("ConvWeightRank",
                $"conv2d expects a 4-dimensional weight [out_channels, in_channels/groups, kH, kW], but got weight of size {Shapes.Format(weight.Sizes)}"));
        }
        if (s[0] <= 0 || s[1] <= 0) throw Raise(new TensorArgumentException("ConvStride", $"non-positive stride is not supported (stride={Shapes.Format(s)})"));
        if (p[0] < 0 || p[1] < 0) throw Raise(new TensorArgumentException("ConvPadding", $"negative padding is not supported (padding={Shapes.Format(p)})"));
        if (d[0] <= 0 || d[1] <= 0) throw Raise(new TensorArgumentException("ConvDilation", $"non-positive dilation is not supported (dilation={Shapes.Format(d)})"));
        if (groups <= 0) throw Raise(new TensorArgumentException("ConvGroups", $"non-positive groups is not supported (groups={groups})"));
        if (weight.DType != input.DType)
        {
            throw Raise(new DTypeMismatchException("ConvDType", $"expected scalar type {ScalarTypeName(input.DType)} but found {ScalarTypeName(weight.DType)}"));
        }
        if (bias is not null && bias.DType != input.DType)
        {
            throw Raise(new DTypeMismatchException("ConvDType",
                $"Input type ({ScalarTypeName(input.DType).ToLowerInvariant()}) and bias type ({ScalarTypeName(bias.DType).ToLowerInvariant()}) should be the same"));
        }
        if (!input.DType.IsFloating()) throw Raise(new DTypeMismatchException("UnsupportedDType", $"\"conv2d\" not implemented for '{ScalarTypeName(input.DType)}'"));
        if (weight.Sizes[0] % groups != 0)
        {
            throw Raise(new ShapeMismatchException("ConvGroups",
                $"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, but got weight of size {Shapes.Format(weight.Sizes)} instead"));
        }
        int channels = input.Sizes[^3];
        if (channels != weight.Sizes[1] * groups)
        {
            var batched = input.Ndim == 3 ? input.Unsqueeze(0).Sizes : input.Sizes;
            throw Raise(new ShapeMismatchException("ConvChannels",
                $"Given groups={groups}, weight of size {Shapes.Format(weight.Sizes)}, expected input{Shapes.Format(batched)} to have {weight.Sizes[1] * groups} channels, but got {channels} channels instead"));
        }
        if (bias is not null && (bias.Ndim != 1 || bias.Sizes[0] != weight.Sizes[0]))
        {
            throw Raise(new ShapeMismatchException("ConvBias",
                $"Given weight of size {Shapes.Format(weight.Sizes)}, expected bias to be 1-dimensional with {weight.Sizes[0]} elements, but got bias of size {Shapes.Format(bias.Sizes)} instead"));
        }
        int ph = input.Sizes[^2] + 2 * p[0], pw = input.Sizes[^1] + 2 * p[1];
        int kh = d[0] * (weight.Sizes[2] - 1) + 1, kw = d[1] * (weight.Sizes[3] - 1) + 1;
        if (ph < kh || pw < kw)
        {
            throw Raise(new ShapeMismatchException("ConvInputTooSmall",
                $"Calculated padded input size per channel: ({ph} x {pw}). Kernel size: ({kh} x {kw}). Kernel size can't be greater than actual input size"));
        }
    }

    /// <summary>The differentiable primitive on a checked 4-d input: forward and its three gradients.</summary>
    private static Tensor ConvolutionPrimitive(Tensor input, Tensor weight, Tensor? bias, ConvGeometry geo)
    {
        var x = input.IsContiguous() ? input : input.ContiguousCopy();
        var w = weight.IsContiguous() ? weight : weight.ContiguousCopy();
        var b = bias is null || bias.IsContiguous() ? bias : bias.ContiguousCopy();
        var result = EmptyUninitialized([geo.N, geo.O, geo.Ho, geo.Wo], x.DType);
        Backends.Backend.ConvForward(x, w, b, result, geo);
        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Record(result, "ConvolutionBackward0", inputs, g =>
        {
            RefuseDoubleBackward("ConvolutionBackward0");
            var gc = g.IsContiguous() ? g : g.ContiguousCopy();
            var grads = new Tensor?[inputs.Length];
            grads[0] = GradFor(input, () => ConvInputGrad(gc, w, geo));
            grads[1] = GradFor(weight, () => ConvWeightGrad(gc, x, geo));
            if (bias is not null) grads[2] = GradFor(bias, () => gc.Sum([0, 2, 3]));
            return grads;
        }, x, w);
    }

    /// <summary>d input = col2im(W_g^T g_g) for each sample and group.</summary>
    private static Tensor ConvInputGrad(Tensor g, Tensor w, ConvGeometry geo)
    {
        var gx = Empty([geo.N, geo.C, geo.H, geo.W], g.DType);
        Backends.Backend.ConvInputGrad(g, w, gx, geo);
        return gx;
    }

    /// <summary>d weight_g = sum over samples of g_g im2col(x_g)^T.</summary>
    private static Tensor ConvWeightGrad(Tensor g, Tensor x, ConvGeometry geo)
    {
        var gw = EmptyUninitialized([geo.O, geo.Cg, geo.Kh, geo.Kw], g.DType);
        Backends.Backend.ConvWeightGrad(g, x, gw, geo);
        return gw;
    }
}
