using NNTools.Autograd;
using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// Writing by index: Scatter (a tensor or one value), IndexAdd, IndexCopy, and Take. Each returns a
/// copy; Scatter_ writes in place. The positions follow <see cref="Gather"/>'s rules.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// A copy of this tensor with src[i][j][k] written at [index[i][j][k]][j][k] for dim 0, as
    /// torch.scatter; where index repeats a position the last write wins. Only the leading
    /// index-shaped block of <paramref name="src"/> is used; src must have this tensor's dtype. The
    /// gradient is zero at the written positions for this tensor, and gathered from them for src.
    /// </summary>
    public Tensor Scatter(int dim, Tensor index, Tensor src)
    {
        ThrowIfNull(index);
        ThrowIfNull(src);
        int d = Shapes.WrapDim(dim, Ndim);
        CheckScatter("scatter", d, index, src);
        var result = ContiguousCopy();
        Backends.Backend.Put(SrcBlock(src, index, DType), result, DimIndexOffsets(result, d, index), [0], accumulate: false);
        var srcShape = src.Sizes;
        return Record(result, "ScatterBackward0", [this, src], g =>
        [
            GradFor(this, () => ZeroAt(g, d, index)),
            GradFor(src, () =>
            {
                var picked = Empty(index.Sizes, g.DType);
                Backends.Backend.Gather(g, DimIndexOffsets(g, d, index), [0], picked);
                var z = Empty(srcShape, g.DType);
                NarrowRaw(z, index.Sizes).CopyRaw(picked);
                return z;
            }),
        ]);
    }

    /// <summary>A copy of this tensor with <paramref name="value"/> written at the positions <paramref name="index"/> names along <paramref name="dim"/>, as torch.scatter with a value.</summary>
    public Tensor Scatter(int dim, Tensor index, double value)
    {
        ThrowIfNull(index);
        int d = Shapes.WrapDim(dim, Ndim);
        CheckScatterIndex("scatter", d, index, null);
        var result = ContiguousCopy();
        Backends.Backend.Put(Full(index.Sizes, value, DType), result, DimIndexOffsets(result, d, index), [0], accumulate: false);
        return Record(result, "ScatterBackward1", [this], g => [ZeroAt(g, d, index)]);
    }

    /// <summary>In-place <see cref="Scatter(int, Tensor, Tensor)"/>.</summary>
    public Tensor Scatter_(int dim, Tensor index, Tensor src)
    {
        ThrowIfNull(index);
        ThrowIfNull(src);
        CheckInPlace();
        int d = Shapes.WrapDim(dim, Ndim);
        CheckScatter("scatter_", d, index, src);
        CheckNoPartialOverlap(src);
        if (RecordsInPlace(src)) return InPlaceRecorded(c => c.Scatter(d, index, src));
        Backends.Backend.Put(SrcBlock(src, index, DType), this, DimIndexOffsets(this, d, index), [0], accumulate: false);
        BumpVersion();
        return this;
    }

    /// <summary>In-place <see cref="Scatter(int, Tensor, double)"/>.</summary>
    public Tensor Scatter_(int dim, Tensor index, double value)
    {
        ThrowIfNull(index);
        CheckInPlace();
        int d = Shapes.WrapDim(dim, Ndim);
        CheckScatterIndex("scatter_", d, index, null);
        if (RecordsInPlace()) return InPlaceRecorded(c => c.Scatter(d, index, value));
        Backends.Backend.Put(Full(index.Sizes, value, DType), this, DimIndexOffsets(this, d, index), [0], accumulate: false);
        BumpVersion();
        return this;
    }

    private void CheckScatter(string op, int d, Tensor index, Tensor src)
    {
        CheckScatterIndex(op, d, index, src);
        if (src.DType != DType)
        {
            throw Raise(new DTypeMismatchException("ScatterDType", $"{op}(): Expected self.dtype to be equal to src.dtype ({DType.TorchName()} and {src.DType.TorchName()})"));
        }
    }

    /// <summary>A contiguous copy of <paramref name="g"/> with zeros at the positions <paramref name="index"/> names along <paramref name="d"/>.</summary>
    private static Tensor ZeroAt(Tensor g, int d, Tensor index)
    {
        RefuseDoubleBackward("ScatterBackward0");
        var z = g.ContiguousCopy();
        Backends.Backend.Put(Empty(index.Sizes, g.DType), z, DimIndexOffsets(z, d, index), [0], accumulate: false);
        return z;
    }

    /// <summary>
    /// A copy of this tensor with alpha * source[..., i, ...] added to the slice index[i] of
    /// <paramref name="dim"/>, as torch.index_add (repeated indices add up). The gradient of source
    /// is alpha times the incoming gradient's slices at index.
    /// </summary>
    public Tensor IndexAdd(int dim, Tensor index, Tensor source, double alpha = 1)
    {
        int d = CheckIndexWrite("index_add", dim, index, source);
        if (!DType.IsFloating() && alpha != Math.Floor(alpha))
        {
            throw Raise(new DTypeMismatchException("FloatAlpha", $"For integral input tensors, argument alpha must be a whole number (got {alpha} for {DType.TorchName()} inputs)"));
        }
        var result = ContiguousCopy();
        Tensor scaled;
        using (GradMode.NoGrad()) scaled = alpha == 1 ? source : Scaled(source, alpha);
        Backends.Backend.Put(scaled.CastRaw(DType).ContiguousCopy(), result, DimIndexOffsets(result, d, SliceIndex(index, d, source.Sizes)), [0], accumulate: true);
        return Record(result, "IndexAddBackward0", [this, source], g =>
        [
            GradFor(this, () => g),
            GradFor(source, () => alpha == 1 ? g.IndexSelect(d, index) : Scaled(g.IndexSelect(d, index), alpha)),
        ]);
    }

    /// <summary>
    /// A copy of this tensor with the slice index[i] of <paramref name="dim"/> replaced by source's
    /// slice i, as torch.index_copy (with repeated indices the last write wins).
    /// </summary>
    public Tensor IndexCopy(int dim, Tensor index, Tensor source)
    {
        int d = CheckIndexWrite("index_copy", dim, index, source);
        var result = ContiguousCopy();
        var full = SliceIndex(index, d, source.Sizes);
        Backends.Backend.Put(source.ContiguousCopy(), result, DimIndexOffsets(result, d, full), [0], accumulate: false);
        return Record(result, "IndexCopyBackward0", [this, source], g =>
        [
            GradFor(this, () => ZeroAt(g, d, full)),
            GradFor(source, () => g.IndexSelect(d, index)),
        ]);
    }

    /// <summary>
    /// The elements at the given positions of the flattened tensor (negative ones count from the
    /// end), shaped as <paramref name="index"/>, as torch.take.
    /// </summary>
    public Tensor Take(Tensor index)
    {
        ThrowIfNull(index);
        return Reshape(-1).IndexSelect(0, index.Reshape(-1)).Reshape(index.Sizes);
    }

    /// <summary>The shared checks of IndexAdd and IndexCopy; returns the wrapped dim.</summary>
    private int CheckIndexWrite(string op, int dim, Tensor index, Tensor source)
    {
        ThrowIfNull(index);
        ThrowIfNull(source);
        int d = Shapes.WrapDim(dim, Ndim);
        if (Ndim == 0) throw Raise(new ShapeMismatchException("IndexWriteRank", $"{op}(): expected a tensor with at least one dimension, got a 0-d tensor"));
        if (index.Ndim > 1) throw Raise(new TensorIndexException("IndexRank", $"{op}(): Index is supposed to be a vector, got shape {Shapes.Format(index.Sizes)}"));
        if (index.DType != DType.Int64) throw Raise(new TensorIndexException("IndexDType", $"{op}(): Expected dtype int64 for index, got {index.DType.TorchName()}"));
        if (source.DType != DType)
        {
            throw Raise(new DTypeMismatchException("IndexWriteDType", $"{op}(): self ({DType.TorchName()}) and source ({source.DType.TorchName()}) must have the same scalar type"));
        }
        bool same = source.Ndim == Ndim;
        for (int i = 0; same && i < Ndim; i++) same = i == d || source.Sizes[i] == Sizes[i];
        if (!same)
        {
            throw Raise(new ShapeMismatchException("IndexWriteShape",
                $"{op}(): source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = {Shapes.Format(Sizes)} source.shape = {Shapes.Format(source.Sizes)}"));
        }
        if (source.Sizes[d] != index.Numel())
        {
            throw Raise(new ShapeMismatchException("IndexWriteShape",
                $"{op}(): Number of indices ({index.Numel()}) should be equal to source.size(dim) ({source.Sizes[d]})"));
        }
        // Checked here, not by the scatter, which reads no index when the slices are empty; negative indices are refused as torch refuses them.
        if (IndexKernels.FindOutOfRange(index, Sizes[d], out long v))
        {
            throw Raise(new TensorIndexException("IndexOutOfRange", $"{op}(): index {v} is out of bounds for dimension {d} with size {Sizes[d]}"));
        }
        return d;
    }

    /// <summary>A 1-d index along <paramref name="d"/> expanded to <paramref name="shape"/>: the gather / scatter index of the same slices.</summary>
    private static Tensor SliceIndex(Tensor index, int d, int[] shape)
    {
        var view = Enumerable.Repeat(1, shape.Length).ToArray();
        view[d] = index.Numel();
        return index.ContiguousCopy().Reshape(view).ExpandRaw(shape).ContiguousCopy();
    }

    /// <summary>t * s, keeping an integer tensor integer when s is whole.</summary>
    private static Tensor Scaled(Tensor t, double s) => t.DType.IsFloating() ? t.Mul(s) : t.Mul((long)s);
}
