using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// Row-wise statistics over a tensor laid out as [rows, len] (as Tensor.RowsForReduction lays one out):
/// variance and standard deviation, product and its backward, log-sum-exp, softmax and log-softmax, and
/// the running sum and product with the product's backward.
/// </summary>
internal static class StatisticsKernels
{
    /// <summary>Row <paramref name="r"/> of <paramref name="rowData"/> laid out as rows of <paramref name="len"/> contiguous elements.</summary>
    public static ReadOnlySpan<T> Row<T>(Tensor rowData, int r, int len) => new(rowData.Buffer<T>(), rowData.Offset + r * len, len);

    /// <summary>
    /// result[r] = the standard deviation (<paramref name="root"/>) or variance of row r with <paramref name="dof"/>
    /// degrees of freedom, in double, rounded once to the float32 or float64 dtype.
    /// </summary>
    public static void VarRows(Tensor src, int rows, int len, double dof, bool root, Tensor result)
    {
        if (result.DType == DType.Float32)
        {
            var o = result.Buffer<float>();
            for (int r = 0; r < rows; r++)
            {
                double s = Reduce.RootMeanSquaredDeviation(Row<float>(src, r, len), dof);
                o[r] = (float)(root ? s : s * s);
            }
        }
        else
        {
            var o = result.Buffer<double>();
            for (int r = 0; r < rows; r++)
            {
                double s = Reduce.RootMeanSquaredDeviation(Row<double>(src, r, len), dof);
                o[r] = root ? s : s * s;
            }
        }
    }

    /// <summary>result[r] = the product of row r, in result's dtype (float32, float64, else int64) which src shares.</summary>
    public static void ProdRows(Tensor src, int rows, int len, Tensor result)
    {
        switch (result.DType)
        {
            case DType.Float32: ProdRows<float>(src, rows, len, result); break;
            case DType.Float64: ProdRows<double>(src, rows, len, result); break;
            default: ProdRows<long>(src, rows, len, result); break;
        }
    }

    /// <summary>others[r * len + i] = the product of row r without element i (float32, else float64).</summary>
    public static void ProdOtherRows(Tensor src, int rows, int len, Tensor others)
    {
        if (others.DType == DType.Float32) ProdOtherRows<float>(src, rows, len, others);
        else ProdOtherRows<double>(src, rows, len, others);
    }

    /// <summary>result[r] = log(sum(exp(row r))), stable for large inputs (float32, else float64).</summary>
    public static void LogSumExpRows(Tensor src, int rows, int len, Tensor result)
    {
        if (result.DType == DType.Float32)
        {
            var o = result.Buffer<float>();
            for (int r = 0; r < rows; r++) o[r] = Reduce.LogSumExp(Row<float>(src, r, len));
        }
        else
        {
            var o = result.Buffer<double>();
            for (int r = 0; r < rows; r++) o[r] = Reduce.LogSumExp(Row<double>(src, r, len));
        }
    }

    /// <summary>dst[r * len + i] = the product of row r up to element i (float32, float64, else int64).</summary>
    public static void CumProdRows(Tensor src, int rows, int len, Tensor dst)
    {
        switch (dst.DType)
        {
            case DType.Float32: CumProdRows<float>(src, rows, len, dst); break;
            case DType.Float64: CumProdRows<double>(src, rows, len, dst); break;
            default: CumProdRows<long>(src, rows, len, dst); break;
        }
    }

    /// <summary>
    /// dst = the gradient of the running product of the rows of <paramref name="src"/> for the output gradient
    /// rows <paramref name="g"/> (float32, else float64): dx[k] = prefix(k) * sum_{j &gt;= k} g[j] * x[k+1] * ... * x[j],
    /// in double then rounded once, quadratic in the row length, with no division, so zeros in x need no special case.
    /// </summary>
    public static void CumProdGradRows(Tensor src, Tensor g, int rows, int len, Tensor dst)
    {
        if (dst.DType == DType.Float32) CumProdGradRows<float>(src, g, rows, len, dst);
        else CumProdGradRows<double>(src, g, rows, len, dst);
    }

