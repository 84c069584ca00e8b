using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// PyTorch's advanced indexing, resolved once for one source shape: which dims are indexed,
/// the positions they take (index tensors broadcast together, bool masks turned into their
/// nonzero positions, negatives wrapped, bounds checked) and where the broadcast dims land.
/// </summary>
/// <remarks>
/// With index tensors broadcast to shape B over dims D of a source, the result is B followed by
/// the un-indexed dims R in order, except when D is one run of adjacent dims: then B takes the
/// place of that run (x[:, i, j] has shape [x.size(0), *B, ...]). The values are laid out as
/// B + R internally (one block of R per index position) and permuted into place.
/// </remarks>
internal sealed class AdvancedIndex
{
    private readonly int[] _dims;
    private readonly int[][] _positions;
    private readonly int[] _broadcast;
    private readonly int[] _rest;
    private readonly int _insertAt;

    private AdvancedIndex(int[] dims, int[][] positions, int[] broadcast, int[] rest, int insertAt, int[] resultShape)
    {
        _dims = dims;
        _positions = positions;
        _broadcast = broadcast;
        _rest = rest;
        _insertAt = insertAt;
        ResultShape = resultShape;
    }

    /// <summary>The shape of the selection (what a read returns and what an assigned value broadcasts to).</summary>
    public int[] ResultShape { get; }

    /// <param name="source">The tensor being indexed (after the basic indices were applied).</param>
    /// <param name="entries">Each index tensor with the source dim it starts at, in increasing dim order.</param>
    public static AdvancedIndex Create(Tensor source, IReadOnlyList<(int Dim, Tensor Index)> entries)
    {
        var dims = new List<int>();
        var indices = new List<Tensor>();
        foreach (var (dim, index) in entries)
        {
            if (index.DType == DType.Bool)
            {
                for (int j = 0; j < index.Ndim; j++)
                {
                    if (index.Sizes[j] != source.Sizes[dim + j])
                    {
                        throw Raise(new TensorIndexException("MaskShapeMismatch",
                            $"The shape of the mask {Shapes.Format(index.Sizes)} at index {j} does not match the shape of the indexed tensor {Shapes.Format(source.Sizes)} at index {dim + j}"));
                    }
                }
                var nz = index.NonzeroRaw();
                for (int j = 0; j < index.Ndim; j++)
                {
                    dims.Add(dim + j);
                    indices.Add(new Tensor(nz.Storage, [nz.Sizes[0]], [nz.StrideArray[0]], nz.Offset + j));
                }
            }
            else if (index.DType == DType.Int64)
            {
                dims.Add(dim);
                indices.Add(index);
            }
            else
            {
                throw Raise(new TensorIndexException("IndexDType",
                    $"tensors used as indices must be long, byte or bool tensors, got {index.DType.TorchName()}"));
            }
        }

        var broadcast = BroadcastIndices(indices);
        var positions = new int[dims.Count][];
        for (int k = 0; k < dims.Count; k++)
        {
            var values = indices[k].ExpandRaw(broadcast).ContiguousCopy();
            int size = source.Sizes[dims[k]];
            if (!IndexKernels.TryPositions(values, size, out positions[k], out long v))
            {
                throw Raise(new TensorIndexException("IndexOutOfRange", $"index {v} is out of bounds for dimension {dims[k]} with size {size}"));
            }
        }

        var rest = Enumerable.Range(0, source.Ndim).Where(d => !dims.Contains(d)).ToArray();
        bool adjacent = dims.Count == 0 || dims[^1] - dims[0] == dims.Count - 1;
        int insertAt = adjacent && dims.Count > 0 ? dims[0] : 0;
        var resultShape = rest.Take(insertAt).Select(d => source.Sizes[d])
            .Concat(broadcast)
            .Concat(rest.Skip(insertAt).Select(d => source.Sizes[d]))
            .ToArray();
        return new AdvancedIndex(dims.ToArray(), positions, broadcast, rest, insertAt, resultShape);
    }

