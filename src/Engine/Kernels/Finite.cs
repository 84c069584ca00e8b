using System.Runtime.Intrinsics;

namespace NNTools.Kernels;

/// <summary>
/// The finiteness scan behind Tensor.AllFinite (the Trainer checks every gradient each step):
/// x − x is +0 for every finite x and NaN for ±inf and NaN, so a sum
/// of those is zero exactly when all were finite (integers are always finite: x − x is 0).
/// </summary>
internal static unsafe class Finite
{
    /// <summary>Whether every element of the rows x cols block at <paramref name="p"/> (row stride <paramref name="ld"/>) is finite.</summary>
    public static bool All<T>(T* p, int ld, int rows, int cols) where T : unmanaged
    {
        // Four independent sums: a single running sum waits out the add latency at every vector,
        // which made the check several times slower than reading the data.
        var s0 = Vector512<T>.Zero;
        var s1 = Vector512<T>.Zero;
        var s2 = Vector512<T>.Zero;
        var s3 = Vector512<T>.Zero;
        int w = Vector512<T>.Count;
        for (int r = 0; r < rows; r++)
        {
            T* row = p + (nint)r * ld;
            int j = 0;
            for (; j + 4 * w <= cols; j += 4 * w)
            {
                var v0 = Vector512.Load(row + j);
                var v1 = Vector512.Load(row + j + w);
                var v2 = Vector512.Load(row + j + 2 * w);
                var v3 = Vector512.Load(row + j + 3 * w);
                s0 += v0 - v0;
                s1 += v1 - v1;
                s2 += v2 - v2;
                s3 += v3 - v3;
            }
            for (; j + w <= cols; j += w)
            {
                var v = Vector512.Load(row + j);
                s1 += v - v;
            }
            if (j == cols) continue;
            if (cols >= w)
            {
                // The ragged end as one vector ending at the last column (it re-reads a few checked ones).
                var v = Vector512.Load(row + cols - w);
                s2 += v - v;
            }
            else
            {
                for (; j < cols; j++)
                {
                    var v = Vector512.CreateScalar(row[j]);
                    s3 += v - v;
                }
            }
        }
        return Vector512.EqualsAll((s0 + s1) + (s2 + s3), Vector512<T>.Zero);
    }

    /// <summary>Whether every element of <paramref name="values"/> is finite.</summary>
    public static bool All<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        fixed (T* p = values) return All(p, values.Length, 1, values.Length);
    }
}
