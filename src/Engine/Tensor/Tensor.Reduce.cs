namespace NNTools;

/// <summary>Reductions over all elements or chosen dims, with keepdim, each with its backward.</summary>
public sealed partial class Tensor
{
    /// <summary>Sorted, wrapped, de-duplicated dims; all dims when <paramref name="dims"/> is null or empty.</summary>
    internal int[] ReductionDims(int[]? dims)
    {
        if (dims is null || dims.Length == 0) return AllDims(Ndim);
        if (dims.Length == 1 && Ndim > 0) return [Shapes.WrapDim(dims[0], Ndim)];
        return SortedDistinctDims(dims);
    }

    // Apart from ReductionDims so that the common cases (all dims, one dim) compile without the LINQ.
    private int[] SortedDistinctDims(int[] dims)
    {
        var wrapped = dims.Select(d => Shapes.WrapDim(d, Ndim)).ToArray();
        if (wrapped.Distinct().Count() != wrapped.Length)
        {
            throw Raise(new TensorArgumentException("RepeatedDim", $"dim {wrapped.GroupBy(d => d).First(g => g.Count() > 1).Key} appears multiple times in the list of dims"));
        }
        Array.Sort(wrapped);
        return Ndim == 0 ? [] : wrapped;
    }

    internal int[] ReducedShape(int[] dims, bool keepDim)
    {
        var shape = new List<int>();
        for (int i = 0; i < Ndim; i++)
        {
            if (Array.IndexOf(dims, i) < 0) shape.Add(Sizes[i]);
            else if (keepDim) shape.Add(1);
        }
        return shape.ToArray();
    }

    /// <summary>
    /// This tensor's values arranged as [outer, inner] rows: the kept dims first (row-major), the
    /// reduced dims last, so every reduction becomes a loop over contiguous rows.
    /// </summary>
    internal Tensor RowsForReduction(int[] dims, out int rows, out int rowLength)
    {
        if (IsTrailing(dims) && IsContiguous())
        {
            // Already [kept..., reduced...] in row-major order: the rows are this tensor's own elements.
            rowLength = 1;
            foreach (var d in dims) rowLength *= Sizes[d];
            rows = ProductOfKept(dims);
            return this;
        }
        var kept = Enumerable.Range(0, Ndim).Where(d => Array.IndexOf(dims, d) < 0).ToArray();
        var order = kept.Concat(dims).ToArray();
        rowLength = 1;
        foreach (var d in dims) rowLength *= Sizes[d];
        rows = 1;
        foreach (var d in kept) rows *= Sizes[d];
        var permuted = new Tensor(Storage, order.Select(d => Sizes[d]).ToArray(), order.Select(d => StrideArray[d]).ToArray(), Offset);
        return permuted.IsContiguous() ? permuted : permuted.ContiguousCopy();
    }

    private static int[] AllDims(int rank)
    {
        var all = new int[rank];
        for (int i = 0; i < rank; i++) all[i] = i;
        return all;
    }

