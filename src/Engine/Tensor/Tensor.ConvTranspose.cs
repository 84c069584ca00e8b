using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// 2-d transposed convolution as torch.nn.functional.conv_transpose2d: the gradient of conv2d with
/// respect to its input, computed by the same col2im loops (Kernels/ConvKernels.cs). Its own backward is
/// conv2d for the input and conv2d's weight gradient, with the roles of input and output swapped.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// The adjoint of <see cref="Conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)"/>: input
    /// [N, Cin, H, W] (or unbatched [Cin, H, W]), weight [Cin, Cout/groups, kH, kW] (PyTorch's layout
    /// for transposed convolutions), bias [Cout] or null; output [N, Cout, Ho, Wo] with
    /// Ho = (H - 1) sH - 2 pH + dH (kH - 1) + opH + 1, likewise Wo. Each input element spreads its
    /// value times the kernel over the output window it would have been computed from by conv2d.
    /// <paramref name="outputPadding"/> (smaller than the stride or the dilation) adds rows and columns
    /// at the bottom and right that conv2d's floor division would have dropped. Sizes take one value
    /// for both dims or two (height, width); null means stride 1, padding 0, output padding 0, dilation 1.
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, int[]? stride = null, int[]? padding = null,
        int[]? outputPadding = null, int groups = 1, int[]? dilation = null)
    {
        ThrowIfNull(input);
        ThrowIfNull(weight);
        var s = Pair(stride, 1, "stride");
        var p = Pair(padding, 0, "padding");
        var op = Pair(outputPadding, 0, "output_padding");
        var d = Pair(dilation, 1, "dilation");
        CheckConvTransposeArguments(input, weight, bias, s, p, op, d, groups);
        if (input.Ndim == 3) return ConvTranspose2d(input.Unsqueeze(0), weight, bias, s, p, op, groups, d).Squeeze(0);
        int n = input.Sizes[0], outChannels = weight.Sizes[1] * groups;
        int ho = (input.Sizes[2] - 1) * s[0] - 2 * p[0] + d[0] * (weight.Sizes[2] - 1) + op[0] + 1;
        int wo = (input.Sizes[3] - 1) * s[1] - 2 * p[1] + d[1] * (weight.Sizes[3] - 1) + op[1] + 1;
        // The convolution whose input gradient this is: it maps [N, Cout, Ho, Wo] to [N, Cin, H, W].
        var geo = new ConvGeometry([n, outChannels, ho, wo], weight.Sizes, s, p, d, groups, [input.Sizes[2], input.Sizes[3]]);
        return ConvTransposePrimitive(input, weight, bias, geo);
    }

    private static void CheckConvTransposeArguments(Tensor input, Tensor weight, Tensor? bias, int[] s, int[] p, int[] op, int[] d, int groups)
    {
        if (input.Ndim is not (3 or 4))
        {
            throw Raise(new ShapeMismatchException("ConvInputRank",
                $"Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: {Shapes.Format(input.Sizes)}"));
        }
        if (weight.Ndim != 4)
        {
            throw Raise(new ShapeMismatchException("ConvWeightRank",
                $"conv_transpose2d expects a 4-dimensional weight [in_channels, out_channels/groups, kH, kW], but got weight of size {Shapes.Format(weight.Sizes)}"));
        }
        if (s[0] <= 0 || s[1] <= 0) throw Raise(new TensorArgumentException("ConvStride", $"non-positive stride is not supported (stride={Shapes.Format(s)})"));
        if (p[0] < 0 || p[1] < 0) throw Raise(new TensorArgumentException("ConvPadding", $"negative padding is not supported (padding={Shapes.Format(p)})"));
        if (d[0] <= 0 || d[1] <= 0) throw Raise(new TensorArgumentException("ConvDilation", $"non-positive dilation is not supported (dilation={Shapes.Format(d)})"));
        if (groups <= 0) throw Raise(new TensorArgumentException("ConvGroups", $"non-positive groups is not supported (groups={groups})"));
        if (op[0] < 0 || op[1] < 0 || (op[0] >= s[0] && op[0] >= d[0]) || (op[1] >= s[1] && op[1] >= d[1]))
        {
            throw Raise(new TensorArgumentException("ConvOutputPadding",
                $"output padding must be smaller than either stride or dilation, but got output_padding={Shapes.Format(op)}, stride={Shapes.Format(s)}, dilation={Shapes.Format(d)}"));
        }
        if (weight.DType != input.DType)
        {
            throw Raise(new DTypeMismatchException("ConvDType", $"expected scalar type {ScalarTypeName(input.DType)} but found {ScalarTypeName(weight.DType)}"));
        }
        if (bias is not null && bias.DType != input.DType)
        {
            throw Raise(new DTypeMismatchException("ConvDType",
                $"Input type ({ScalarTypeName(input.DType).ToLowerInvariant()}) and bias type ({ScalarTypeName(bias.DType).ToLowerInvariant()}) should be the same"));
        }
        if (!input.DType.IsFloating()) throw Raise(new DTypeMismatchException("UnsupportedDType", $"\"conv_transpose2d\" not implemented for '{ScalarTypeName(input.DType)}'"));
        if (weight.Sizes[0] < groups || weight.Sizes[0] % groups != 0)
        {
            throw Raise(new ShapeMismatchException("ConvGroups",
                $"Given groups={groups}, expected weight to be divisible by {groups} (and at least {groups}) at dimension 0, but got weight of size {Shapes.Format(weight.Sizes)} instead"));
        }
        int channels = input.Sizes[^3];
        if (channels != weight.Sizes[0])
        {
            var batched = input.Ndim == 3 ? input.Unsqueeze(0).Sizes : input.Sizes;
            throw Raise(new ShapeMismatchException("ConvChannels",
                $"Given transposed=1, weight of size {Shapes.Format(weight.Sizes)}, expected input{Shapes.Format(batched)} to have {weight.Sizes[0]} channels, but got {channels} channels instead"));
        }
        int outChannels = weight.Sizes[1] * groups;
        if (bias is not null && (bias.Ndim != 1 || bias.Sizes[0] != outChannels))
        {
            throw Raise(new ShapeMismatchException("ConvBias",
                $"Given transposed=1, weight of size {Shapes.Format(weight.Sizes)}, expected bias to be 1-dimensional with {outChannels} elements, but got bias of size {Shapes.Format(bias.Sizes)} instead"));
        }
        if (input.Sizes[^2] == 0 || input.Sizes[^1] == 0)
        {
            throw Raise(new ShapeMismatchException("ConvInputTooSmall",
                $"Only zero batch or zero channel inputs are supported, but got input of size {Shapes.Format(input.Sizes)}"));
        }
        long ho = (input.Sizes[^2] - 1L) * s[0] - 2L * p[0] + d[0] * (weight.Sizes[2] - 1L) + op[0] + 1;
        long wo = (input.Sizes[^1] - 1L) * s[1] - 2L * p[1] + d[1] * (weight.Sizes[3] - 1L) + op[1] + 1;
        if (ho <= 0 || wo <= 0 || ho > int.MaxValue || wo > int.MaxValue)
        {
            throw Raise(new ShapeMismatchException("ConvInputTooSmall",
                $"Given input size per channel: ({input.Sizes[^2]} x {input.Sizes[^1]}). Calculated output size per channel: ({ho} x {wo}). Output size is too small"));
        }
    }

    /// <summary>The differentiable primitive on a checked 4-d input; <paramref name="geo"/> describes the adjoint convolution.</summary>
    private static Tensor ConvTransposePrimitive(Tensor input, Tensor weight, Tensor? bias, ConvGeometry geo)
    {
        var x = input.IsContiguous() ? input : input.ContiguousCopy();
        var w = weight.IsContiguous() ? weight : weight.ContiguousCopy();
        var result = ConvInputGrad(x, w, geo);
        if (bias is not null)
        {
            var b = bias.IsContiguous() ? bias : bias.ContiguousCopy();
            Backends.Backend.AddChannelBias(result, b);
        }
        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Record(result, "ConvolutionBackward0", inputs, g =>
        {
            RefuseDoubleBackward("ConvolutionBackward0");
            var gc = g.IsContiguous() ? g : g.ContiguousCopy();
            var grads = new Tensor?[inputs.Length];
            grads[0] = GradFor(input, () =>
            {
                var gx = Empty([geo.N, geo.O, geo.Ho, geo.Wo], gc.DType);
                Backends.Backend.ConvForward(gc, w, null, gx, geo);
                return gx;
            });
            // conv2d's weight gradient with our input in the role of its output gradient.
            grads[1] = GradFor(weight, () => ConvWeightGrad(x, gc, geo));
            if (bias is not null) grads[2] = GradFor(bias, () => gc.Sum([0, 2, 3]));
            return grads;
        }, x, w);
    }
}
