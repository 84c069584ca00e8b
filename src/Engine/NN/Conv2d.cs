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
        if (groups <= 0) throw Raise(new TensorArgumentException("ConvGroups", $"groups must be a positive integer, got groups={groups}"));
        if (inChannels % groups != 0) throw Raise(new TensorArgumentException("ConvGroups", $"in_channels must be divisible by groups (in_channels={inChannels}, groups={groups})"));
        if (outChannels % groups != 0) throw Raise(new TensorArgumentException("ConvGroups", $"out_channels must be divisible by groups (out_channels={outChannels}, groups={groups})"));
        if (inChannels <= 0 || outChannels <= 0 || KernelSize[0] <= 0 || KernelSize[1] <= 0)
        {
            throw Raise(new TensorArgumentException("ConvSizes",
                $"Conv2d needs positive channels and kernel size, got in_channels={inChannels}, out_channels={outChannels}, kernel_size={Tuple(KernelSize)}"));
        }
        InChannels = inChannels;
        OutChannels = outChannels;
        Groups = groups;
        if (!dtype.IsFloating()) throw Raise(new DTypeMismatchException("UnsupportedDType", $"Conv2d parameters must be floating point, got {dtype.TorchName()}"));
        int fanIn = inChannels / groups * KernelSize[0] * KernelSize[1];
        Weight = Init.KaimingUniform(Tensor.ZerosLongLived([outChannels, inChannels / groups, KernelSize[0], KernelSize[1]], dtype), Math.Sqrt(5), fanIn, generator)
            .RequiresGrad_();
        RegisterParameter("weight", Weight);
        if (bias)
        {
            double bound = 1 / Math.Sqrt(fanIn);
            Bias = Tensor.ZerosLongLived([outChannels], dtype).Uniform_(-bound, bound, generator).RequiresGrad_();
            RegisterParameter("bias", Bias);
        }
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

    private static string Tuple(int[] pair) => $"({pair[0]}, {pair[1]})";
}
