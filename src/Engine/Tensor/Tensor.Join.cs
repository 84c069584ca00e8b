namespace NNTools;

/// <summary>
/// Joining and splitting along a dim: Cat, Stack, Split, Chunk, Unbind, plus Repeat and Flip.
/// The pieces from Split, Chunk and Unbind are views; Cat, Stack, Repeat and Flip copy.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Concatenates along <paramref name="dim"/>, as torch.cat: every other dim must match; the
    /// result dtype is the promotion of all inputs. As in PyTorch, 1-d empty tensors (shape [0]) are
    /// skipped whatever the other shapes. The gradient of each input is its slice of the output's.
    /// </summary>
    public static Tensor Cat(Tensor[] tensors, int dim = 0)
    {
        ThrowIfNull(tensors);
        if (tensors.Length == 0) throw Raise(new TensorArgumentException("CatEmpty", "torch.cat(): expected a non-empty list of Tensors"));
        var dtype = tensors[0].DType;
        for (int i = 0; i < tensors.Length; i++)
        {
            ThrowIfNull(tensors[i], nameof(tensors));
            if (tensors[i].Ndim == 0)
            {
                throw Raise(new ShapeMismatchException("CatZeroDim", $"zero-dimensional tensor (at position {i}) cannot be concatenated"));
            }
            dtype = DTypes.Promote(dtype, tensors[i].DType);
        }
        var parts = Enumerable.Range(0, tensors.Length).Where(i => !(tensors[i].Ndim == 1 && tensors[i].Sizes[0] == 0)).ToArray();
        if (parts.Length == 0) return Record(Empty([0], dtype), "CatBackward0", tensors, g => tensors.Select(t => GradFor(t, () => Empty([0], g.DType))).ToArray());
        var first = tensors[parts[0]];
        int d = Shapes.WrapDim(dim, first.Ndim);
        var shape = first.Shape;
        shape[d] = 0;
        foreach (var i in parts)
        {
            var t = tensors[i];
            if (t.Ndim != first.Ndim)
            {
                throw Raise(new ShapeMismatchException("CatRank", $"Tensors must have same number of dimensions: got {first.Ndim} and {t.Ndim}"));
            }
            for (int k = 0; k < t.Ndim; k++)
            {
                if (k != d && t.Sizes[k] != first.Sizes[k])
                {
                    throw Raise(new ShapeMismatchException("CatShapeMismatch",
                        $"Sizes of tensors must match except in dimension {d}. Expected size {first.Sizes[k]} but got size {t.Sizes[k]} for tensor number {i} in the list."));
                }
            }
            shape[d] += t.Sizes[d];
        }
        var inputs = parts.Select(i => tensors[i]).ToArray();
        var starts = new int[inputs.Length];
        var result = Empty(shape, dtype);
        for (int i = 0, start = 0; i < inputs.Length; start += inputs[i].Sizes[d], i++)
        {
            starts[i] = start;
            new Tensor(result.Storage, inputs[i].Sizes, result.StrideArray, start * result.StrideArray[d]).CopyRaw(inputs[i]);
        }
        // Skipped [0] inputs still get a gradient (an empty one), as they do in torch.
        return Record(result, "CatBackward0", tensors, g => tensors.Select((t, i) =>
        {
            int k = Array.IndexOf(parts, i);
            return GradFor(t, () => k < 0 ? Empty([0], g.DType) : g.Narrow(d, starts[k], t.Sizes[d]));
        }).ToArray());
    }

    /// <summary>Joins equally shaped tensors along a new dim <paramref name="dim"/> (in [-ndim-1, ndim]), as torch.stack.</summary>
    public static Tensor Stack(Tensor[] tensors, int dim = 0)
    {
        ThrowIfNull(tensors);
        if (tensors.Length == 0) throw Raise(new TensorArgumentException("StackEmpty", "stack expects a non-empty TensorList"));
        for (int i = 1; i < tensors.Length; i++)
        {
            if (!Shapes.SameShape(tensors[i].Sizes, tensors[0].Sizes))
            {
                throw Raise(new ShapeMismatchException("StackShapeMismatch",
                    $"stack expects each tensor to be equal size, but got {Shapes.Format(tensors[0].Sizes)} at entry 0 and {Shapes.Format(tensors[i].Sizes)} at entry {i}"));
            }
        }
        int d = Shapes.WrapDim(dim, tensors[0].Ndim + 1);
        return Cat(tensors.Select(t => t.Unsqueeze(d)).ToArray(), d);
    }

    /// <summary>Views of consecutive pieces of <paramref name="splitSize"/> along <paramref name="dim"/>; the last may be smaller, as torch.split.</summary>
    public Tensor[] Split(int splitSize, int dim = 0)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        int n = Sizes[d];
        if (splitSize < 0) throw Raise(new TensorArgumentException("SplitSize", $"split expects split_size be non-negative, but got split_size={splitSize}"));
        if (splitSize == 0 && n != 0)
        {
            throw Raise(new TensorArgumentException("SplitSize", $"split_size can only be 0 if dimension size is 0, but got dimension size of {n}"));
        }
        int count = n == 0 ? 1 : (n + splitSize - 1) / splitSize;
        return Enumerable.Range(0, count).Select(i => Narrow(d, i * splitSize, Math.Min(splitSize, n - i * splitSize))).ToArray();
    }

    /// <summary>Views of pieces with the given sizes along <paramref name="dim"/>, which must add up to its size, as torch.split with a list.</summary>
    public Tensor[] Split(int[] sizes, int dim = 0)
    {
        ThrowIfNull(sizes);
        int d = Shapes.WrapDim(dim, Ndim);
        if (sizes.Any(s => s < 0))
        {
            throw Raise(new TensorArgumentException("SplitSize", $"split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes={Shapes.Format(sizes)}"));
        }
        if (sizes.Sum() != Sizes[d])
        {
            throw Raise(new ShapeMismatchException("SplitSizesSum",
                $"split_with_sizes expects split_sizes to sum exactly to {Sizes[d]} (input tensor's size at dimension {d}), but got split_sizes={Shapes.Format(sizes)}"));
        }
        var pieces = new Tensor[sizes.Length];
        for (int i = 0, start = 0; i < sizes.Length; start += sizes[i], i++) pieces[i] = Narrow(d, start, sizes[i]);
        return pieces;
    }

    /// <summary>
    /// At most <paramref name="chunks"/> views of ceil(size / chunks) along <paramref name="dim"/>, as
    /// torch.chunk (so fewer pieces come back when the size does not divide, e.g. 6 in 4 gives 3).
    /// </summary>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        if (chunks <= 0) throw Raise(new TensorArgumentException("ChunkCount", $"chunk expects `chunks` to be greater than 0, got: {chunks}"));
        int d = Shapes.WrapDim(dim, Ndim);
        int n = Sizes[d];
        return n == 0 ? Split(new int[chunks], d) : Split((n + chunks - 1) / chunks, d);
    }

    /// <summary>The slices along <paramref name="dim"/> with that dim removed (views), as torch.unbind.</summary>
    public Tensor[] Unbind(int dim = 0)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        if (Ndim == 0) throw Raise(new TensorIndexException("IndexScalar", "Dimension specified as 0 but tensor has no dimensions"));
        return Enumerable.Range(0, Sizes[d]).Select(i => Select(d, i)).ToArray();
    }

    /// <summary>
    /// Tiles the tensor: dim i is repeated repeats[i] times, as torch's repeat (not numpy's repeat;
    /// extra leading repeats add dims). Built from Reshape and Expand, so its gradient sums the tiles.
    /// </summary>
    public Tensor Repeat(params int[] repeats)
    {
        ThrowIfNull(repeats);
        if (repeats.Length < Ndim)
        {
            throw Raise(new ShapeMismatchException("RepeatDims",
                $"Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor (repeats [{string.Join(", ", repeats)}] for shape {Shapes.Format(Sizes)})"));
        }
        Shapes.CheckSizes(repeats);
        int lead = repeats.Length - Ndim;
        var padded = Enumerable.Repeat(1, lead).Concat(Sizes).ToArray();
        var interleaved = padded.SelectMany(s => new[] { 1, s }).ToArray();
        var expanded = padded.SelectMany((s, i) => new[] { repeats[i], s }).ToArray();
        var final = padded.Select((s, i) => s * repeats[i]).ToArray();
        return Reshape(interleaved).Expand(expanded).Reshape(final);
    }

    /// <summary>The elements in reverse order along each of <paramref name="dims"/> (a copy), as torch.flip; the way to get what a negative slice step would.</summary>
    public Tensor Flip(params int[] dims)
    {
        ThrowIfNull(dims);
        int[] wrapped = dims.Length == 0 ? [] : ReductionDims(dims);
        var strides = Stride();
        int offset = Offset;
        foreach (var d in wrapped)
        {
            if (Sizes[d] > 0) offset += (Sizes[d] - 1) * StrideArray[d];
            strides[d] = -strides[d];
        }
        var result = new Tensor(Storage, Sizes, strides, offset).ContiguousCopy();
        return Record(result, "FlipBackward0", [this], g => [g.Flip(wrapped)]);
    }
}
