using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// Extremes of rows: the min or max of every row with its position (max, min, argmax, argmin,
/// amax, amin), the one-hot mask of those positions, and all / any (the min and max of bools).
/// </summary>
/// <remarks>
/// Rows are contiguous [rows, len] tensors (Tensor.RowsForReduction). Bool and the narrow integers
/// arrive as int64, which orders them the same, so the loops are specialised for float, double and long.
/// </remarks>
internal static class ExtremeKernels
{
    /// <summary>
    /// The largest (or, with <paramref name="min"/>, smallest) element of every row of
    /// <paramref name="src"/> into the contiguous <paramref name="values"/> (of src's dtype), and its
    /// position in the row into the int64 <paramref name="indices"/>: the first on ties, the first NaN if any.
    /// </summary>
    public static void ExtremeRows(Tensor src, int rows, int len, bool min, Tensor values, Tensor indices)
    {
        var idx = indices.Buffer<long>();
        switch (values.DType)
        {
            case DType.Float32: ExtremeRowsOf<float>(src, rows, len, min, values.Buffer<float>(), idx); break;
            case DType.Float64: ExtremeRowsOf<double>(src, rows, len, min, values.Buffer<double>(), idx); break;
            default: ExtremeRowsOf<long>(src, rows, len, min, values.Buffer<long>(), idx); break;
        }
    }

    private static void ExtremeRowsOf<T>(Tensor src, int rows, int len, bool min, T[] values, long[] indices) where T : unmanaged, INumber<T>
    {
        if (len == 0) return;
        for (int r = 0; r < rows; r++)
        {
            var row = StatisticsKernels.Row<T>(src, r, len);
            int i = Reduce.ArgExtreme(row, min);
            values[r] = row[i];
            indices[r] = i;
        }
    }

    /// <summary>
    /// Sets mask[r * len + indices[r]] for every row r: the contiguous bool <paramref name="mask"/>
    /// (zeroed, [rows * len]) marks the positions the int64 <paramref name="indices"/> picked in each row.
    /// </summary>
    public static void MarkPicked(Tensor indices, int len, Tensor mask)
    {
        var idx = indices.Buffer<long>();
        var o = mask.Buffer<bool>();
        for (int r = 0; r < idx.Length; r++) o[r * len + (int)idx[r]] = true;
    }

    /// <summary>
    /// Whether every element (<paramref name="all"/>) or some element of each row of the bool
    /// <paramref name="src"/> is true, into the contiguous bool <paramref name="result"/>.
    /// </summary>
    public static void AllAnyRows(Tensor src, int rows, int len, bool all, Tensor result)
    {
        var o = result.Buffer<bool>();
        for (int r = 0; r < rows; r++)
        {
            var row = StatisticsKernels.Row<bool>(src, r, len);
            o[r] = all ? !row.Contains(false) : row.Contains(true);
        }
    }

}
