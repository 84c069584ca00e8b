using System.Numerics;
using NNTools.Kernels;

namespace NNTools;

/// <summary>
/// Matrix products with PyTorch's semantics. Every product goes through one differentiable
/// primitive, the batched product with broadcast batch dims (<see cref="BatchedMatMul"/>); the
/// vector forms are views around it, so their gradients come from the views' backward.
/// Operands must share a dtype (no promotion, as PyTorch); bool is refused.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// torch.matmul: 1-d x 1-d is the dot product (0-d); 2-d x 2-d the matrix product; a 1-d
    /// left operand is a row vector [1, n] and a 1-d right operand a column [n, 1], the added dim
    /// removed from the result; with more dims the leading (batch) dims broadcast, e.g.
    /// [2, 1, 3, 4] x [5, 4, 2] gives [2, 5, 3, 2].
    /// </summary>
    public Tensor MatMul(Tensor other)
    {
        ThrowIfNull(other);
        // No kernel calls MatMul, so none is running on this thread: a safe point to reuse buffers.
        BufferPool.Reclaim();
        if (Ndim == 0 || other.Ndim == 0)
        {
            throw Raise(MatMulRankError(Ndim, other.Ndim));
        }
        if (Ndim == 1 && other.Ndim == 1) return Dot(other);
        if (Ndim == 2 && other.Ndim == 2) return Mm(other);
        if (Ndim == 1 && other.Ndim == 2) return Unsqueeze(0).Mm(other).Squeeze(0);
        if (Ndim == 2 && other.Ndim == 1) return Mv(other);
        CheckProductDTypes(other, "addmm_impl_cpu_");
        var a = Ndim == 1 ? Unsqueeze(0) : this;
        var b = other.Ndim == 1 ? other.Unsqueeze(-1) : other;
        if (a.Sizes[^1] != b.Sizes[^2]) throw Raise(FoldedMismatch(other));
        var result = BatchedMatMul(a, b);
        if (Ndim == 1) result = result.Squeeze(-2);
        if (other.Ndim == 1) result = result.Squeeze(-1);
        return result;
    }

    /// <summary>
    /// The message PyTorch gives for a mismatched product of a batch and a matrix or vector: it folds
    /// the batch into the rows (transposing when the batch is on the right) before multiplying.
    /// </summary>
    private ShapeMismatchException FoldedMismatch(Tensor other)
    {
        int ka = Sizes[^1];
        if (Ndim >= 3 && other.Ndim <= 2)
        {
            int rows = Numel() / Math.Max(ka, 1);
            return other.Ndim == 1
                ? new ShapeMismatchException("MatMulShape", $"size mismatch, got {rows}, {rows}x{ka},{other.Sizes[0]}")
                : new ShapeMismatchException("MatMulShape", $"mat1 and mat2 shapes cannot be multiplied ({rows}x{ka} and {Shapes.FormatX(other.Sizes)})");
        }
        int kb = other.Sizes[^2];
        if (Ndim <= 2)
        {
            int rows = other.Numel() / Math.Max(kb, 1);
            return Ndim == 1
                ? new ShapeMismatchException("MatMulShape", $"size mismatch, got {rows}, {rows}x{kb},{ka}")
                : new ShapeMismatchException("MatMulShape", $"mat1 and mat2 shapes cannot be multiplied ({rows}x{kb} and {ka}x{Sizes[0]})");
        }
        var batch = Shapes.Broadcast(Sizes.AsSpan(0, Ndim - 2), other.Sizes.AsSpan(0, other.Ndim - 2));
        int count = Shapes.Numel(batch);
        return new ShapeMismatchException("MatMulShape",
            $"Expected size for first two dimensions of batch2 tensor to be: [{count}, {ka}] but got: [{count}, {kb}].");
    }

    /// <summary>The dot product of two 1-d tensors of the same length and dtype, as a 0-d tensor.</summary>
    public Tensor Dot(Tensor other)
    {
        ThrowIfNull(other);
        if (Ndim != 1 || other.Ndim != 1)
        {
            throw Raise(new ShapeMismatchException("DotRank", $"1D tensors expected, but got {Ndim}D and {other.Ndim}D tensors"));
        }
        if (DType != other.DType)
        {
            throw Raise(new DTypeMismatchException("MatMulDType",
                $"dot : expected both vectors to have same dtype, but found {ScalarTypeName(DType)} and {ScalarTypeName(other.DType)}"));
        }
        if (DType == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "\"dot\" not implemented for 'Bool'"));
        if (Sizes[0] != other.Sizes[0])
        {
            throw Raise(new ShapeMismatchException("MatMulShape",
                $"inconsistent tensor size, expected tensor [{Sizes[0]}] and src [{other.Sizes[0]}] to have the same number of elements, but got {Sizes[0]} and {other.Sizes[0]} elements respectively"));
        }
        return BatchedMatMul(Unsqueeze(0), other.Unsqueeze(1)).Reshape([]);
    }

    /// <summary>The product of two matrices [n, k] x [k, m] -> [n, m], as torch.mm.</summary>
    public Tensor Mm(Tensor mat2)
    {
        ThrowIfNull(mat2);
        if (Ndim != 2) throw Raise(new ShapeMismatchException("MatMulRank", $"self must be a matrix, got shape {Shapes.Format(Sizes)}"));
        if (mat2.Ndim != 2) throw Raise(new ShapeMismatchException("MatMulRank", $"mat2 must be a matrix, got shape {Shapes.Format(mat2.Sizes)}"));
        CheckProductDTypes(mat2, "addmm_impl_cpu_");
        if (Sizes[1] != mat2.Sizes[0])
        {
            throw Raise(MmShapeError(Sizes, mat2.Sizes));
        }
        return BatchedMatMul(this, mat2);
    }

    /// <summary>Matrix times vector [n, k] x [k] -> [n], as torch.mv.</summary>
    public Tensor Mv(Tensor vec)
    {
        ThrowIfNull(vec);
        if (Ndim != 2 || vec.Ndim != 1)
        {
            throw Raise(MvRankError(Ndim, vec.Ndim));
        }
        CheckProductDTypes(vec, "addmv_impl_cpu");
        if (Sizes[1] != vec.Sizes[0])
        {
            throw Raise(MvShapeError(Sizes, vec.Sizes[0]));
        }
        var result = MvRaw(this, vec);
        // PyTorch's mv backward: the matrix gets the outer product g vec^T, the vector mat^T g.
        // One node instead of the unsqueeze, product and squeeze nodes of the general matmul.
        return Record(result, "MvBackward0", [this, vec],
            g => DifferentiableBackward
                ? [RequiresGrad ? g.Unsqueeze(1).MatMul(vec.Unsqueeze(0)) : null, vec.RequiresGrad ? T.Mv(g) : null]
                : [RequiresGrad ? MatMulRaw(ColumnView(g), RowView(vec)).CastRaw(DType) : null,
                  vec.RequiresGrad ? MvRaw(TransposedView(), g).CastRaw(vec.DType) : null], this, vec);
    }

    /// <summary>mat [n, k] times vec [k] without recording: the [n, 1] product of mat and vec as a column, viewed as [n].</summary>
    private static Tensor MvRaw(Tensor mat, Tensor vec)
    {
        var product = MatMulRaw(mat, ColumnView(vec));
        return new Tensor(product.Storage, [product.Sizes[0]], [product.StrideArray[0]], product.Offset);
    }

    /// <summary>A 1-d tensor [n] seen as the column [n, 1] (no graph node: for kernels and backward functions).</summary>
    private static Tensor ColumnView(Tensor v) => new(v.Storage, [v.Sizes[0], 1], [v.StrideArray[0], 1], v.Offset);

    /// <summary>A 1-d tensor [m] seen as the row [1, m].</summary>
    private static Tensor RowView(Tensor v) => new(v.Storage, [1, v.Sizes[0]], [v.Sizes[0] * v.StrideArray[0], v.StrideArray[0]], v.Offset);

    /// <summary>A matrix's transpose (the last two dims swapped) as a view, without a graph node (an operand for kernels and backward functions).</summary>
    internal Tensor TransposedView()
    {
        if (Ndim == 2) return new(Storage, [Sizes[1], Sizes[0]], [StrideArray[1], StrideArray[0]], Offset);
        var sizes = (int[])Sizes.Clone();
        var strides = (int[])StrideArray.Clone();
        (sizes[^2], sizes[^1]) = (sizes[^1], sizes[^2]);
        (strides[^2], strides[^1]) = (strides[^1], strides[^2]);
        return new(Storage, sizes, strides, Offset);
    }

    /// <summary>Batched matrix product [b, n, k] x [b, k, m] -> [b, n, m] with no broadcasting, as torch.bmm.</summary>
    public Tensor Bmm(Tensor mat2)
    {
        ThrowIfNull(mat2);
        if (Ndim != 3) throw Raise(new ShapeMismatchException("MatMulRank", $"batch1 must be a 3D tensor, got shape {Shapes.Format(Sizes)}"));
        if (mat2.Ndim != 3) throw Raise(new ShapeMismatchException("MatMulRank", $"batch2 must be a 3D tensor, got shape {Shapes.Format(mat2.Sizes)}"));
        CheckProductDTypes(mat2, "bmm");
        if (mat2.Sizes[0] != Sizes[0] || mat2.Sizes[1] != Sizes[2])
        {
            throw Raise(new ShapeMismatchException("MatMulShape",
                $"Expected size for first two dimensions of batch2 tensor to be: [{Sizes[0]}, {Sizes[2]}] but got: [{mat2.Sizes[0]}, {mat2.Sizes[1]}]."));
        }
        return BatchedMatMul(this, mat2);
    }

    /// <summary>The outer product of two 1-d tensors [n] and [m] -> [n, m] (dtypes promote, as torch.outer).</summary>
    public Tensor Outer(Tensor vec2)
    {
        ThrowIfNull(vec2);
        if (Ndim != 1) throw Raise(new ShapeMismatchException("OuterRank", $"outer: Expected 1-D argument self, but got {Ndim}-D"));
        if (vec2.Ndim != 1) throw Raise(new ShapeMismatchException("OuterRank", $"outer: Expected 1-D argument vec2, but got {vec2.Ndim}-D"));
        return Unsqueeze(1) * vec2.Unsqueeze(0);
    }

    /// <summary>Same as <see cref="Outer"/> (torch.ger).</summary>
    public Tensor Ger(Tensor vec2) => Outer(vec2);

    private void CheckProductDTypes(Tensor other, string kernel)
    {
        if (DType != other.DType)
        {
            throw Raise(ProductDTypeError(DType, other.DType));
        }
        if (DType == DType.Bool) throw Raise(BoolProductError(kernel));
    }

    /// <summary>PyTorch's scalar type names used in its messages: Float, Double, Long, Int, Byte, Bool.</summary>
    internal static string ScalarTypeName(DType t) => t.ScalarTypeName();

    /// <summary>
    /// The differentiable primitive: a [*, n, k] x b [*, k, m] -> [broadcast(*), n, m], shapes and
    /// dtypes already checked. Gradients: g b^T for a and a^T g for b, summed over the batch dims
    /// each operand was broadcast along.
    /// </summary>
    internal static Tensor BatchedMatMul(Tensor a, Tensor b)
    {
        var result = MatMulRaw(a, b);
        return Record(result, "MatmulBackward0", [a, b],
            // An ordinary backward runs without recording, so the transposes are plain views (the recording
            // Transpose was one more large method to compile in a first backward pass).
            g => DifferentiableBackward
                ? [GradFor(a, () => BatchedMatMul(g, b.MT)), GradFor(b, () => BatchedMatMul(a.MT, g))]
                : [GradFor(a, () => MatMulRaw(g, b.TransposedView())), GradFor(b, () => MatMulRaw(a.TransposedView(), g))], a, b);
    }

    internal static Tensor MatMulRaw(Tensor a, Tensor b, bool longLived = false)
    {
        // The narrow integers multiply in int64 and wrap back: exact, as sums of products modulo 2^k.
        if (a.DType is DType.Int32 or DType.UInt8) return MatMulRaw(a.CastRaw(DType.Int64), b.CastRaw(DType.Int64)).CastRaw(a.DType);
        if (a.Ndim == 2 && b.Ndim == 2)
        {
            // No batch dims: nothing to broadcast, so no expanded views to build.
            // Gemm.Multiply writes every element of its output (zeros for an empty k).
            var product = longLived ? LongLived([a.Sizes[0], b.Sizes[1]], a.DType, zeroed: false) : EmptyUninitialized([a.Sizes[0], b.Sizes[1]], a.DType);
            var ma = MatrixOperand(a);
            var mb = MatrixOperand(b);
            Backends.Backend.MatMul(ma, mb, product, [], accumulate: false);
            return product;
        }
        var batch = Shapes.Broadcast(a.Sizes.AsSpan(0, a.Ndim - 2), b.Sizes.AsSpan(0, b.Ndim - 2));
        int n = a.Sizes[^2], k = a.Sizes[^1], m = b.Sizes[^1];
        var ea = MatrixOperand(a).ExpandRaw([.. batch, n, k]);
        var eb = MatrixOperand(b).ExpandRaw([.. batch, k, m]);
        var result = EmptyUninitialized([.. batch, n, m], a.DType);
        Backends.Backend.MatMul(ea, eb, result, batch, accumulate: false);
        return result;
    }

    /// <summary>
    /// dst += a b for matrices a [n, k], b [k, m] and a contiguous dst [n, m] of their floating dtype.
    /// </summary>
    internal static void MatMulAccumulate(Tensor dst, Tensor a, Tensor b)
    {
        var ma = MatrixOperand(a);
        var mb = MatrixOperand(b);
        Backends.Backend.MatMul(ma, mb, dst, [], accumulate: true);
    }

    /// <summary>The operand itself when its last two dims are row-major or transposed (column-major) strided; a contiguous copy otherwise.</summary>
    private static Tensor MatrixOperand(Tensor t)
    {
        int rows = t.Sizes[^2], cols = t.Sizes[^1];
        bool rowMajor = t.StrideArray[^1] == 1 || cols == 1;
        bool colMajor = t.StrideArray[^2] == 1 || rows == 1;
        return rowMajor || colMajor ? t : t.ContiguousCopy();
    }

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown,
    // which keeps the checked method small for the JIT (a first training step compiles dozens of them).
    private static ShapeMismatchException MatMulRankError(int a, int b) => new("MatMulRank", $"both arguments to matmul need to be at least 1D, but they are {a}D and {b}D");
    private static ShapeMismatchException MmShapeError(int[] a, int[] b) => new("MatMulShape",
        $"mat1 and mat2 shapes cannot be multiplied ({Shapes.FormatX(a)} and {Shapes.FormatX(b)})");
    private static ShapeMismatchException MvRankError(int a, int b) => new("MatMulRank", $"vector + matrix @ vector expected, got 1, {a}, {b}");
    private static ShapeMismatchException MvShapeError(int[] a, int k) => new("MatMulShape", $"size mismatch, got {a[0]}, {Shapes.FormatX(a)},{k}");
    private static DTypeMismatchException ProductDTypeError(DType a, DType b) => new("MatMulDType", $"expected scalar type {ScalarTypeName(a)} but found {ScalarTypeName(b)}");
    private static DTypeMismatchException BoolProductError(string kernel) => new("UnsupportedDType", $"\"{kernel}\" not implemented for 'Bool'");
}
