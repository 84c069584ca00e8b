using System.Buffers;
using System.Numerics;
using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>Matrix products and the row/column sums of Linear's forward and backward.</summary>
internal sealed partial class ManagedBackend
{
    public void MatMul(Tensor a, Tensor b, Tensor result, int[] batch, bool accumulate)
    {
        switch (result.DType)
        {
            case DType.Float32: MatMulBatches<float>(a, b, result, batch, accumulate); break;
            case DType.Float64: MatMulBatches<double>(a, b, result, batch, accumulate); break;
            default: MatMulBatches<long>(a, b, result, batch, accumulate); break;
        }
    }

    private static void MatMulBatches<T>(Tensor a, Tensor b, Tensor result, int[] batch, bool accumulate) where T : unmanaged, INumber<T>
    {
        int n = a.Sizes[^2], k = a.Sizes[^1], m = b.Sizes[^1];
        bool transA = !(a.StrideArray[^1] == 1 || k == 1);
        bool transB = !(b.StrideArray[^1] == 1 || m == 1);
        int lda = transA ? a.StrideArray[^1] : a.StrideArray[^2];
        int ldb = transB ? b.StrideArray[^1] : b.StrideArray[^2];
        int count = Shapes.Numel(batch);
        var idx = new int[batch.Length];
        var ba = a.Buffer<T>();
        var bb = b.Buffer<T>();
        var c = result.Buffer<T>();
        for (int i = 0; i < count; i++)
        {
            int offA = a.Offset, offB = b.Offset;
            for (int d = 0; d < batch.Length; d++)
            {
                offA += idx[d] * a.StrideArray[d];
                offB += idx[d] * b.StrideArray[d];
            }
            Gemm.Multiply(n, m, k, ba, offA, lda, transA, bb, offB, ldb, transB, c, result.Offset + i * n * m, m, accumulate);
            for (int d = batch.Length - 1; d >= 0 && ++idx[d] == batch[d]; d--) idx[d] = 0;
        }
    }

    // g^T input is the packed kernel's fast case only when both products it could be formed as pack.
    public bool PrefersRowMajorWeightGrad(int batch, int inFeatures, int outFeatures, DType dtype) => dtype == DType.Float32
        ? Gemm.TakesPackedPath<float>(outFeatures, inFeatures, batch) && Gemm.TakesPackedPath<float>(inFeatures, outFeatures, batch)
        : Gemm.TakesPackedPath<double>(outFeatures, inFeatures, batch) && Gemm.TakesPackedPath<double>(inFeatures, outFeatures, batch);

    // The packed kernel adds its one block of k (batch <= KC) to each element exactly as a separate add would.
    public bool AccumulatesWeightGradExactly(int batch, int inFeatures, int outFeatures, DType dtype) =>
        batch <= Gemm.SingleBlockK && PrefersRowMajorWeightGrad(batch, inFeatures, outFeatures, dtype);

    public void AddRowToEach(Tensor matrix, Tensor row)
    {
        if (matrix.DType == DType.Float32) AddRowToEach<float>(matrix, row);
        else AddRowToEach<double>(matrix, row);
    }

    private static void AddRowToEach<T>(Tensor result, Tensor bias) where T : unmanaged, INumber<T>
    {
        int n = result.Sizes[0], m = result.Sizes[1];
        var b = bias.ContiguousSpan<T>();
        var c = result.Buffer<T>();
        for (int i = 0; i < n; i++)
        {
            var row = c.AsSpan(result.Offset + i * m, m);
            SimdArith.Add<T>(row, b, row);
        }
    }

    public void ColumnSums(Tensor g, Tensor result)
    {
        if (g.DType == DType.Float32) ColumnSums<float>(g, result.Buffer<float>());
        else ColumnSums<double>(g, result.Buffer<double>());
    }

