using System.Numerics;

namespace NNTools.Backends;

/// <summary>Matrix products and Linear's row/column sums as plain dot products in float64.</summary>
internal sealed partial class ReferenceBackend
{
    public void MatMul(Tensor a, Tensor b, Tensor result, int[] batch, bool accumulate)
    {
        switch (result.DType)
        {
            case DType.Float32: MatMul<float>(a, b, result, batch, accumulate); break;
            case DType.Float64: MatMul<double>(a, b, result, batch, accumulate); break;
            default: MatMulExact(a, b, result, batch, accumulate); break;
        }
    }

    private static void MatMul<T>(Tensor a, Tensor b, Tensor result, int[] batch, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = a.Buffer<T>(), y = b.Buffer<T>(), c = result.Buffer<T>();
        ForEachProductTerm(a, b, result, batch, (pc, pa, sa, pb, sb, k) =>
        {
            double s = accumulate ? double.CreateTruncating(c[pc]) : 0;
            for (int t = 0; t < k; t++) s += double.CreateTruncating(x[pa + t * sa]) * double.CreateTruncating(y[pb + t * sb]);
            c[pc] = T.CreateTruncating(s);
        });
    }

    private static void MatMulExact(Tensor a, Tensor b, Tensor result, int[] batch, bool accumulate)
    {
        long[] x = a.Buffer<long>(), y = b.Buffer<long>(), c = result.Buffer<long>();
        ForEachProductTerm(a, b, result, batch, (pc, pa, sa, pb, sb, k) =>
        {
            long s = accumulate ? c[pc] : 0;
            for (int t = 0; t < k; t++) s += x[pa + t * sa] * y[pb + t * sb];
            c[pc] = s;
        });
    }

    private delegate void DotAt(int resultOffset, int aStart, int aStep, int bStart, int bStep, int k);

    /// <summary>Calls <paramref name="dot"/> once per result element with where its row of a and column of b lie.</summary>
    private static void ForEachProductTerm(Tensor a, Tensor b, Tensor result, int[] batch, DotAt dot)
    {
        int n = a.Sizes[^2], k = a.Sizes[^1], m = b.Sizes[^1];
        var batchA = new StridedWalk(batch, a.Offset, a.StrideArray[..batch.Length]);
        var batchB = new StridedWalk(batch, b.Offset, b.StrideArray[..batch.Length]);
        int pc = result.Offset;
        while (batchA.Next(out int oa) && batchB.Next(out int ob))
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    dot(pc++, oa + i * a.StrideArray[^2], a.StrideArray[^1], ob + j * b.StrideArray[^1], b.StrideArray[^2], k);
                }
            }
        }
    }

    // Neither layout trick applies: the weight gradient is formed as the composed ops form it.
    public bool PrefersRowMajorWeightGrad(int batch, int inFeatures, int outFeatures, DType dtype) => false;

    public bool AccumulatesWeightGradExactly(int batch, int inFeatures, int outFeatures, DType dtype) => false;

    public void AddRowToEach(Tensor matrix, Tensor row)
    {
        if (matrix.DType == DType.Float32) AddRowToEach<float>(matrix, row);
        else AddRowToEach<double>(matrix, row);
    }

    private static void AddRowToEach<T>(Tensor matrix, Tensor row) where T : unmanaged, INumber<T>
    {
        T[] c = matrix.Buffer<T>(), r = row.Buffer<T>();
        int n = matrix.Sizes[0], m = matrix.Sizes[1];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++) c[matrix.Offset + i * m + j] += r[row.Offset + j * row.StrideArray[0]];
        }
    }

    public void ColumnSums(Tensor matrix, Tensor result)
    {
        if (matrix.DType == DType.Float32) ColumnSums<float>(matrix, result);
        else ColumnSums<double>(matrix, result);
    }

    private static void ColumnSums<T>(Tensor matrix, Tensor result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = matrix.Buffer<T>(), o = result.Buffer<T>();
        int n = matrix.Sizes[0], m = matrix.Sizes[1];
        for (int j = 0; j < m; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += double.CreateTruncating(x[matrix.Offset + i * matrix.StrideArray[0] + j * matrix.StrideArray[1]]);
            o[result.Offset + j] = T.CreateTruncating(s);
        }
    }

    public void AddInto(Tensor dst, Tensor src)
    {
        if (dst.DType == DType.Float32) AddInto<float>(dst, src);
        else AddInto<double>(dst, src);
    }

    private static void AddInto<T>(Tensor dst, Tensor src) where T : unmanaged, INumber<T>
    {
        T[] d = dst.Buffer<T>(), s = src.Buffer<T>();
        var walk = new StridedWalk(src.Sizes, src.Offset, src.StrideArray);
        for (int i = dst.Offset; walk.Next(out int p); i++) d[i] += s[p];
    }
}