    private static int[] BroadcastIndices(List<Tensor> indices)
    {
        var shape = Array.Empty<int>();
        foreach (var t in indices)
        {
            int n = Math.Max(shape.Length, t.Ndim);
            var next = new int[n];
            for (int i = 0; i < n; i++)
            {
                int a = i < n - shape.Length ? 1 : shape[i - (n - shape.Length)];
                int b = i < n - t.Ndim ? 1 : t.Sizes[i - (n - t.Ndim)];
                if (a != b && a != 1 && b != 1)
                {
                    throw Raise(new TensorIndexException("IndexBroadcast",
                        "shape mismatch: indexing tensors could not be broadcast together with shapes " +
                        string.Join(", ", indices.Select(x => Shapes.Format(x.Sizes)))));
                }
                next[i] = a == 1 ? b : a;
            }
            shape = next;
        }
        return shape;
    }

    /// <summary>The selected values of <paramref name="source"/> (of the shape this was created for) as a fresh contiguous tensor.</summary>
    public Tensor Gather(Tensor source)
    {
        var blocked = Tensor.Empty(BlockedShape(source), source.DType);
        Backends.Backend.Gather(source, Offsets(source), Block(source), blocked);
        return _insertAt == 0 ? blocked : Reorder(blocked, ToResultOrder()).ContiguousCopy();
    }

    /// <summary>
    /// Writes <paramref name="values"/> (of <see cref="ResultShape"/>, any dtype) into the selection
    /// of <paramref name="target"/>: the last write wins where positions repeat, or they add up when
    /// <paramref name="accumulate"/>. No version bump or autograd check: callers do that.
    /// </summary>
    public void Put(Tensor target, Tensor values, bool accumulate)
    {
        var v = values.CastRaw(target.DType);
        var blocked = (_insertAt == 0 ? v : Reorder(v, FromResultOrder())).ContiguousCopy();
        Backends.Backend.Put(blocked, target, Offsets(target), Block(target), accumulate);
    }

    /// <summary>Storage offset of the first element of each block (one per broadcast index position).</summary>
    private int[] Offsets(Tensor t)
    {
        int count = Shapes.Numel(_broadcast);
        var offsets = new int[count];
        Array.Fill(offsets, t.Offset);
        for (int k = 0; k < _dims.Length; k++)
        {
            int stride = t.StrideArray[_dims[k]];
            var p = _positions[k];
            for (int i = 0; i < count; i++) offsets[i] += p[i] * stride;
        }
        return offsets;
    }

    private int[] Block(Tensor t) =>
        Indexed.BlockOffsets(_rest.Select(d => t.Sizes[d]).ToArray(), _rest.Select(d => t.StrideArray[d]).ToArray());

    private int[] BlockedShape(Tensor t) => _broadcast.Concat(_rest.Select(d => t.Sizes[d])).ToArray();

    /// <summary>The permutation from the B + R layout to the result's dim order.</summary>
    private int[] ToResultOrder()
    {
        int nb = _broadcast.Length;
        return Enumerable.Range(nb, _insertAt)
            .Concat(Enumerable.Range(0, nb))
            .Concat(Enumerable.Range(nb + _insertAt, _rest.Length - _insertAt))
            .ToArray();
    }

    private int[] FromResultOrder()
    {
        var to = ToResultOrder();
        var inverse = new int[to.Length];
        for (int i = 0; i < to.Length; i++) inverse[to[i]] = i;
        return inverse;
    }

    /// <summary>A permuted view with no autograd record: dim i of the result is dim order[i] of <paramref name="t"/>.</summary>
    private static Tensor Reorder(Tensor t, int[] order) =>
        new(t.Storage, order.Select(d => t.Sizes[d]).ToArray(), order.Select(d => t.StrideArray[d]).ToArray(), t.Offset);
}
