using System.Text;

namespace NNTools.NN;

/// <summary>
/// A 2-d convolution layer as nn.Conv2d: input [N, Cin, H, W] or [Cin, H, W], weight
/// [Cout, Cin/groups, kH, kW], optional bias [Cout] (see <see cref="Tensor.Conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)"/>
/// for the math and output size). Starts from PyTorch's reset_parameters, drawn weight first, then
/// bias, from the given or default generator: kaiming_uniform_(a = sqrt(5)) with
/// fan_in = Cin/groups * kH * kW for the weight, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the bias, so a
/// seeded layer holds the same numbers as PyTorch's.
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>A layer with a square kernel and the same stride, padding and dilation for both dims.</summary>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1, int groups = 1,
        bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
        : this(inChannels, outChannels, [kernelSize], [stride], [padding], [dilation], groups, bias, dtype, generator)
    {
    }

    /// <summary>A layer whose sizes are given as one value for both dims or two (height, width); null stride, padding, dilation mean 1, 0, 1.</summary>
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? dilation = null,
        int groups = 1, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        KernelSize = Tensor.Pair(kernelSize, 1, "kernel_size");
        Stride = Tensor.Pair(stride, 1, "stride");
        Padding = Tensor.Pair(padding, 0, "padding");
        Dilation = Tensor.Pair(dilation, 1, "dilation");
        ConvLayer.CheckSizes("Conv2d", inChannels, outChannels, groups, KernelSize);
        InChannels = inChannels;
        OutChannels = outChannels;
        Groups = groups;
        int fanIn = inChannels / groups * KernelSize[0] * KernelSize[1];
        (Weight, Bias) = ConvLayer.CreateParameters("Conv2d", [outChannels, inChannels / groups, KernelSize[0], KernelSize[1]], fanIn, outChannels,
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

    public int[] Dilation { get; }

    public int Groups { get; }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Tensor.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);

    /// <summary>As PyTorch: sizes as tuples, padding, dilation, groups and bias only where they differ from the defaults.</summary>
    protected override string ExtraRepr()
    {
        var sb = new StringBuilder();
        sb.Append($"{InChannels}, {OutChannels}, kernel_size={Tuple(KernelSize)}, stride={Tuple(Stride)}");
        if (Padding[0] != 0 || Padding[1] != 0) sb.Append($", padding={Tuple(Padding)}");
        if (Dilation[0] != 1 || Dilation[1] != 1) sb.Append($", dilation={Tuple(Dilation)}");
        if (Groups != 1) sb.Append($", groups={Groups}");
        if (Bias is null) sb.Append(", bias=False");
        return sb.ToString();
    }

    private static string Tuple(int[] pair) => ConvLayer.Tuple(pair);
}
