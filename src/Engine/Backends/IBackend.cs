using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>
/// The kernels the tensor layer runs, over tensors whose storage the backend owns. The tensor
/// partials compute shapes, strides and dtypes, allocate the result and record autograd; a backend
/// only fills the result. Results are contiguous and already allocated; operands may be strided
/// views (offset and strides as the tensor has them, or broadcast strides where given).
/// </summary>
/// <remarks>
/// Modelled on Math.NET's providers: one interface, a fast default (<see cref="ManagedBackend"/>)
/// and a second implementation (<see cref="ReferenceBackend"/>) that proves nothing above the seam
/// depends on the default's internals. <see cref="Backend"/> selects one per thread.
/// </remarks>
internal partial interface IBackend
{
    /// <summary>A short name for messages and test output ("managed", "reference").</summary>
    string Name { get; }

    // Elementwise: result = F(operands), result contiguous and of the compute dtype.

    /// <summary>result = F(x) for any numeric dtype.</summary>
    void Unary<TF>(Tensor x, Tensor result) where TF : IUnaryFn;

    /// <summary>result = F(x) for a floating dtype.</summary>
    void FloatUnary<TF>(Tensor x, Tensor result) where TF : IFloatUnaryFn;

    /// <summary>result = F(a, b) with a and b read through broadcast strides over result's shape.</summary>
    void Binary<TF>(Tensor a, int[] aStrides, Tensor b, int[] bStrides, Tensor result) where TF : IBinaryFn;

    /// <summary>bool result = F(a, b) with broadcast strides, a and b of one numeric dtype.</summary>
    void Compare<TF>(Tensor a, int[] aStrides, Tensor b, int[] bStrides, Tensor result) where TF : ICompareFn;

    // Reductions and the row/column sums autograd needs.

    /// <summary>result[r] = sum of src's contiguous row r of <paramref name="length"/> elements, from its offset.</summary>
    void SumRows(Tensor src, int rows, int length, Tensor result);

    /// <summary>result[j] = sum over i of matrix[i, j] for a 2-D floating matrix.</summary>
    void ColumnSums(Tensor matrix, Tensor result);

    /// <summary>matrix[i, j] += row[j] for a contiguous 2-D matrix.</summary>
    void AddRowToEach(Tensor matrix, Tensor row);

    /// <summary>dst += src for a contiguous dst of src's shape (a gradient accumulating into a leaf's).</summary>
    void AddInto(Tensor dst, Tensor src);

    // Matrix products.

    /// <summary>
    /// result[batch] (+)= a[batch] @ b[batch] for a [.., n, k] and b [.., k, m] already expanded over
    /// <paramref name="batch"/>, each matrix row-major or column-major strided; result contiguous.
    /// </summary>
    void MatMul(Tensor a, Tensor b, Tensor result, int[] batch, bool accumulate);

    /// <summary>
    /// True when this backend forms the gradient of a Linear weight fastest as g^T input in the
    /// weight's own layout (false: as (input^T g)^T). A layout choice only; both are the same product.
    /// </summary>
    bool PrefersRowMajorWeightGrad(int batch, int inFeatures, int outFeatures, DType dtype);

    /// <summary>
    /// True when weight.grad += g^T input in one accumulating <see cref="MatMul"/> gives the bits of
    /// forming g^T input and adding it, so autograd may skip the weight-sized temporary.
    /// </summary>
    bool AccumulatesWeightGradExactly(int batch, int inFeatures, int outFeatures, DType dtype);
}
