namespace NNTools.NN;

/// <summary>What Conv2d and ConvTranspose2d share: the size checks, PyTorch's reset_parameters, and the tuple format of their repr.</summary>
internal static class ConvLayer
{
    /// <summary>Refuses non-positive groups, channels not divisible by them, and non-positive channels or kernel sizes.</summary>
    public static void CheckSizes(string layer, int inChannels, int outChannels, int groups, int[] kernelSize)
    {
        if (groups <= 0) throw Raise(new TensorArgumentException("ConvGroups", $"groups must be a positive integer, got groups={groups}"));
        if (inChannels % groups != 0) throw Raise(new TensorArgumentException("ConvGroups", $"in_channels must be divisible by groups (in_channels={inChannels}, groups={groups})"));
        if (outChannels % groups != 0) throw Raise(new TensorArgumentException("ConvGroups", $"out_channels must be divisible by groups (out_channels={outChannels}, groups={groups})"));
        if (inChannels <= 0 || outChannels <= 0 || kernelSize[0] <= 0 || kernelSize[1] <= 0)
        {
            throw Raise(new TensorArgumentException("ConvSizes",
                $"{layer} needs positive channels and kernel size, got in_channels={inChannels}, out_channels={outChannels}, kernel_size={Tuple(kernelSize)}"));
        }
    }

    /// <summary>
    /// PyTorch's reset_parameters, weight first, then bias: kaiming_uniform_(a = sqrt(5)) with the given
    /// fan-in for the weight, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for a bias of <paramref name="biasLength"/>.
    /// </summary>
    public static (Tensor Weight, Tensor? Bias) CreateParameters(string layer, int[] weightShape, int fanIn, int biasLength, bool bias,
        DType dtype, Generator? generator)
    {
        if (!dtype.IsFloating()) throw Raise(new DTypeMismatchException("UnsupportedDType", $"{layer} parameters must be floating point, got {dtype.TorchName()}"));
        var weight = Init.KaimingUniform(Tensor.ZerosLongLived(weightShape, dtype), Math.Sqrt(5), fanIn, generator).RequiresGrad_();
        if (!bias) return (weight, null);
        double bound = 1 / Math.Sqrt(fanIn);
        return (weight, Tensor.ZerosLongLived([biasLength], dtype).Uniform_(-bound, bound, generator).RequiresGrad_());
    }

    public static string Tuple(int[] pair) => $"({pair[0]}, {pair[1]})";
}
