using NNTools.Kernels;

namespace NNTools;

/// <summary>Median and mode: order statistics read off the stably sorted rows of <see cref="SortedRows"/>.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// The lower median of all elements (the ((n - 1) / 2)-th smallest, so the smaller of the two
    /// middle ones for an even count) as a 0-d tensor, as torch.median; NaN if any element is NaN or
    /// the tensor is empty. The gradient is shared evenly among the elements equal to the result.
    /// </summary>
    public Tensor Median()
    {
        int n = Numel();
        // torch checks the dtype in its kernel, which an empty tensor never reaches.
        if (DType == DType.Bool && n > 0) throw Raise(UnsupportedSortDType("median_cpu"));
        // An empty integer or bool tensor has no median: torch returns NaN cast to the dtype (undefined behaviour), we 0.
        var result = DType.IsFloating() ? Full([], double.NaN, DType) : Empty([], DType);
        if (n > 0)
        {
            var flat = new Tensor(ContiguousCopy().Storage, [n], [1], 0);
            flat.SortedRows([0], descending: false, out var sorted, out _, out _, out _);
            Backends.Backend.Gather(sorted, [SortKernels.MedianPosition(sorted, 0, n)], [0], result);
        }
        return Record(result, "MedianBackward0", [this], g =>
        {
            var hit = result.IsNan().ToBoolean() ? IsNan() : Eq(result);
            return [g * hit / hit.Sum()];
        }, result);
    }

    /// <summary>
    /// The lower median of each row along <paramref name="dim"/> and its index, as torch.median(dim):
    /// a row holding NaN gives NaN and the index of its first NaN. Among equal elements the index is
    /// the one a stable sort puts in the middle (PyTorch's choice there is unspecified).
    /// </summary>
    public ValuesIndices Median(int dim, bool keepDim = false)
    {
        if (DType == DType.Bool) throw Raise(UnsupportedSortDType("median_out"));
        int d = Shapes.WrapDim(dim, Ndim);
        CheckNonEmptyDim(Ndim == 0 ? [] : [d], "median");
        return PickFromSorted(d, keepDim, "MedianBackward1", SortKernels.MedianPosition);
    }

    /// <summary>
    /// The most frequent value of each row along <paramref name="dim"/> (the smallest of those equally
    /// frequent; NaN never equals itself) and the index of its last occurrence, as torch.mode.
    /// </summary>
    public ValuesIndices Mode(int dim = -1, bool keepDim = false)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        CheckNonEmptyDim(Ndim == 0 ? [] : [d], "mode");
        return PickFromSorted(d, keepDim, "ModeBackward0", SortKernels.ModePosition);
    }
}
