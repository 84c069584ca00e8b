using NNTools.Autograd;

namespace NNTools;

/// <summary>Triangles and diagonals of matrices: Tril, Triu, Diagonal, Diag and Trace.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// The lower triangle of the last two dims (elements with column - row &lt;= <paramref name="diagonal"/>
    /// kept, the rest zero), as torch.tril; batches of matrices are handled alike. The gradient is
    /// the same triangle of the incoming one.
    /// </summary>
    public Tensor Tril(int diagonal = 0) => Triangle(diagonal, lower: true);

    /// <summary>The upper triangle of the last two dims (column - row &gt;= <paramref name="diagonal"/> kept), as torch.triu.</summary>
    public Tensor Triu(int diagonal = 0) => Triangle(diagonal, lower: false);

    private Tensor Triangle(int diagonal, bool lower)
    {
        string name = lower ? "tril" : "triu";
        if (Ndim < 2) throw Raise(new ShapeMismatchException("TriangleRank", $"{name}: input tensor must have at least 2 dimensions, got shape {Shapes.Format(Sizes)}"));
        int rows = Sizes[^2], cols = Sizes[^1];
        var keep = new bool[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++) keep[i * cols + j] = lower ? j - i <= diagonal : j - i >= diagonal;
        }
        Tensor result;
        // Where, not a product with the mask: an infinite or NaN element outside the triangle becomes 0, as in torch.
        using (GradMode.NoGrad()) result = Where(FromBuffer(keep, [rows, cols]), this, Full([], 0, DType));
        return Record(result, lower ? "TrilBackward0" : "TriuBackward0", [this], g => [g.Triangle(diagonal, lower)]);
    }

    /// <summary>
    /// A view of the diagonal of the matrices formed by <paramref name="dim1"/> and
    /// <paramref name="dim2"/>, shifted by <paramref name="offset"/> (above the main diagonal when
    /// positive), as torch.diagonal: both dims are removed and the diagonal becomes the last dim.
    /// </summary>
    public Tensor Diagonal(int offset = 0, int dim1 = 0, int dim2 = 1)
    {
        var view = DiagonalRaw(offset, dim1, dim2);
        return MakeView(view.Sizes, view.StrideArray, view.Offset, "DiagonalBackward0", ScatterInto("DiagonalBackwardBackward0", t => t.Diagonal(offset, dim1, dim2)));
    }

    /// <summary>The diagonal view without autograd.</summary>
    internal Tensor DiagonalRaw(int offset, int dim1, int dim2)
    {
        int d1 = Shapes.WrapDim(dim1, Ndim), d2 = Shapes.WrapDim(dim2, Ndim);
        if (Ndim == 0) throw Raise(new ShapeMismatchException("DiagonalRank", "diagonal(): expected a tensor with at least 2 dimensions, got a 0-d tensor"));
        if (d1 == d2) throw Raise(new TensorArgumentException("DiagonalDims", $"diagonal dimensions cannot be identical {dim1}, {dim2}"));
        int length = offset >= 0 ? Math.Min(Sizes[d1], Sizes[d2] - offset) : Math.Min(Sizes[d1] + offset, Sizes[d2]);
        length = Math.Max(length, 0);
        int start = Offset + (length == 0 ? 0 : offset >= 0 ? offset * StrideArray[d2] : -offset * StrideArray[d1]);
        var sizes = new List<int>();
        var strides = new List<int>();
        for (int i = 0; i < Ndim; i++)
        {
            if (i == d1 || i == d2) continue;
            sizes.Add(Sizes[i]);
            strides.Add(StrideArray[i]);
        }
        sizes.Add(length);
        strides.Add(StrideArray[d1] + StrideArray[d2]);
        return new Tensor(Storage, sizes.ToArray(), strides.ToArray(), start);
    }

    /// <summary>
    /// torch.diag both ways: a 1-d tensor becomes a square matrix with it on diagonal
    /// <paramref name="diagonal"/> (zeros elsewhere); a matrix gives a copy of that diagonal, 1-d.
    /// </summary>
    public Tensor Diag(int diagonal = 0)
    {
        if (Ndim == 1)
        {
            int n = Sizes[0] + Math.Abs(diagonal);
            var square = Empty([n, n], DType);
            square.DiagonalRaw(diagonal, 0, 1).CopyRaw(this);
            return Record(square, "DiagBackward0", [this], g => [g.Diagonal(diagonal)]);
        }
        if (Ndim != 2) throw Raise(new ShapeMismatchException("DiagRank", $"diag(): Supports 1D or 2D tensors. Got {Ndim}D (shape {Shapes.Format(Sizes)})"));
        var result = DiagonalRaw(diagonal, 0, 1).ContiguousCopy();
        var shape = Sizes;
        return Record(result, "DiagBackward0", [this], g =>
        {
            RefuseDoubleBackward("DiagBackward0");
            var z = Empty(shape, g.DType);
            z.DiagonalRaw(diagonal, 0, 1).CopyRaw(g);
            return [z];
        });
    }

    /// <summary>The sum of a matrix's main diagonal as a 0-d tensor (integers and bools sum to int64), as torch.trace.</summary>
    public Tensor Trace()
    {
        if (Ndim != 2) throw Raise(new ShapeMismatchException("TraceRank", $"trace: expected a matrix, but got tensor with dim {Ndim} (shape {Shapes.Format(Sizes)})"));
        if (DType == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "\"trace\" not implemented for 'Bool'"));
        Tensor result;
        using (GradMode.NoGrad()) result = DiagonalRaw(0, 0, 1).Sum();
        var shape = Sizes;
        return Record(result, "TraceBackward0", [this], g =>
        {
            RefuseDoubleBackward("TraceBackward0");
            var z = Empty(shape, g.DType);
            var diag = z.DiagonalRaw(0, 0, 1);
            diag.CopyRaw(g.ExpandRaw(diag.Sizes));
            return [z];
        });
    }
}
