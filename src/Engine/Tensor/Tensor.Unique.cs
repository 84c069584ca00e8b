using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// The distinct values (or slices) of a tensor, as torch.unique returns them: <see cref="Inverse"/>
/// and <see cref="Counts"/> are null unless they were asked for.
/// </summary>
public sealed record UniqueResult(Tensor Values, Tensor? Inverse, Tensor? Counts);

/// <summary>Unique and UniqueConsecutive. Neither is differentiable, as in PyTorch.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// The distinct elements in ascending order (NaN last; NaN never equals itself, so each NaN stays),
    /// as torch.unique. With <paramref name="dim"/> the distinct slices along it, ordered
    /// lexicographically (elements compared in the order of the input with dims 0 and dim swapped, as torch 1.13). <paramref name="returnInverse"/> adds, for every element (or slice), the
    /// index of its value in Values; <paramref name="returnCounts"/> how often each value occurs.
    /// The result is always sorted: PyTorch's order for <paramref name="sorted"/> false is unspecified.
    /// </summary>
    public UniqueResult Unique(bool sorted = true, bool returnInverse = false, bool returnCounts = false, int? dim = null)
    {
        _ = sorted;
        return UniqueCore(dim, sort: true, returnInverse, returnCounts);
    }

    /// <summary>
    /// Collapses each run of equal consecutive elements (or slices along <paramref name="dim"/>) into
    /// one, as torch.unique_consecutive; Inverse and Counts as in <see cref="Unique"/>.
    /// </summary>
    public UniqueResult UniqueConsecutive(bool returnInverse = false, bool returnCounts = false, int? dim = null) =>
        UniqueCore(dim, sort: false, returnInverse, returnCounts);

    private UniqueResult UniqueCore(int? dim, bool sort, bool returnInverse, bool returnCounts)
    {
        int d = dim is int given ? Shapes.WrapDim(given, Ndim) : 0;
        // Bool and the narrow integers group as int64 (equal exactly when the values are); the values convert back.
        var compute = DType.IsFloating() ? DType : DType.Int64;
        // Slices along d as contiguous rows: [n, m]; without a dim every element is a row of one.
        Tensor rowsOf;
        int n, m;
        if (dim is null || Ndim == 0)
        {
            n = Numel();
            m = 1;
            rowsOf = CastRaw(compute).ContiguousCopy();
        }
        else
        {
            rowsOf = SwapFirstAnd(d).CastRaw(compute).ContiguousCopy();
            n = Sizes[d];
            m = n == 0 ? 0 : Numel() / n;
            if (n == 0 && Sizes.Count(size => size == 0) > 1)
            {
                throw Raise(new ShapeMismatchException("UniqueEmptyDims", $"Number of zero sized dimensions is more than one, so unique cannot be applied (shape {Shapes.Format(Sizes)}, dim {d})"));
            }
            if (n > 0 && m == 0)
            {
                throw Raise(new ShapeMismatchException("UniqueEmptyDims", $"There are 0 sized dimensions, and they aren't selected, so unique cannot be applied (shape {Shapes.Format(Sizes)}, dim {d})"));
            }
        }
        var (first, groupOf, counts) = SortKernels.Groups(rowsOf, n, m, sort);
        Tensor values;
        if (dim is null || Ndim == 0)
        {
            var picked = Empty([first.Length], compute);
            Backends.Backend.Gather(rowsOf, first, [0], picked);
            values = picked.CastRaw(DType);
        }
        else
        {
            var shape = (int[])Sizes.Clone();
            shape[d] = first.Length;
            var front = SwapFirstAnd(d).Shape;
            front[0] = first.Length;
            var picked = Empty(front, compute);
            Backends.Backend.Gather(rowsOf, first.Select(f => f * m).ToArray(), Enumerable.Range(0, m).ToArray(), picked);
            values = picked.CastRaw(DType).SwapFirstAnd(d).ContiguousCopy();
        }
        Tensor? inverse = returnInverse ? FromBuffer(groupOf, dim is null ? Sizes : [n]) : null;
        Tensor? countsOut = returnCounts ? FromBuffer(counts, [counts.Length]) : null;
        return new UniqueResult(values, inverse, countsOut);
    }

    /// <summary>
    /// A raw view with dims 0 and <paramref name="d"/> swapped. torch 1.13 lays the slices out this
    /// way (transpose, not movedim), so its lexicographic order of slices compares their elements in
    /// this order; the slices come back through the same swap.
    /// </summary>
    private Tensor SwapFirstAnd(int d)
    {
        var sizes = Shape;
        var strides = Stride();
        (sizes[0], sizes[d]) = (sizes[d], sizes[0]);
        (strides[0], strides[d]) = (strides[d], strides[0]);
        return new Tensor(Storage, sizes, strides, Offset);
    }
}
