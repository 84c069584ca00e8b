namespace NNTools.NN;

/// <summary>
/// 2-d max pooling as nn.MaxPool2d (see <see cref="Tensor.MaxPool2d(int[], int[], int[], int[], bool)"/> for the
/// math, ties and output size). Sizes are one value for both dims or two (height, width); the stride
/// defaults to the kernel size. Prints each size as it was given, a single number or a tuple, as PyTorch.
/// </summary>
public sealed class MaxPool2d : Module
{
    private readonly string _repr;

    /// <summary>A square window with the same stride, padding and dilation for both dims; a null stride means the kernel size.</summary>
    public MaxPool2d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false)
        : this([kernelSize], stride is null ? null : [stride.Value], [padding], [dilation], ceilMode)
    {
    }

    public MaxPool2d(int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? dilation = null, bool ceilMode = false)
    {
        ThrowIfNull(kernelSize);
        KernelSize = Tensor.Pair(kernelSize, 1, "kernel_size");
        Stride = stride is null || stride.Length == 0 ? KernelSize : Tensor.Pair(stride, 1, "stride");
        Padding = Tensor.Pair(padding, 0, "padding");
        Dilation = Tensor.Pair(dilation, 1, "dilation");
        CeilMode = ceilMode;
        var shownStride = stride is null || stride.Length == 0 ? kernelSize : stride;
        _repr = $"kernel_size={Show(kernelSize)}, stride={Show(shownStride)}, padding={Show(padding ?? [0])}, dilation={Show(dilation ?? [1])}, ceil_mode={(ceilMode ? "True" : "False")}";
    }

    /// <summary>(kH, kW).</summary>
    public int[] KernelSize { get; }

    public int[] Stride { get; }

    public int[] Padding { get; }

    public int[] Dilation { get; }

    public bool CeilMode { get; }

    public override Tensor Forward(Tensor input)
    {
        ThrowIfNull(input);
        return input.MaxPool2d(KernelSize, Stride, Padding, Dilation, CeilMode);
    }

    protected override string ExtraRepr() => _repr;

    private static string Show(int[] size) => size.Length == 1 ? $"{size[0]}" : $"({string.Join(", ", size)})";
}