    /// <summary>
    /// Each column gathered into a contiguous run and summed with <see cref="Reduce.Sum{T}"/>, as Sum
    /// over dim 0 does after its permuting copy.
    /// </summary>
    private static void ColumnSums<T>(Tensor g, T[] dst) where T : unmanaged, INumber<T>
    {
        int n = g.Sizes[0], m = g.Sizes[1], s0 = g.StrideArray[0], s1 = g.StrideArray[1];
        var src = g.Buffer<T>();
        if (s1 == 1 || m == 1)
        {
            RowwiseColumnSums(src, g.Offset, s0, n, m, dst);
            return;
        }
        var column = ArrayPool<T>.Shared.Rent(Math.Max(n, 1));
        for (int j = 0; j < m; j++)
        {
            int p = g.Offset + j * s1;
            for (int i = 0; i < n; i++, p += s0) column[i] = src[p];
            dst[j] = Reduce.Sum(new ReadOnlySpan<T>(column, 0, n));
        }
        ArrayPool<T>.Shared.Return(column);
    }

    /// <summary>
    /// Column sums of rows that are contiguous runs of m values, a SIMD add of whole rows at a time:
    /// row i goes to accumulator i mod 4 (the tail rows to the first), and the four are combined as
    /// (a0 + a1) + (a2 + a3), the order in which <see cref="Reduce.Sum{T}"/> adds one column.
    /// </summary>
    private static void RowwiseColumnSums<T>(T[] src, int offset, int rowStride, int n, int m, T[] dst) where T : unmanaged, INumber<T>
    {
        var scratch = ArrayPool<T>.Shared.Rent(Math.Max(3 * m, 1));
        var a0 = dst.AsSpan(0, m);
        var a1 = scratch.AsSpan(0, m);
        var a2 = scratch.AsSpan(m, m);
        var a3 = scratch.AsSpan(2 * m, m);
        a0.Clear();
        a1.Clear();
        a2.Clear();
        a3.Clear();
        ReadOnlySpan<T> Row(int i) => new(src, offset + i * rowStride, m);
        int r = 0;
        for (; r + 4 <= n; r += 4)
        {
            SimdArith.Add<T>(a0, Row(r), a0);
            SimdArith.Add<T>(a1, Row(r + 1), a1);
            SimdArith.Add<T>(a2, Row(r + 2), a2);
            SimdArith.Add<T>(a3, Row(r + 3), a3);
        }
        for (; r < n; r++) SimdArith.Add<T>(a0, Row(r), a0);
        SimdArith.Add<T>(a0, a1, a0);
        SimdArith.Add<T>(a2, a3, a2);
        SimdArith.Add<T>(a0, a2, a0);
        ArrayPool<T>.Shared.Return(scratch);
    }

    public void AddInto(Tensor dst, Tensor src)
    {
        switch (dst.DType)
        {
            case DType.Float32: AddInto<float>(dst, src); break;
            case DType.Float64: AddInto<double>(dst, src); break;
            default: throw new InvalidOperationException($"internal: AddInto of {dst.DType}");
        }
    }

    /// <summary>A transposed matrix src (a Linear weight's gradient is (input^T g)^T) is read in square blocks, not copied first.</summary>
    private static void AddInto<T>(Tensor dst, Tensor src) where T : unmanaged, INumber<T>
    {
        var d = dst.WritableSpan<T>();
        if (src.Dim() != 2 || src.IsContiguous())
        {
            SimdArith.Add<T>(d, src.ContiguousSpan<T>(), d);
            return;
        }
        const int Block = 32;
        int rows = src.Sizes[0], cols = src.Sizes[1], s0 = src.StrideArray[0], s1 = src.StrideArray[1];
        var a = src.Buffer<T>();
        for (int i0 = 0; i0 < rows; i0 += Block)
        {
            int i1 = Math.Min(rows, i0 + Block);
            for (int j0 = 0; j0 < cols; j0 += Block)
            {
                int j1 = Math.Min(cols, j0 + Block);
                for (int i = i0; i < i1; i++)
                {
                    int p = src.Offset + i * s0 + j0 * s1;
                    for (int j = j0; j < j1; j++, p += s1) d[i * cols + j] += a[p];
                }
            }
        }
    }
}
