namespace NNTools;

/// <summary>Shape arithmetic shared by every op: element counts, strides, broadcasting, dim wrapping.</summary>
internal static class Shapes
{
    /// <summary>Ranks beyond this are refused: no real model needs them and they signal a bug.</summary>
    public const int MaxRank = 64;

    public static int Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
            if (n > int.MaxValue)
            {
                throw Raise(TooManyElementsError(shape));
            }
        }
        return (int)n;
    }

    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    /// <summary>Formats a shape the way PyTorch's messages do: [2, 3].</summary>
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>Formats a matrix shape as in "mat1 and mat2 shapes cannot be multiplied (5x3 and 4x2)".</summary>
    public static string FormatX(ReadOnlySpan<int> shape) => string.Join("x", shape.ToArray());

    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int n = Math.Max(a.Length, b.Length);
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            int da = i < n - a.Length ? 1 : a[i - (n - a.Length)];
            int db = i < n - b.Length ? 1 : b[i - (n - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw Raise(BroadcastError(da, db, i, a, b));
            }
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>Wraps a possibly negative dim into [0, rank) or throws PyTorch's message.</summary>
    public static int WrapDim(int dim, int rank)
    {
        int r = Math.Max(rank, 1);
        if (dim < -r || dim >= r)
        {
            throw Raise(DimOutOfRangeError(dim, r));
        }
        return dim < 0 ? dim + r : dim;
    }

    public static void CheckSizes(ReadOnlySpan<int> shape)
    {
        if (shape.Length > MaxRank)
        {
            throw Raise(RankTooLargeError(shape.Length));
        }
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw Raise(NegativeDimensionError(d, shape));
            }
        }
        Numel(shape);
    }

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown,
    // which keeps the checked method small for the JIT (a first training step compiles dozens of them).
    private static TensorLimitException TooManyElementsError(ReadOnlySpan<int> shape) => new("TooManyElements",
        $"a tensor of shape {Format(shape)} would have more than {int.MaxValue} elements");
    private static ShapeMismatchException BroadcastError(int da, int db, int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b) => new("BroadcastShapeMismatch",
        $"The size of tensor a ({da}) must match the size of tensor b ({db}) at non-singleton dimension {i}; shapes {Format(a)} and {Format(b)}");
    private static TensorIndexException DimOutOfRangeError(int dim, int r) => new("DimOutOfRange",
        $"Dimension out of range (expected to be in range of [{-r}, {r - 1}], but got {dim})");
    private static TensorLimitException RankTooLargeError(int rank) => new("RankTooLarge", $"a tensor may have at most {MaxRank} dimensions, got {rank}");
    private static TensorArgumentException NegativeDimensionError(int d, ReadOnlySpan<int> shape) => new("NegativeDimension",
        $"Trying to create tensor with negative dimension {d}: {Format(shape)}");
}
