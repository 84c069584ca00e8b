using System.Numerics;
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
            IndexKernels.Gather(sorted, [MedianPosition(sorted, 0, n)], [0], result);
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
        return PickFromSorted(d, keepDim, "MedianBackward1", MedianPosition);
    }

    /// <summary>
    /// The most frequent value of each row along <paramref name="dim"/> (the smallest of those equally
    /// frequent; NaN never equals itself) and the index of its last occurrence, as torch.mode.
    /// </summary>
    public ValuesIndices Mode(int dim = -1, bool keepDim = false)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        CheckNonEmptyDim(Ndim == 0 ? [] : [d], "mode");
        return PickFromSorted(d, keepDim, "ModeBackward0", ModePosition);
    }

    /// <summary>The position in a sorted row of its lower median, or of its first NaN (NaNs sort last).</summary>
    private static int MedianPosition(Tensor sorted, int start, int len) => sorted.DType switch
    {
        DType.Float32 => FirstNanOr(sorted.Buffer<float>(), start, len, (len - 1) / 2),
        DType.Float64 => FirstNanOr(sorted.Buffer<double>(), start, len, (len - 1) / 2),
        _ => (len - 1) / 2,
    };

    private static int FirstNanOr<T>(T[] v, int start, int len, int otherwise) where T : INumber<T>
    {
        for (int i = 0; i < len; i++) if (T.IsNaN(v[start + i])) return i;
        return otherwise;
    }

    /// <summary>The position in a sorted row of the last element of its longest run of equal values (the first such run on ties).</summary>
    private static int ModePosition(Tensor sorted, int start, int len) => sorted.DType switch
    {
        DType.Float32 => LongestRunEnd(sorted.Buffer<float>(), start, len),
        DType.Float64 => LongestRunEnd(sorted.Buffer<double>(), start, len),
        DType.Int64 => LongestRunEnd(sorted.Buffer<long>(), start, len),
        _ => LongestRunEnd(sorted.CastRaw(DType.Int64).Buffer<long>(), start, len),
    };

    private static int LongestRunEnd<T>(T[] v, int start, int len) where T : INumber<T>
    {
        int best = 0, bestCount = 0;
        for (int i = 0; i < len;)
        {
            int j = i + 1;
            while (j < len && v[start + j] == v[start + i]) j++;
            if (j - i > bestCount)
            {
                bestCount = j - i;
                best = j - 1;
            }
            i = j;
        }
        return best;
    }
}
