using NNTools.Autograd;
using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// Selection by index and mask tensors: IndexSelect, MaskedSelect, MaskedFill, Gather,
/// ScatterAdd, Nonzero. Selections copy; their gradients scatter-add back into zeros.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>The positions of the non-zero elements as an int64 tensor of shape [count, ndim], in row-major order, as torch.nonzero.</summary>
    public Tensor Nonzero() => NonzeroRaw();

    internal Tensor NonzeroRaw()
    {
        var flags = CastRaw(DType.Bool);
        if (!flags.IsContiguous()) flags = flags.ContiguousCopy();
        var result = Empty([IndexKernels.CountTrue(flags), Ndim], DType.Int64);
        IndexKernels.NonzeroPositions(flags, result);
        return result;
    }

    /// <summary>The entries at <paramref name="index"/> (a 1-d int64 or int32 tensor) along <paramref name="dim"/>, as torch.index_select: that dim's size becomes index's length.</summary>
    public Tensor IndexSelect(int dim, Tensor index)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        if (index.Ndim > 1) throw Raise(new TensorIndexException("IndexSelectRank", $"index_select(): Index is supposed to be a vector, got shape {Shapes.Format(index.Sizes)}"));
        if (index.DType is not (DType.Int64 or DType.Int32)) throw Raise(new TensorIndexException("IndexDType", $"index_select(): Expected dtype int32 or int64 for index, got {index.DType.TorchName()}"));
        // torch.index_select takes int32 indices too (advanced indexing does not); the positions are the same as int64.
        if (index.DType == DType.Int32) index = index.CastRaw(DType.Int64);
        var items = Enumerable.Repeat<IndexItem>(new IndexItem.Range(null, null, 1), Ndim == 0 ? 0 : d).ToList();
        items.Add(new IndexItem.TensorIndex(index.Ndim == 0 ? index.Reshape(1) : index));
        return IndexWith(items);
    }

    /// <summary>The elements where <paramref name="mask"/> (bool, broadcast with this tensor) is true, as a 1-d tensor, as torch.masked_select.</summary>
    public Tensor MaskedSelect(Tensor mask)
    {
        RequireBoolMask(mask, "masked_select");
        var shape = Shapes.Broadcast(Sizes, mask.Sizes);
        var source = Shapes.SameShape(shape, Sizes) ? this : Expand(shape);
        var items = new List<IndexItem> { new IndexItem.TensorIndex(mask.ExpandRaw(shape)) };
        var result = source.IndexWith(items);
        return result.Ndim == 1 ? result : result.Reshape(-1);
    }

    /// <summary>This tensor with <paramref name="value"/> where <paramref name="mask"/> is true (broadcast), keeping this dtype, as torch.masked_fill.</summary>
    public Tensor MaskedFill(Tensor mask, double value) => MaskedFill(mask, Full([], value, DType));

    /// <summary>As <see cref="MaskedFill(Tensor, double)"/> with a 0-d value tensor, which receives the sum of the gradient where the mask is true.</summary>
    public Tensor MaskedFill(Tensor mask, Tensor value)
    {
        RequireBoolMask(mask, "masked_fill");
        if (value.Ndim != 0)
        {
            throw Raise(new TensorArgumentException("MaskedFillValueRank",
                $"masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {value.Ndim} dimension(s)."));
        }
        return Where(mask, value.To(DType), this);
    }

    /// <summary>In-place <see cref="MaskedFill(Tensor, double)"/>; the mask must broadcast to this shape.</summary>
    public Tensor MaskedFill_(Tensor mask, double value)
    {
        CheckInPlace();
        RequireBoolMask(mask, "masked_fill_");
        if (!Shapes.SameShape(Shapes.Broadcast(Sizes, mask.Sizes), Sizes))
        {
            throw Raise(new ShapeMismatchException("MaskedFillShape",
                $"masked_fill_: mask of shape {Shapes.Format(mask.Sizes)} cannot be broadcast to the tensor's shape {Shapes.Format(Sizes)}"));
        }
        if (RecordsInPlace()) return InPlaceRecorded(c => MaskedFillRecorded(c, mask, value));
        using (GradMode.NoGrad()) CopyRaw(Where(mask, Full([], value, DType), this));
        return this;
    }

    /// <summary>masked_fill as its in-place form records it (MaskedFillBackward0): no gradient where the mask is true.</summary>
    private static Tensor MaskedFillRecorded(Tensor old, Tensor mask, double value)
    {
        Tensor result;
        using (GradMode.NoGrad()) result = Where(mask, Full([], value, old.DType), old);
        return Record(result, "MaskedFillBackward0", [old], g => [GradFor(old, () => g.MaskedFill(mask, 0.0))]);
    }

    private static void RequireBoolMask(Tensor mask, string op)
    {
        if (mask.DType != DType.Bool)
        {
            throw Raise(new DTypeMismatchException("MaskDType", $"{op} only supports boolean masks, but got mask with dtype {mask.DType.TorchName()}"));
        }
    }

    /// <summary>
    /// out[i][j][k] = this[index[i][j][k]][j][k] for dim 0 (the index replaces the coordinate of
    /// <paramref name="dim"/>), as torch.gather. The index is int64 with this tensor's rank and no
    /// larger than it outside <paramref name="dim"/>; the result has the index's shape.
    /// </summary>
    public Tensor Gather(int dim, Tensor index)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        CheckScatterIndex("gather", d, index, null);
        var offsets = DimIndexOffsets(this, d, index);
        var result = Empty(index.Sizes, DType);
        Backends.Backend.Gather(this, offsets, [0], result);
        var shape = Sizes;
        return Record(result, "GatherBackward0", [this], g =>
        {
            var z = Empty(shape, DType);
            Backends.Backend.Put(g.CastRaw(DType).ContiguousCopy(), z, DimIndexOffsets(z, d, index), [0], accumulate: true);
            // The adjoint of scatter-adding g along the index is gathering along it again.
            return [LinearInGrad(z, g, "ScatterAddBackward0", gz => gz.Gather(d, index))];
        });
    }

    /// <summary>
    /// A copy of this tensor with src[i][j][k] added at [index[i][j][k]][j][k] for dim 0, as
    /// torch.scatter_add (repeated positions add up). Only the leading index-shaped block of
    /// <paramref name="src"/> is used.
    /// </summary>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor src)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        CheckScatterIndex("scatter_add", d, index, src);
        var result = ContiguousCopy();
        Backends.Backend.Put(SrcBlock(src, index, DType), result, DimIndexOffsets(result, d, index), [0], accumulate: true);
        var srcShape = src.Sizes;
        return Record(result, "ScatterAddBackward0", [this, src], g =>
        [
            GradFor(this, () => g),
            GradFor(src, () =>
            {
                if (DifferentiableBackward && Shapes.SameShape(srcShape, index.Sizes)) return g.Gather(d, index);
                RefuseDoubleBackward("ScatterAddBackward0");
                var picked = Empty(index.Sizes, g.DType);
                Backends.Backend.Gather(g, DimIndexOffsets(g, d, index), [0], picked);
                var z = Empty(srcShape, g.DType);
                NarrowRaw(z, index.Sizes).CopyRaw(picked);
                return z;
            }),
        ]);
    }

    /// <summary>In-place <see cref="ScatterAdd"/>.</summary>
    public Tensor ScatterAdd_(int dim, Tensor index, Tensor src)
    {
        CheckInPlace();
        int d = Shapes.WrapDim(dim, Ndim);
        CheckScatterIndex("scatter_add_", d, index, src);
        CheckNoPartialOverlap(src);
        if (RecordsInPlace(src)) return InPlaceRecorded(c => c.ScatterAdd(d, index, src));
        Backends.Backend.Put(SrcBlock(src, index, DType), this, DimIndexOffsets(this, d, index), [0], accumulate: true);
        BumpVersion();
        return this;
    }

    private static Tensor SrcBlock(Tensor src, Tensor index, DType dtype) => NarrowRaw(src, index.Sizes).ContiguousCopy().CastRaw(dtype);

    /// <summary>The leading block of <paramref name="t"/> with the given (no larger) sizes, as a raw view.</summary>
    private static Tensor NarrowRaw(Tensor t, int[] sizes) => new(t.Storage, (int[])sizes.Clone(), t.StrideArray, t.Offset);

    private void CheckScatterIndex(string op, int dim, Tensor index, Tensor? src)
    {
        if (index.DType != DType.Int64) throw Raise(new TensorIndexException("IndexDType", $"{op}(): Expected dtype int64 for index, got {index.DType.TorchName()}"));
        if (index.Ndim != Ndim || (src is not null && src.Ndim != Ndim))
        {
            var (name, other) = src is not null && index.Ndim == Ndim ? ("src", src) : ("input", this);
            throw Raise(new ShapeMismatchException("IndexRank",
                $"Index tensor must have the same number of dimensions as {name} tensor (index {Shapes.Format(index.Sizes)}, {name} {Shapes.Format(other.Sizes)})"));
        }
        for (int i = 0; i < Ndim; i++)
        {
            if (i != dim && index.Sizes[i] > Sizes[i])
            {
                throw Raise(new ShapeMismatchException("IndexSize",
                    $"Size does not match at dimension {i} expected index {Shapes.Format(index.Sizes)} to be smaller than self {Shapes.Format(Sizes)} apart from dimension {dim}"));
            }
            if (src is not null && index.Sizes[i] > src.Sizes[i])
            {
                throw Raise(new ShapeMismatchException("IndexSize",
                    $"Size does not match at dimension {i} expected index {Shapes.Format(index.Sizes)} to be smaller than src {Shapes.Format(src.Sizes)}"));
            }
        }
    }

    /// <summary>Storage offsets into <paramref name="t"/> of the elements that gather / scatter address: index values along <paramref name="dim"/>, the index's own coordinates elsewhere.</summary>
    private static int[] DimIndexOffsets(Tensor t, int dim, Tensor index)
    {
        if (!IndexKernels.TryDimOffsets(t, dim, index, out var offsets, out long v))
        {
            int size = t.Ndim == 0 ? 1 : t.Sizes[dim];
            throw Raise(new TensorIndexException("IndexOutOfRange", $"index {v} is out of bounds for dimension {dim} with size {size}"));
        }
        return offsets;
    }
}
