namespace NNTools.Kernels;

/// <summary>The elementwise selection loop of torch.where.</summary>
internal static class SelectKernels
{
    /// <summary>
    /// <paramref name="result"/>[i] = <paramref name="condition"/>[i] ? <paramref name="a"/>[i] : <paramref name="b"/>[i]
    /// for fresh contiguous tensors of one shape: a bool condition and a, b and result of result's dtype.
    /// </summary>
    public static void Where(Tensor condition, Tensor a, Tensor b, Tensor result)
    {
        var c = condition.Buffer<bool>();
        switch (result.DType)
        {
            case DType.Float32: Select(c, a.Buffer<float>(), b.Buffer<float>(), result.Buffer<float>()); break;
            case DType.Float64: Select(c, a.Buffer<double>(), b.Buffer<double>(), result.Buffer<double>()); break;
            case DType.Int64: Select(c, a.Buffer<long>(), b.Buffer<long>(), result.Buffer<long>()); break;
            case DType.Int32: Select(c, a.Buffer<int>(), b.Buffer<int>(), result.Buffer<int>()); break;
            case DType.UInt8: Select(c, a.Buffer<byte>(), b.Buffer<byte>(), result.Buffer<byte>()); break;
            default: Select(c, a.Buffer<bool>(), b.Buffer<bool>(), result.Buffer<bool>()); break;
        }
    }

    private static void Select<T>(bool[] c, T[] a, T[] b, T[] o)
    {
        for (int i = 0; i < c.Length; i++) o[i] = c[i] ? a[i] : b[i];
    }
}
