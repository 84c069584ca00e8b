using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// Sorting and the order statistics read off sorted rows: stable row sort with indices (sort,
/// argsort, topk, kthvalue), the median and mode positions in a sorted row, and the grouping of
/// equal rows behind unique and unique_consecutive.
/// </summary>
/// <remarks>
/// Rows are contiguous [rows, len] tensors (Tensor.RowsForReduction). Bool and the narrow integers
/// arrive as int64, which orders them the same, so the loops are specialised for float, double and long.
/// </remarks>
internal static class SortKernels
{
    /// <summary>
    /// Sorts every row of <paramref name="src"/> stably (NaN above every number) into the contiguous
    /// <paramref name="values"/> (of src's dtype) and the int64 <paramref name="indices"/>, both [rows * len].
    /// </summary>
    public static void SortRows(Tensor src, int rows, int len, bool descending, Tensor values, Tensor indices)
    {
        var idx = indices.Buffer<long>();
        switch (values.DType)
        {
            case DType.Float32: SortRows(src, rows, len, descending, values.Buffer<float>(), idx); break;
            case DType.Float64: SortRows(src, rows, len, descending, values.Buffer<double>(), idx); break;
            default: SortRows(src, rows, len, descending, values.Buffer<long>(), idx); break;
        }
    }

    private static void SortRows<T>(Tensor src, int rows, int len, bool descending, T[] values, long[] indices) where T : unmanaged, INumber<T>
    {
        var row = new T[len];
        var order = new int[len];
        // The index breaks ties, which makes the order total: Array.Sort's introsort then gives a stable result.
        Comparison<int> compare = descending
            ? (a, b) => CompareNanLast(row[b], row[a]) is var c && c != 0 ? c : a.CompareTo(b)
            : (a, b) => CompareNanLast(row[a], row[b]) is var c && c != 0 ? c : a.CompareTo(b);
        for (int r = 0; r < rows; r++)
        {
            StatisticsKernels.Row<T>(src, r, len).CopyTo(row);
            for (int i = 0; i < len; i++) order[i] = i;
            Array.Sort(order, compare);
            for (int i = 0; i < len; i++)
            {
                values[r * len + i] = row[order[i]];
                indices[r * len + i] = order[i];
            }
        }
    }

    /// <summary>Ascending comparison with NaN above every number and equal to itself.</summary>
    public static int CompareNanLast<T>(T x, T y) where T : INumber<T>
    {
        bool nx = T.IsNaN(x), ny = T.IsNaN(y);
        if (nx || ny) return nx == ny ? 0 : nx ? 1 : -1;
        return x < y ? -1 : x > y ? 1 : 0;
    }

    /// <summary>
    /// Takes one element of every sorted row: the one at the position <paramref name="position"/> gives
    /// for (sorted values, row start, row length). Writes its original index (from
    /// <paramref name="rowIndices"/>) into <paramref name="indices"/> and returns where each taken
    /// element lies in <paramref name="rowValues"/>.
    /// </summary>
    public static int[] Pick(Tensor rowValues, Tensor rowIndices, int rows, int len, Func<Tensor, int, int, int> position, Tensor indices)
    {
        var si = rowIndices.Buffer<long>();
        var o = indices.Buffer<long>();
        var at = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            int p = position(rowValues, r * len, len);
            at[r] = r * len + p;
            o[r] = si[at[r]];
        }
        return at;
    }

    /// <summary>The position in a sorted row of its lower median, or of its first NaN (NaNs sort last).</summary>
    public static int MedianPosition(Tensor sorted, int start, int len) => sorted.DType switch
    {
        DType.Float32 => FirstNanOr(sorted.Buffer<float>(), start, len, (len - 1) / 2),
        DType.Float64 => FirstNanOr(sorted.Buffer<double>(), start, len, (len - 1) / 2),
        _ => (len - 1) / 2,
    };

    private static int FirstNanOr<T>(T[] v, int start, int len, int otherwise) where T : INumber<T>
    {
        for (int i = 0; i < len; i++) if (T.IsNaN(v[start + i])) return i;
        return otherwise;
    }

    /// <summary>The position in a sorted row of the last element of its longest run of equal values (the first such run on ties).</summary>
    public static int ModePosition(Tensor sorted, int start, int len) => sorted.DType switch
    {
        DType.Float32 => LongestRunEnd(sorted.Buffer<float>(), start, len),
        DType.Float64 => LongestRunEnd(sorted.Buffer<double>(), start, len),
        DType.Int64 => LongestRunEnd(sorted.Buffer<long>(), start, len),
        _ => LongestRunEnd(sorted.CastRaw(DType.Int64).Buffer<long>(), start, len),
    };

    private static int LongestRunEnd<T>(T[] v, int start, int len) where T : INumber<T>
    {
        int best = 0, bestCount = 0;
        for (int i = 0; i < len;)
        {
            int j = i + 1;
            while (j < len && v[start + j] == v[start + i]) j++;
            if (j - i > bestCount)
            {
                bestCount = j - i;
                best = j - 1;
            }
            i = j;
        }
        return best;
    }

    /// <summary>
    /// Groups the rows of a contiguous [n, m] tensor (float, double or int64): equal rows (elementwise
    /// ==, so NaN is never equal) that are adjacent after an optional stable lexicographic sort form
    /// one group. Returns each group's first row index (in sorted order), every row's group and each
    /// group's size.
    /// </summary>
    public static (int[] First, long[] GroupOf, long[] Counts) Groups(Tensor rows, int n, int m, bool sort) => rows.DType switch
    {
        DType.Float32 => Groups(rows.Buffer<float>(), n, m, sort),
        DType.Float64 => Groups(rows.Buffer<double>(), n, m, sort),
        _ => Groups(rows.Buffer<long>(), n, m, sort),
    };

    private static (int[] First, long[] GroupOf, long[] Counts) Groups<T>(T[] v, int n, int m, bool sort) where T : INumber<T>
    {
        var order = Enumerable.Range(0, n).ToArray();
        if (sort)
        {
            Array.Sort(order, (a, b) =>
            {
                for (int j = 0; j < m; j++)
                {
                    int c = CompareNanLast(v[a * m + j], v[b * m + j]);
                    if (c != 0) return c;
                }
                return a.CompareTo(b);
            });
        }
        var first = new List<int>();
        var counts = new List<long>();
        var groupOf = new long[n];
        for (int i = 0; i < n; i++)
        {
            int row = order[i];
            if (i == 0 || !RowsEqual(v, order[i - 1], row, m))
            {
                first.Add(row);
                counts.Add(0);
            }
            groupOf[row] = first.Count - 1;
            counts[^1]++;
        }
        return (first.ToArray(), groupOf, counts.ToArray());
    }

    private static bool RowsEqual<T>(T[] v, int a, int b, int m) where T : INumber<T>
    {
        for (int j = 0; j < m; j++) if (v[a * m + j] != v[b * m + j]) return false;
        return true;
    }
}
