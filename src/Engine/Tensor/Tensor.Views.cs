namespace NNTools;

/// <summary>
/// Views: new shapes and strides over the same storage, no copy. Each records a backward that
/// maps the gradient back to the input's shape.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>A view with a new shape; one dim may be -1 (inferred). Fails when the strides cannot express it (use Reshape).</summary>
    public Tensor View(params int[] shape)
    {
        var sizes = InferShape(shape);
        var strides = ViewStrides(sizes) ?? throw Raise(ViewNotPossibleError(sizes));
        return MakeView(sizes, strides, Offset, "ViewBackward0", g => g.Reshape(Sizes));
    }

    /// <summary>
    /// A tensor with a new shape: a view when possible, a copy otherwise. One dim may be -1.
    /// The grad_fn names are PyTorch 1.13's: ReshapeAliasBackward0 for a view, UnsafeViewBackward0 over a clone for a copy.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        var sizes = InferShape(shape);
        var strides = ViewStrides(sizes);
        if (strides is not null) return MakeView(sizes, strides, Offset, "ReshapeAliasBackward0", g => g.Reshape(Sizes));
        var copy = Contiguous();
        return copy.MakeView(sizes, Shapes.ContiguousStrides(sizes), copy.Offset, "UnsafeViewBackward0", g => g.Reshape(Sizes));
    }

    /// <summary>Reshapes like another tensor.</summary>
    public Tensor ViewAs(Tensor other) => View(other.Sizes);

    public Tensor ReshapeAs(Tensor other) => Reshape(other.Sizes);

    /// <summary>Swaps two dims.</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        int d0 = Shapes.WrapDim(dim0, Ndim), d1 = Shapes.WrapDim(dim1, Ndim);
        if (Ndim == 0) return MakeView(Sizes, StrideArray, Offset, "TransposeBackward0", g => g);
        var sizes = Shape;
        var strides = Stride();
        (sizes[d0], sizes[d1]) = (sizes[d1], sizes[d0]);
        (strides[d0], strides[d1]) = (strides[d1], strides[d0]);
        return MakeView(sizes, strides, Offset, "TransposeBackward0", g => g.Transpose(d0, d1));
    }

    /// <summary>The transpose of a matrix (dims reversed for rank &lt;= 2), as torch's .T: a permute, so its grad_fn is PermuteBackward0.</summary>
    public Tensor T
    {
        get
        {
            CheckMatrixTranspose();
            return Permute(Enumerable.Range(0, Ndim).Reverse().ToArray());
        }
    }

    /// <summary>The transpose of a matrix (dims reversed for rank &lt;= 2), as torch's t(), whose grad_fn is TBackward0.</summary>
    public Tensor t()
    {
        CheckMatrixTranspose();
        if (Ndim < 2) return MakeView(Sizes, StrideArray, Offset, "TBackward0", g => g);
        return MakeView([Sizes[1], Sizes[0]], [StrideArray[1], StrideArray[0]], Offset, "TBackward0", g => g.t());
    }

    private void CheckMatrixTranspose()
    {
        if (Ndim > 2)
        {
            throw Raise(TransposeRankError(Ndim));
        }
    }

    /// <summary>The last two dims swapped (matrix transpose of a batch), as torch's .mT.</summary>
    public Tensor MT => Transpose(-2, -1);

    /// <summary>Reorders the dims: dims[i] is the input dim that becomes output dim i.</summary>
    public Tensor Permute(params int[] dims)
    {
        if (dims.Length != Ndim)
        {
            throw Raise(PermuteDimsError(Ndim, dims.Length));
        }
        var sizes = new int[Ndim];
        var strides = new int[Ndim];
        var inverse = new int[Ndim];
        var seen = new bool[Ndim];
        for (int i = 0; i < Ndim; i++)
        {
            int d = Shapes.WrapDim(dims[i], Ndim);
            if (seen[d]) throw Raise(PermuteRepeatedDimError(dims));
            seen[d] = true;
            sizes[i] = Sizes[d];
            strides[i] = StrideArray[d];
            inverse[d] = i;
        }
        return MakeView(sizes, strides, Offset, "PermuteBackward0", g => g.Permute(inverse));
    }

    /// <summary>Inserts a dim of size 1 at <paramref name="dim"/> (which may be -1 for the end).</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = Shapes.WrapDim(dim, Ndim + 1);
        var sizes = new List<int>(Sizes);
        var strides = new List<int>(StrideArray);
        int stride = d < Ndim ? StrideArray[d] * Sizes[d] : 1;
        sizes.Insert(d, 1);
        strides.Insert(d, stride);
        return MakeView(sizes.ToArray(), strides.ToArray(), Offset, "UnsqueezeBackward0", g => g.Squeeze(d));
    }

    /// <summary>Removes every dim of size 1.</summary>
    public Tensor Squeeze()
    {
        var keep = Enumerable.Range(0, Ndim).Where(i => Sizes[i] != 1).ToArray();
        return MakeView(keep.Select(i => Sizes[i]).ToArray(), keep.Select(i => StrideArray[i]).ToArray(), Offset,
            "SqueezeBackward0", g => g.Reshape(Sizes));
    }

    /// <summary>Removes <paramref name="dim"/> if its size is 1; otherwise returns an alias, as PyTorch does.</summary>
    public Tensor Squeeze(int dim)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        if (Ndim == 0 || Sizes[d] != 1) return MakeView(Sizes, StrideArray, Offset, "SqueezeBackward1", g => g);
        var sizes = new List<int>(Sizes);
        var strides = new List<int>(StrideArray);
        sizes.RemoveAt(d);
        strides.RemoveAt(d);
        return MakeView(sizes.ToArray(), strides.ToArray(), Offset, "SqueezeBackward1", g => g.Unsqueeze(d));
    }

    /// <summary>Merges dims startDim..endDim into one, as torch.flatten.</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Ndim == 0) return Reshape(1);
        int s = Shapes.WrapDim(startDim, Ndim), e = Shapes.WrapDim(endDim, Ndim);
        if (s > e) throw Raise(FlattenDimsError(startDim, endDim));
        // Nothing to merge: PyTorch returns the tensor itself (no new graph node).
        if (s == e) return this;
        var shape = new List<int>();
        for (int i = 0; i < s; i++) shape.Add(Sizes[i]);
        int merged = 1;
        for (int i = s; i <= e; i++) merged *= Sizes[i];
        shape.Add(merged);
        for (int i = e + 1; i < Ndim; i++) shape.Add(Sizes[i]);
        return Reshape(shape.ToArray());
    }

    /// <summary>Splits dim <paramref name="dim"/> into <paramref name="sizes"/>, as torch.unflatten.</summary>
    public Tensor Unflatten(int dim, params int[] sizes)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        // A -1 stands for what the one dim's size leaves, not the whole tensor's, so it stays defined when another dim is 0.
        var resolved = (int[])sizes.Clone();
        int at = Array.IndexOf(resolved, -1);
        long known = 1;
        for (int i = 0; i < resolved.Length; i++) if (i != at) known *= resolved[i];
        if (at >= 0 && known > 0 && Sizes[d] % known == 0) resolved[at] = (int)(Sizes[d] / known);
        var shape = new List<int>(Sizes);
        shape.RemoveAt(d);
        shape.InsertRange(d, resolved);
        return View(shape.ToArray());
    }

    /// <summary>A broadcast view to a larger shape (size-1 dims repeated with stride 0; -1 keeps a dim).</summary>
    public Tensor Expand(params int[] shape)
    {
        var view = ExpandRaw(shape);
        var inputShape = Sizes;
        return MakeView(view.Sizes, view.StrideArray, Offset, "ExpandBackward0", g => g.SumTo(inputShape));
    }

    public Tensor ExpandAs(Tensor other) => Expand(other.Sizes);

    /// <summary>The expanded view without autograd; used by kernels that broadcast.</summary>
    internal Tensor ExpandRaw(int[] shape)
    {
        if (shape.Length < Ndim) throw Raise(ExpandRankError(shape.Length, Ndim));
        var sizes = new int[shape.Length];
        var strides = new int[shape.Length];
        int lead = shape.Length - Ndim;
        for (int i = 0; i < shape.Length; i++)
        {
            int target = shape[i];
            if (i < lead)
            {
                if (target < 0) throw Raise(ExpandLeadingMinusOneError(shape));
                sizes[i] = target;
                strides[i] = 0;
                continue;
            }
            int own = Sizes[i - lead];
            if (target == -1) target = own;
            if (own == target)
            {
                sizes[i] = own;
                strides[i] = StrideArray[i - lead];
            }
            else if (own == 1)
            {
                sizes[i] = target;
                strides[i] = 0;
            }
            else
            {
                throw Raise(ExpandSizeError(target, own, i, shape, Sizes));
            }
        }
        return new Tensor(Storage, sizes, strides, Offset);
    }

    /// <summary>Elements start..start+length-1 of <paramref name="dim"/>, as a view.</summary>
    public Tensor Narrow(int dim, int start, int length)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        if (start < 0) start += Sizes[d];
        if (start < 0 || length < 0 || start + length > Sizes[d])
        {
            throw Raise(NarrowOutOfRangeError(start, length, Sizes[d], d));
        }
        return Slice(d, start, start + length, 1);
    }

    /// <summary>
    /// Python slice start:stop:step along <paramref name="dim"/> as a view; bounds are clamped as
    /// Python clamps them, negative ones count from the end. The step must be positive.
    /// </summary>
    public Tensor Slice(int dim, int? start, int? stop, int step = 1)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        if (step <= 0) throw Raise(SliceStepError(step));
        int n = Sizes[d];
        int s = start ?? 0, e = stop ?? n;
        if (s < 0) s += n;
        if (e < 0) e += n;
        s = Math.Clamp(s, 0, n);
        e = Math.Clamp(e, s, n);
        int len = (e - s + step - 1) / step;
        var sizes = Shape;
        var strides = Stride();
        sizes[d] = len;
        strides[d] = StrideArray[d] * step;
        int offset = Offset + (len > 0 ? s * StrideArray[d] : 0);
        return MakeView(sizes, strides, offset, "SliceBackward0", ScatterInto("SliceBackwardBackward0", t => t.Slice(d, s, e, step)));
    }

    /// <summary>The sub-tensor at <paramref name="index"/> of <paramref name="dim"/>, which disappears (negative indices count from the end).</summary>
    public Tensor Select(int dim, int index)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        if (Ndim == 0) throw Raise(new TensorIndexException("IndexScalar", "invalid index of a 0-dim tensor. Use Item() to convert a 0-dim tensor to a number"));
        int n = Sizes[d];
        if (index < -n || index >= n)
        {
            throw Raise(IndexOutOfRangeError(index, d, n));
        }
        int i = index < 0 ? index + n : index;
        var sizes = new List<int>(Sizes);
        var strides = new List<int>(StrideArray);
        sizes.RemoveAt(d);
        strides.RemoveAt(d);
        return MakeView(sizes.ToArray(), strides.ToArray(), Offset + i * StrideArray[d], "SelectBackward0", ScatterInto("SelectBackwardBackward0", t => t.Select(d, i)));
    }

    /// <summary>
    /// Backward for views that pick a region: a zero gradient of the input's shape with the
    /// incoming gradient written into the same region, found by applying the same view.
    /// </summary>
    private Func<Tensor, Tensor> ScatterInto(string name, Func<Tensor, Tensor> sameView)
    {
        var shape = Sizes;
        var dtype = DType;
        return g =>
        {
            var z = Empty(shape, dtype);
            sameView(z).CopyRaw(g);
            // Picking the region out of z's gradient is the adjoint of writing g into it.
            return LinearInGrad(z, g, name, sameView);
        };
    }

    /// <summary>A new tensor object over the same elements with the same shape (t[...] in PyTorch is such an alias).</summary>
    private Tensor AliasView() => MakeView(Sizes, StrideArray, Offset, "AliasBackward0", g => g);

    private Tensor MakeView(int[] sizes, int[] strides, int offset, string name, Func<Tensor, Tensor> backward)
    {
        var view = new Tensor(Storage, sizes, strides, offset);
        view.MarkViewOf(this);
        return Record(view, name, [this], g => [backward(g)]);
    }

    /// <summary>Replaces one -1 in a requested shape and checks the element count.</summary>
    private int[] InferShape(int[] shape)
    {
        var sizes = (int[])shape.Clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] == -1)
            {
                if (infer >= 0) throw Raise(new ShapeMismatchException("ViewShape", $"only one dimension can be inferred, got shape {Shapes.Format(shape)}"));
                infer = i;
            }
            else if (sizes[i] < 0)
            {
                throw Raise(InvalidShapeDimensionError(sizes[i], shape));
            }
            else known *= sizes[i];
        }
        int n = Numel();
        if (infer >= 0)
        {
            if (known == 0 || n % known != 0) throw Raise(ShapeInvalidForSizeError(shape, n));
            sizes[infer] = (int)(n / known);
        }
        else if (known != n)
        {
            throw Raise(ShapeInvalidForSizeError(shape, n));
        }
        return sizes;
    }

    /// <summary>
    /// Strides that give <paramref name="sizes"/> over this tensor's elements without a copy, or null.
    /// Works chunk by chunk over runs of dims that are contiguous with each other (as computeStride in ATen).
    /// </summary>
    private int[]? ViewStrides(int[] sizes)
    {
        var result = new int[sizes.Length];
        int n = Numel();
        if (n == 0 || IsContiguous()) return Shapes.ContiguousStrides(sizes);
        int viewD = sizes.Length - 1;
        long chunkBase = StrideArray.Length > 0 ? StrideArray[^1] : 1;
        long tensorNumel = 1, viewNumel = 1;
        for (int tensorD = Ndim - 1; tensorD >= 0; tensorD--)
        {
            tensorNumel *= Sizes[tensorD];
            if (tensorD == 0 || (Sizes[tensorD - 1] != 1 && StrideArray[tensorD - 1] != tensorNumel * chunkBase))
            {
                while (viewD >= 0 && (viewNumel < tensorNumel || sizes[viewD] == 1))
                {
                    result[viewD] = (int)(viewNumel * chunkBase);
                    viewNumel *= sizes[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0)
                {
                    chunkBase = StrideArray[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? result : null;
    }

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown,
    // which keeps the checked method small for the JIT (a first training step compiles dozens of them).
    private ShapeMismatchException ViewNotPossibleError(int[] sizes) => new("ViewNotPossible",
        $"view size is not compatible with input tensor's size and stride (shape {Shapes.Format(Sizes)}, strides {Shapes.Format(StrideArray)}, requested {Shapes.Format(sizes)}); use Reshape() instead");
    private static ShapeMismatchException TransposeRankError(int ndim) => new("TransposeRank",
        $"t() expects a tensor with <= 2 dimensions, but self is {ndim}D; use Permute or Transpose, or .MT for the last two dims");
    private static ShapeMismatchException PermuteDimsError(int ndim, int given) => new("PermuteDims",
        $"permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {ndim} is not equal to len(dims) = {given}");
    private static TensorArgumentException PermuteRepeatedDimError(int[] dims) => new("PermuteRepeatedDim", $"permute(): duplicate dims are not allowed: {Shapes.Format(dims)}");
    private static TensorArgumentException FlattenDimsError(int startDim, int endDim) => new("FlattenDims", $"flatten() has invalid args: start_dim ({startDim}) cannot come after end_dim ({endDim})");
    private static ShapeMismatchException ExpandRankError(int given, int ndim) => new("ExpandRank",
        $"expand: the number of sizes provided ({given}) must be greater or equal to the number of dimensions in the tensor ({ndim})");
    private static ShapeMismatchException ExpandLeadingMinusOneError(int[] shape) => new("ExpandSize",
        $"expand: -1 is not allowed in a leading, non-existing dimension ({Shapes.Format(shape)})");
    private static ShapeMismatchException ExpandSizeError(int target, int own, int i, int[] shape, int[] sizes) => new("ExpandSize",
        $"The expanded size of the tensor ({target}) must match the existing size ({own}) at non-singleton dimension {i}.  Target sizes: {Shapes.Format(shape)}.  Tensor sizes: {Shapes.Format(sizes)}");
    private static TensorIndexException NarrowOutOfRangeError(int start, int length, int size, int d) => new("NarrowOutOfRange",
        $"start ({start}) + length ({length}) exceeds dimension size ({size}) of dim {d}");
    private static TensorIndexException SliceStepError(int step) => new("SliceStep", $"slice step must be positive, got {step}");
    private static TensorIndexException IndexOutOfRangeError(int index, int d, int n) => new("IndexOutOfRange", $"index {index} is out of bounds for dimension {d} with size {n}");
    private static ShapeMismatchException InvalidShapeDimensionError(int size, int[] shape) => new("ViewShape", $"invalid shape dimension {size} in {Shapes.Format(shape)}");
    private static ShapeMismatchException ShapeInvalidForSizeError(int[] shape, int n) => new("ViewShape", $"shape '{Shapes.Format(shape)}' is invalid for input of size {n}");
}
