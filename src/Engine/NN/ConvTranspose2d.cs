using System.Text;

namespace NNTools.NN;

/// <summary>
/// A 2-d transposed convolution layer as nn.ConvTranspose2d (sometimes called a deconvolution): input
/// [N, Cin, H, W] or [Cin, H, W], weight [Cin, Cout/groups, kH, kW], optional bias [Cout]; see
/// <see cref="Tensor.ConvTranspose2d"/> for the math and the output size. Starts from PyTorch's
/// reset_parameters, weight first, then bias: kaiming_uniform_(a = sqrt(5)) with the fan-in torch
/// computes from the weight's dim 1, Cout/groups * kH * kW (not Cin), and U(-1/sqrt(fan_in), 1/sqrt(fan_in))
/// for the bias, so a seeded layer holds the same numbers as PyTorch's.
/// </summary>
public sealed class ConvTranspose2d : Module
{
    /// <summary>A layer whose sizes are given as one value for both dims or two (height, width); null stride, padding, output padding, dilation mean 1, 0, 0, 1.</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? outputPadding = null,
        int groups = 1, bool bias = true, int[]? dilation = null, DType dtype = DType.Float32, Generator? generator = null)
    {
        KernelSize = Tensor.Pair(kernelSize, 1, "kernel_size");
        Stride = Tensor.Pair(stride, 1, "stride");
        Padding = Tensor.Pair(padding, 0, "padding");
        OutputPadding = Tensor.Pair(outputPadding, 0, "output_padding");
        Dilation = Tensor.Pair(dilation, 1, "dilation");
        ConvLayer.CheckSizes("ConvTranspose2d", inChannels, outChannels, groups, KernelSize);
        for (int i = 0; i < 2; i++)
        {
            if (Stride[i] <= 0 || Dilation[i] <= 0 || Padding[i] < 0 || OutputPadding[i] < 0 || (OutputPadding[i] >= Stride[i] && OutputPadding[i] >= Dilation[i]))
            {
                throw Raise(new TensorArgumentException("ConvOutputPadding",
                    $"ConvTranspose2d needs positive stride and dilation, non-negative padding and an output padding smaller than either stride or dilation, got stride={Tuple(Stride)}, padding={Tuple(Padding)}, output_padding={Tuple(OutputPadding)}, dilation={Tuple(Dilation)}"));
            }
        }
        InChannels = inChannels;
        OutChannels = outChannels;
        Groups = groups;
        int fanIn = outChannels / groups * KernelSize[0] * KernelSize[1];
        (Weight, Bias) = ConvLayer.CreateParameters("ConvTranspose2d", [inChannels, outChannels / groups, KernelSize[0], KernelSize[1]], fanIn, outChannels,
            bias, dtype, generator);
        RegisterParameter("weight", Weight);
        if (Bias is not null) RegisterParameter("bias", Bias);
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    /// <summary>(kH, kW).</summary>
    public int[] KernelSize { get; }

    public int[] Stride { get; }

    public int[] Padding { get; }

    public int[] OutputPadding { get; }

    public int[] Dilation { get; }

    public int Groups { get; }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Tensor.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);

    /// <summary>As PyTorch: sizes as tuples, then padding, dilation, output padding, groups and bias where they differ from the defaults.</summary>
    protected override string ExtraRepr()
    {
        var sb = new StringBuilder();
        sb.Append($"{InChannels}, {OutChannels}, kernel_size={Tuple(KernelSize)}, stride={Tuple(Stride)}");
        if (Padding[0] != 0 || Padding[1] != 0) sb.Append($", padding={Tuple(Padding)}");
        if (Dilation[0] != 1 || Dilation[1] != 1) sb.Append($", dilation={Tuple(Dilation)}");
        if (OutputPadding[0] != 0 || OutputPadding[1] != 0) sb.Append($", output_padding={Tuple(OutputPadding)}");
        if (Groups != 1) sb.Append($", groups={Groups}");
        if (Bias is null) sb.Append(", bias=False");
        return sb.ToString();
    }

    private static string Tuple(int[] pair) => ConvLayer.Tuple(pair);
}