    /// <summary>dst[r * len + i] = the sum of row r up to element i, or from element i to the end when <paramref name="reverse"/>.</summary>
    public static void CumSumRows(Tensor src, int rows, int len, Tensor dst, bool reverse)
    {
        switch (dst.DType)
        {
            case DType.Float32: CumSumRows<float>(src, rows, len, dst, reverse); break;
            case DType.Float64: CumSumRows<double>(src, rows, len, dst, reverse); break;
            default: CumSumRows<long>(src, rows, len, dst, reverse); break;
        }
    }

    /// <summary>
    /// Replaces each row of the contiguous <paramref name="data"/> [rows, len] by its softmax, or its log-softmax
    /// when <paramref name="log"/>: the row maximum is subtracted first so that exp does not overflow.
    /// </summary>
    public static void SoftmaxRows(Tensor data, int rows, int len, bool log)
    {
        if (data.DType == DType.Float32) SoftmaxRows(data.Buffer<float>(), data.Offset, rows, len, log);
        else SoftmaxRows(data.Buffer<double>(), data.Offset, rows, len, log);
    }

    private static void ProdRows<T>(Tensor src, int rows, int len, Tensor result) where T : unmanaged, INumber<T>
    {
        var o = result.Buffer<T>();
        for (int r = 0; r < rows; r++) o[r] = Reduce.Prod(Row<T>(src, r, len));
    }

    private static void ProdOtherRows<T>(Tensor src, int rows, int len, Tensor others) where T : unmanaged, INumber<T>
    {
        var o = others.Buffer<T>();
        for (int r = 0; r < rows; r++) Reduce.ProdOthers(Row<T>(src, r, len), o.AsSpan(r * len, len));
    }

    private static void CumProdRows<T>(Tensor src, int rows, int len, Tensor dst) where T : unmanaged, INumber<T>
    {
        var o = dst.Buffer<T>();
        for (int r = 0; r < rows; r++)
        {
            var x = Row<T>(src, r, len);
            var p = T.One;
            for (int i = 0; i < len; i++) o[r * len + i] = p *= x[i];
        }
    }

    private static void CumProdGradRows<T>(Tensor src, Tensor g, int rows, int len, Tensor dst) where T : unmanaged, INumber<T>
    {
        var o = dst.Buffer<T>();
        for (int r = 0; r < rows; r++)
        {
            var x = Row<T>(src, r, len);
            var gr = Row<T>(g, r, len);
            double prefix = 1;
            for (int k = 0; k < len; k++)
            {
                double sum = 0, run = 1;
                for (int j = k; j < len; j++)
                {
                    if (j > k) run *= double.CreateTruncating(x[j]);
                    sum += double.CreateTruncating(gr[j]) * run;
                }
                o[r * len + k] = T.CreateTruncating(prefix * sum);
                prefix *= double.CreateTruncating(x[k]);
            }
        }
    }

    private static void CumSumRows<T>(Tensor src, int rows, int len, Tensor dst, bool reverse) where T : unmanaged, INumber<T>
    {
        var o = dst.Buffer<T>();
        for (int r = 0; r < rows; r++) Reduce.CumSum(Row<T>(src, r, len), o.AsSpan(r * len, len), reverse);
    }

    private static void SoftmaxRows<T>(T[] data, int offset, int rows, int len, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            var row = data.AsSpan(offset + r * len, len);
            T max = T.NegativeInfinity;
            foreach (var v in row) if (v > max || T.IsNaN(v)) max = v;
            if (T.IsInfinity(max) && max < T.Zero) max = T.Zero;
            T sum = T.Zero;
            for (int i = 0; i < len; i++) sum += T.Exp(row[i] - max);
            if (log)
            {
                T logSum = T.Log(sum);
                for (int i = 0; i < len; i++) row[i] = row[i] - max - logSum;
            }
            else
            {
                for (int i = 0; i < len; i++) row[i] = T.Exp(row[i] - max) / sum;
            }
        }
    }
}