    /// <summary>True when sorted <paramref name="dims"/> are the last dims (rank - count ... rank - 1).</summary>
    private bool IsTrailing(int[] dims)
    {
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] != Ndim - dims.Length + i) return false;
        }
        return true;
    }

    private int ProductOfKept(int[] dims)
    {
        int p = 1;
        for (int d = 0; d < Ndim - dims.Length; d++) p *= Sizes[d];
        return p;
    }

    /// <summary>
    /// The inverse of <see cref="RowsForReduction"/>: contiguous <paramref name="rowData"/> laid out
    /// as [kept dims..., <paramref name="dims"/>...] put back in this tensor's dim order (a contiguous copy).
    /// </summary>
    internal Tensor FromRows(Tensor rowData, int[] dims)
    {
        var order = Enumerable.Range(0, Ndim).Where(d => Array.IndexOf(dims, d) < 0).Concat(dims).ToArray();
        var orderStrides = Shapes.ContiguousStrides(order.Select(d => Sizes[d]).ToArray());
        var strides = new int[Ndim];
        for (int p = 0; p < Ndim; p++) strides[order[p]] = orderStrides[p];
        return new Tensor(rowData.Storage, Sizes, strides, rowData.Offset).ContiguousCopy();
    }

    /// <summary>Sum of all elements; integers and bools sum to int64.</summary>
    public Tensor Sum() => Sum(null, false);

    public Tensor Sum(int dim, bool keepDim = false) => Sum([dim], keepDim);

    /// <summary>Sum over <paramref name="dims"/> (all when null), optionally keeping them as size-1 dims.</summary>
    public Tensor Sum(int[]? dims, bool keepDim = false, DType? dtype = null)
    {
        var rd = ReductionDims(dims);
        var outType = dtype ?? (DType.IsFloating() ? DType : DType.Int64);
        // A narrow integer result is the int64 sum wrapped, which is what summing in the narrow type gives.
        if (outType is DType.Int32 or DType.UInt8) return Sum(dims, keepDim, DType.Int64).CastRaw(outType);
        var src = CastRaw(outType).RowsForReduction(rd, out int rows, out int len);
        var result = Empty(ReducedShape(rd, keepDim), outType);
        if (outType == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "sum cannot produce a bool tensor"));
        Backends.Backend.SumRows(src, rows, len, result);
        var inputShape = Sizes;
        // PyTorch names the full sum SumBackward0 and the sum over given dims SumBackward1.
        return Record(result, dims is null ? "SumBackward0" : "SumBackward1", [this], g => [ExpandReduced(g, rd, keepDim, inputShape)]);
    }

    /// <summary>The gradient of a reduction, broadcast back over the reduced dims.</summary>
    internal static Tensor ExpandReduced(Tensor g, int[] dims, bool keepDim, int[] inputShape)
    {
        var gg = g;
        // A 0-dim gradient (a full reduction) expands to any shape as it is.
        if (!keepDim && g.Ndim > 0)
        {
            foreach (var d in dims) gg = gg.Unsqueeze(d);
        }
        return gg.Expand(inputShape);
    }

    /// <summary>Sums this tensor down to <paramref name="shape"/>, undoing a broadcast (leading dims and size-1 dims).</summary>
    public Tensor SumTo(int[] shape)
    {
        if (Shapes.SameShape(Sizes, shape)) return this;
        int lead = Ndim - shape.Length;
        if (lead < 0)
        {
            throw Raise(SumToShapeError(Sizes, shape));
        }
        var dims = new List<int>();
        for (int i = 0; i < Ndim; i++)
        {
            if (i < lead || (shape[i - lead] == 1 && Sizes[i] != 1)) dims.Add(i);
        }
        var summed = dims.Count == 0 ? this : Sum(dims.ToArray(), keepDim: true);
        return lead == 0 ? summed : summed.Reshape(shape);
    }

    /// <summary>Mean of all elements (floating dtypes only, as PyTorch).</summary>
    public Tensor Mean() => Mean(null, false);

    public Tensor Mean(int dim, bool keepDim = false) => Mean([dim], keepDim);

    public Tensor Mean(int[]? dims, bool keepDim = false)
    {
        if (!DType.IsFloating())
        {
            throw Raise(MeanDTypeError(DType));
        }
        var rd = ReductionDims(dims);
        int count = 1;
        foreach (var d in rd) count *= Sizes[d];
        Tensor result;
        using (Autograd.GradMode.NoGrad()) result = Sum(rd, keepDim) / (double)count;
        var inputShape = Sizes;
        // Recorded as one node (not Sum then Div) so grad_fn shows PyTorch's MeanBackward0 (all elements) / MeanBackward1 (given dims).
        // g / count is taken before the expansion: the same value in every element (bits as PyTorch's
        // grad.expand(sizes) / numel), computed once, and the gradient stays a broadcast view as Sum's is.
        return Record(result, dims is null ? "MeanBackward0" : "MeanBackward1", [this], g => [ExpandReduced(g / (double)count, rd, keepDim, inputShape)]);
    }

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown,
    // which keeps the checked method small for the JIT (a first training step compiles dozens of them).
    private static ShapeMismatchException SumToShapeError(int[] sizes, int[] shape) => new("SumToShape", $"cannot sum a tensor of shape {Shapes.Format(sizes)} to the larger shape {Shapes.Format(shape)}");

    private static DTypeMismatchException MeanDTypeError(DType dtype) => new("MeanDType",
        $"mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {dtype.ScalarTypeName()}");
}
