using NNTools.Kernels;

namespace NNTools.Tests.Kernels;

/// <summary>
/// The packed, threaded GEMM and the direct small-product kernel against a plain triple loop in double: every layout of the operands
/// (row-major and transposed, with padded leading dimensions and offsets), sizes around the tile and
/// block edges, accumulation, and the multithreaded split. float32 products may differ from the
/// double reference by float32 accumulation error, so they are compared with a tolerance that grows
/// with k; double ones almost exactly.
/// </summary>
public class GemmTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 }, { 1, 7, 17 }, { 7, 1, 17 }, { 17, 63, 1 }, { 13, 33, 5 }, { 12, 32, 256 },
        { 63, 65, 129 }, { 65, 129, 257 }, { 129, 130, 65 }, { 4, 4100, 3 }, { 200, 17, 300 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PackedFloatMatchesReference(int m, int n, int k)
    {
        foreach (var (ta, tb) in Layouts) Check<float>(m, n, k, ta, tb, accumulate: false, Path.Packed);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PackedDoubleMatchesReference(int m, int n, int k)
    {
        foreach (var (ta, tb) in Layouts) Check<double>(m, n, k, ta, tb, accumulate: false, Path.Packed);
    }

    /// <summary>The path an ARM64 CPU takes (128-bit vectors, 8 x 2 Vector128 tiles), run here by narrowing this thread's width.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Packed128BitMatchesReference(int m, int n, int k)
    {
        using var narrow = SimdWidth.Narrow(128);
        foreach (var (ta, tb) in Layouts)
        {
            Check<float>(m, n, k, ta, tb, accumulate: false, Path.Packed);
            Check<double>(m, n, k, ta, tb, accumulate: (m + n) % 2 == 0, Path.Packed);
        }
    }

    [Fact]
    public void EntryPointTakesThePackedKernelOn128BitVectors()
    {
        using var narrow = SimdWidth.Narrow(128);
        Assert.Equal(128, SimdWidth.Bits);
        Assert.True(PackedGemm.IsAccelerated);
        Assert.True(Gemm.TakesPackedPath<float>(256, 256, 256));
        Assert.False(Gemm.UseSmall<float>(256, 256, 256));
    }

    [Theory]
    [InlineData(17, 63, 300)]
    [InlineData(5, 40, 7)]
    public void PackedAccumulatesIntoC(int m, int n, int k)
    {
        foreach (var (ta, tb) in Layouts)
        {
            Check<float>(m, n, k, ta, tb, accumulate: true, Path.Packed);
            Check<double>(m, n, k, ta, tb, accumulate: true, Path.Packed);
        }
    }

    /// <summary>Tiny-model and vector shapes: columns around one and two vectors, ragged row blocks, k of 1.</summary>
    public static TheoryData<int, int, int> SmallShapes() => new()
    {
        { 1, 1, 1 }, { 100, 11, 50 }, { 50, 11, 100 }, { 100, 1, 11 }, { 11, 1, 100 }, { 100, 11, 1 }, { 1, 11, 100 },
        { 7, 16, 3 }, { 9, 17, 5 }, { 3, 33, 2 }, { 13, 8, 9 }, { 5, 9, 40 }, { 2, 500, 3 }, { 1, 1, 37 },
    };

    [Theory]
    [MemberData(nameof(SmallShapes))]
    [MemberData(nameof(Shapes))]
    public void SmallMatchesReference(int m, int n, int k)
    {
        if (!SmallGemm.IsSupported) return;
        foreach (var (ta, tb) in Layouts)
        {
            foreach (bool accumulate in new[] { false, true })
            {
                Check<float>(m, n, k, ta, tb, accumulate, Path.Small);
                Check<double>(m, n, k, ta, tb, accumulate, Path.Small);
            }
        }
    }

    [Theory]
    [InlineData(100, 11)]
    [InlineData(11, 100)]
    [InlineData(40, 1)]
    [InlineData(1, 5000)]
    public void SmallMatrixVectorProductsWithContiguousOutput(int m, int k)
    {
        // n = 1 with C's elements adjacent (ldc = 1), as a matrix-vector product's output is: a transposed
        // A is then computed as the single row of C^T.
        if (!SmallGemm.IsSupported) return;
        foreach (var (ta, tb) in Layouts)
        {
            Check<float>(m, 1, k, ta, tb, accumulate: false, Path.Small, ldcOverride: 1);
            Check<double>(m, 1, k, ta, tb, accumulate: true, Path.Small, ldcOverride: 1);
        }
    }

    [Fact]
    public void SmallDeclinesWhatItCannotCopyOnTheStack()
    {
        if (!SmallGemm.IsSupported) return;
        // A transposed A with a transposed B of more than 4096 elements: left to the other kernels.
        var a = new float[3 * 5000];
        var b = new float[2 * 5000];
        var c = new float[6];
        unsafe
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                Assert.False(SmallGemm.TryMultiply(3, 2, 5000, pa, 3, true, pb, 5000, true, pc, 2, false));
            }
        }
        // The entry point still computes it.
        Check<float>(3, 2, 5000, true, true, accumulate: false, Path.EntryPoint);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EntryPointMatchesReference(int m, int n, int k)
    {
        foreach (var (ta, tb) in Layouts)
        {
            Check<float>(m, n, k, ta, tb, accumulate: false, Path.EntryPoint);
            Check<double>(m, n, k, ta, tb, accumulate: true, Path.EntryPoint);
            Check<long>(m, n, k, ta, tb, accumulate: false, Path.EntryPoint);
        }
    }

    [Theory]
    [InlineData(16, 9, 12544)]
    [InlineData(5, 7, 1000)]
    [InlineData(1, 1, 131)]
    [InlineData(32, 144, 1600)]
    public void LongSumsOfFewRowsMatchReference(int m, int n, int k)
    {
        // A convolution's weight gradient: rows of m and n by 4 and 3 with edges, k with a tail past the vectors.
        Assert.True(DotGemm.Suits<float>(m, n, k, false, true));
        Check<float>(m, n, k, false, true, accumulate: false, Path.EntryPoint);
        Check<float>(m, n, k, false, true, accumulate: true, Path.EntryPoint);
        Check<double>(m, n, k, false, true, accumulate: true, Path.EntryPoint);
    }

    [Fact]
    public void ThreadedResultIsDeterministic()
    {
        // Big enough for the parallel split; every element is computed by one task in one k order.
        var a = Tensor.Randn([150, 300], DType.Float32, new Generator(1));
        var b = Tensor.Randn([300, 170], DType.Float32, new Generator(2));
        var first = a.MatMul(b).ToFloatArray();
        for (int i = 0; i < 3; i++) Assert.Equal(first, a.MatMul(b).ToFloatArray());
    }
    private static readonly (bool, bool)[] Layouts = [(false, false), (true, false), (false, true), (true, true)];

    private enum Path { EntryPoint, Packed, Small }

    private static unsafe void Check<T>(int m, int n, int k, bool transA, bool transB, bool accumulate, Path path, int? ldcOverride = null)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var rng = new System.Random(m * 1000003 + n * 1009 + k * 7 + (transA ? 1 : 0) + (transB ? 2 : 0));
        // Stored shapes with padded leading dims and leading offsets, so strides are not the logical widths.
        int aRows = transA ? k : m, aCols = transA ? m : k, lda = aCols + 3;
        int bRows = transB ? n : k, bCols = transB ? k : n, ldb = bCols + 5;
        int ldc = ldcOverride ?? n + 2, offA = 4, offB = 1, offC = 3;
        var a = RandomArray<T>(rng, offA + aRows * lda);
        var b = RandomArray<T>(rng, offB + bRows * ldb);
        var c = RandomArray<T>(rng, offC + m * ldc);
        var expected = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = accumulate ? double.CreateTruncating(c[offC + i * ldc + j]) : 0;
                for (int p = 0; p < k; p++)
                {
                    var av = transA ? a[offA + p * lda + i] : a[offA + i * lda + p];
                    var bv = transB ? b[offB + j * ldb + p] : b[offB + p * ldb + j];
                    s += double.CreateTruncating(av) * double.CreateTruncating(bv);
                }
                expected[i * n + j] = s;
            }
        }
        var before = (T[])c.Clone();
        if (path == Path.Packed)
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                PackedGemm.Multiply(m, n, k, pa + offA, lda, transA, pb + offB, ldb, transB, pc + offC, ldc, accumulate);
            }
        }
        else if (path == Path.Small)
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                if (!SmallGemm.TryMultiply(m, n, k, pa + offA, lda, transA, pb + offB, ldb, transB, pc + offC, ldc, accumulate))
                {
                    // It only declines a transposed B it would have to copy whole while A is transposed too.
                    Assert.True(transA && transB && (long)k * n > 4096, $"the small kernel declined m={m} n={n} k={k} transA={transA} transB={transB}");
                    Assert.Equal(before, c);
                    return;
                }
            }
        }
        else
        {
            Gemm.Multiply(m, n, k, a, offA, lda, transA, b, offB, ldb, transB, c, offC, ldc, accumulate);
        }
        double tol = typeof(T) == typeof(float) ? 2e-6 * (k + 8) : typeof(T) == typeof(double) ? 1e-13 * (k + 8) : 0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double got = double.CreateTruncating(c[offC + i * ldc + j]);
                double want = expected[i * n + j];
                Assert.True(Math.Abs(got - want) <= tol * (1 + Math.Abs(want)),
                    $"{path} {typeof(T).Name} m={m} n={n} k={k} transA={transA} transB={transB} accumulate={accumulate}: C[{i},{j}] = {got}, expected {want}");
            }
            // Padding between rows of C is never written.
            for (int j = n; j < ldc && offC + i * ldc + j < c.Length; j++) Assert.Equal(before[offC + i * ldc + j], c[offC + i * ldc + j]);
        }
        for (int x = 0; x < offC; x++) Assert.Equal(before[x], c[x]);
    }

    private static T[] RandomArray<T>(System.Random rng, int length) where T : System.Numerics.INumber<T>
    {
        var x = new T[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = typeof(T) == typeof(long) ? T.CreateTruncating(rng.Next(-9, 10)) : T.CreateTruncating(rng.NextDouble() * 2 - 1);
        }
        return x;
    }
}
