using System.Globalization;

namespace NNTools.NN;

/// <summary>
/// Average pooling over [N, C, H, W] or [C, H, W], as nn.AvgPool2d with count_include_pad=True (its
/// default): each output is the mean of its window, zero padding counted. Computed as a convolution
/// of every channel with a window of 1 / (kH · kW), so its gradient is the convolution's.
/// </summary>
public sealed class AvgPool2d : Module
{
    public AvgPool2d(int[] kernelSize, int[]? stride = null, int[]? padding = null)
    {
        KernelSize = Tensor.Pair(kernelSize, 1, "kernel_size");
        Stride = stride is null || stride.Length == 0 ? KernelSize : Tensor.Pair(stride, 1, "stride");
        Padding = Tensor.Pair(padding, 0, "padding");
        if (KernelSize.Any(k => k <= 0) || Stride.Any(s => s <= 0) || Padding.Any(p => p < 0))
        {
            throw Raise(new TensorArgumentException("PoolSizes", $"AvgPool2d needs positive kernel and stride and non-negative padding, got kernel_size={Format(KernelSize)}, stride={Format(Stride)}, padding={Format(Padding)}"));
        }
        if (Padding[0] * 2 > KernelSize[0] || Padding[1] * 2 > KernelSize[1])
        {
            throw Raise(new TensorArgumentException("PoolPadding", $"pad should be at most half of kernel size, but got pad={Format(Padding)} and kernel_size={Format(KernelSize)}"));
        }
    }

    public AvgPool2d(int kernelSize, int? stride = null, int padding = 0) : this([kernelSize], stride is int s ? [s] : null, [padding])
    {
    }

    public int[] KernelSize { get; }

    public int[] Stride { get; }

    public int[] Padding { get; }

    public override Tensor Forward(Tensor input)
    {
        ThrowIfNull(input);
        if (input.Ndim is not (3 or 4))
        {
            throw Raise(new ShapeMismatchException("PoolInputRank", $"AvgPool2d expects a 3-d [C, H, W] or 4-d [N, C, H, W] input, got shape {Shapes.Format(input.Sizes)}"));
        }
        int[] batch = input.Sizes[..^2];
        int h = input.Size(-2), w = input.Size(-1);
        var planes = input.Reshape(-1, 1, h, w);
        var window = Tensor.Full([1, 1, KernelSize[0], KernelSize[1]], 1.0 / (KernelSize[0] * KernelSize[1]), input.DType);
        var pooled = Tensor.Conv2d(planes, window, null, Stride, Padding);
        return pooled.Reshape([.. batch, pooled.Size(-2), pooled.Size(-1)]);
    }

    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture,
        $"kernel_size={Format(KernelSize)}, stride={Format(Stride)}, padding={Format(Padding)}");

    // PyTorch prints a size given as one number as that number, and a pair as a tuple.
    internal static string Format(int[] pair) => pair[0] == pair[1] ? pair[0].ToString(CultureInfo.InvariantCulture) : $"({pair[0]}, {pair[1]})";
}

/// <summary>
/// Average pooling to a fixed output size, as nn.AdaptiveAvgPool2d: output cell (i, j) of an
/// (oH, oW) output averages rows ⌊i·H/oH⌋ to ⌈(i+1)·H/oH⌉ and the same for columns, so windows may
/// overlap and differ in size when H is not a multiple of oH.
/// </summary>
public sealed class AdaptiveAvgPool2d : Module
{
    public AdaptiveAvgPool2d(int[] outputSize)
    {
        OutputSize = Tensor.Pair(outputSize, 1, "output_size");
        if (OutputSize.Any(s => s <= 0)) throw Raise(new TensorArgumentException("PoolSizes", $"AdaptiveAvgPool2d needs a positive output size, got {Shapes.Format(OutputSize)}"));
    }

    public int[] OutputSize { get; }

    public override Tensor Forward(Tensor input)
    {
        ThrowIfNull(input);
        if (input.Ndim is not (3 or 4) || input.Size(-2) == 0 || input.Size(-1) == 0)
        {
            throw Raise(new ShapeMismatchException("PoolInputRank", $"AdaptiveAvgPool2d expects a non-empty 3-d [C, H, W] or 4-d [N, C, H, W] input, got shape {Shapes.Format(input.Sizes)}"));
        }
        int h = input.Size(-2), w = input.Size(-1), oh = OutputSize[0], ow = OutputSize[1];
        if (oh == 1 && ow == 1) return input.Mean([-2, -1], keepDim: true);
        var rows = new Tensor[oh];
        for (int i = 0; i < oh; i++)
        {
            int r0 = i * h / oh, r1 = ((i + 1) * h + oh - 1) / oh;
            var cells = new Tensor[ow];
            for (int j = 0; j < ow; j++)
            {
                int c0 = j * w / ow, c1 = ((j + 1) * w + ow - 1) / ow;
                cells[j] = input.Narrow(-2, r0, r1 - r0).Narrow(-1, c0, c1 - c0).Mean([-2, -1]);
            }
            rows[i] = Tensor.Stack(cells, -1);
        }
        return Tensor.Stack(rows, -2);
    }

    protected override string ExtraRepr() => "output_size=" + (OutputSize[0] == OutputSize[1] ? OutputSize[0].ToString(CultureInfo.InvariantCulture) : $"({OutputSize[0]}, {OutputSize[1]})");
}
