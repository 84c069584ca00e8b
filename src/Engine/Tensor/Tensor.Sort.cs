using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// Values chosen along a dim and their int64 positions in it, as torch.return_types.sort, topk,
/// kthvalue, median and mode. Deconstructs in C# (<c>var (values, indices) = t.Sort()</c>); from
/// PowerShell read <c>.Values</c> and <c>.Indices</c>.
/// </summary>
public sealed record ValuesIndices(Tensor Values, Tensor Indices);

/// <summary>
/// Sorting and the order statistics built on it: Sort, Argsort, Topk, Kthvalue. Every row is
/// sorted stably with NaN above every number (last ascending, first descending), as PyTorch's CPU
/// sort. The gradient of the values goes back to the positions their indices name.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// The elements of each row along <paramref name="dim"/> in ascending (or descending) order and
    /// where each came from, as torch.sort. The sort is always stable: equal elements keep their
    /// order, so <paramref name="stable"/> is accepted for PyTorch's signature and changes nothing.
    /// </summary>
    public ValuesIndices Sort(int dim = -1, bool descending = false, bool stable = false)
    {
        _ = stable;
        int d = Shapes.WrapDim(dim, Ndim);
        int[] rd = Ndim == 0 ? [] : [d];
        SortedRows(rd, descending, out var rowValues, out var rowIndices, out _, out _);
        var values = FromRows(rowValues, rd);
        var indices = FromRows(rowIndices, rd);
        return new ValuesIndices(RecordSelected(values, "SortBackward0", d, indices, keepDim: true), indices);
    }

    /// <summary>The indices that sort each row along <paramref name="dim"/>, as torch.argsort (stable, NaN last ascending).</summary>
    public Tensor Argsort(int dim = -1, bool descending = false, bool stable = false) => Sort(dim, descending, stable).Indices;

    /// <summary>
    /// The <paramref name="k"/> largest (or smallest) elements along <paramref name="dim"/> and their
    /// indices, as torch.topk; NaN counts as the largest value. The result is always in sorted order,
    /// largest first (smallest first when <paramref name="largest"/> is false); PyTorch leaves the
    /// order unspecified when <paramref name="sorted"/> is false. Among equal elements the one with
    /// the lower index comes first.
    /// </summary>
    public ValuesIndices Topk(int k, int dim = -1, bool largest = true, bool sorted = true)
    {
        _ = sorted;
        int d = Shapes.WrapDim(dim, Ndim);
        int size = Ndim == 0 ? 1 : Sizes[d];
        if (k < 0 || k > size) throw Raise(new TensorIndexException("TopkOutOfRange", $"topk(): k ({k}) out of range for dimension {d} of size {size}"));
        if (DType == DType.Bool && Ndim > 0) throw Raise(UnsupportedSortDType("topk_cpu"));
        int[] rd = Ndim == 0 ? [] : [d];
        SortedRows(rd, descending: largest, out var rowValues, out var rowIndices, out _, out _);
        var values = FromRows(rowValues, rd);
        var indices = FromRows(rowIndices, rd);
        if (Ndim > 0 && k < size)
        {
            values = values.NarrowCopy(d, k);
            indices = indices.NarrowCopy(d, k);
        }
        return new ValuesIndices(RecordSelected(values, "TopkBackward0", d, indices, keepDim: true), indices);
    }

    /// <summary>
    /// The <paramref name="k"/>-th smallest element (1-based) of each row along <paramref name="dim"/>
    /// and its index, as torch.kthvalue; NaN counts as the largest value. Among equal elements the
    /// index is the one a stable sort puts at position k (PyTorch's choice there is unspecified).
    /// </summary>
    public ValuesIndices Kthvalue(int k, int dim = -1, bool keepDim = false)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        int size = Ndim == 0 ? 1 : Sizes[d];
        if (k < 1 || k > size) throw Raise(new TensorIndexException("KthvalueOutOfRange", $"kthvalue(): selected number k ({k}) out of range for dimension {d} of size {size}"));
        if (DType == DType.Bool && Ndim > 0) throw Raise(UnsupportedSortDType("kthvalue_cpu"));
        return PickFromSorted(d, keepDim, "KthvalueBackward0", (_, _, _) => k - 1);
    }

    /// <summary>
    /// Takes one element of every stably sorted row along <paramref name="d"/>: the one at the position
    /// <paramref name="position"/> gives for (sorted values, row start, row length). Values and
    /// indices have the reduced shape.
    /// </summary>
    private ValuesIndices PickFromSorted(int d, bool keepDim, string node, Func<Tensor, int, int, int> position)
    {
        int[] rd = Ndim == 0 ? [] : [d];
        SortedRows(rd, descending: false, out var rowValues, out var rowIndices, out int rows, out int len);
        var shape = ReducedShape(rd, keepDim);
        var values = Empty(shape, DType);
        var indices = Empty(shape, DType.Int64);
        var at = SortKernels.Pick(rowValues, rowIndices, rows, len, position, indices);
        Backends.Backend.Gather(rowValues, at, [0], values);
        return new ValuesIndices(RecordSelected(values, node, d, indices, keepDim), indices);
    }

    /// <summary>
    /// Every row of this tensor over <paramref name="rd"/> (one dim, or none for a 0-d tensor) sorted
    /// stably, as contiguous [rows, len] values and int64 indices; no autograd.
    /// </summary>
    internal void SortedRows(int[] rd, bool descending, out Tensor values, out Tensor indices, out int rows, out int len)
    {
        // Bool and the narrow integers sort as int64, which orders them the same; the values convert back exactly.
        var compute = DType.IsFloating() ? DType : DType.Int64;
        var src = CastRaw(compute).RowsForReduction(rd, out rows, out len);
        var sorted = Empty([rows * len], compute);
        indices = Empty([rows * len], DType.Int64);
        SortKernels.SortRows(src, rows, len, descending, sorted, indices);
        values = sorted.CastRaw(DType);
    }

    /// <summary>
    /// Records <paramref name="values"/> as chosen from this tensor at <paramref name="indices"/> along
    /// dim <paramref name="d"/>: the gradient is written into zeros at those positions, as PyTorch's
    /// value_selecting_reduction_backward.
    /// </summary>
    private Tensor RecordSelected(Tensor values, string node, int d, Tensor indices, bool keepDim)
    {
        if (!DType.IsFloating()) return values;
        var shape = Sizes;
        int ndim = Ndim;
        return Record(values, node, [this], g =>
        {
            if (ndim == 0) return [g.Reshape([])];
            RefuseDoubleBackward(node);
            var gg = keepDim ? g : g.Unsqueeze(d);
            var ii = keepDim ? indices : indices.Unsqueeze(d);
            var z = Empty(shape, g.DType);
            Backends.Backend.Put(gg.ContiguousCopy(), z, DimIndexOffsets(z, d, ii), [0], accumulate: false);
            return [z];
        }, indices);
    }

    /// <summary>The first <paramref name="length"/> elements along <paramref name="d"/> as a contiguous copy, without autograd.</summary>
    private Tensor NarrowCopy(int d, int length)
    {
        var sizes = (int[])Sizes.Clone();
        sizes[d] = length;
        return new Tensor(Storage, sizes, StrideArray, Offset).ContiguousCopy();
    }

    private static DTypeMismatchException UnsupportedSortDType(string op) => new("UnsupportedDType", $"\"{op}\" not implemented for 'Bool'");
}
