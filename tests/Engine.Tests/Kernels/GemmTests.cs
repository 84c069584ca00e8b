using NNTools.Kernels;

namespace NNTools.Tests.Kernels;

/// <summary>
/// The packed, threaded GEMM against a plain triple loop in double: every layout of the operands
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
        foreach (var (ta, tb) in Layouts) Check<float>(m, n, k, ta, tb, accumulate: false, packed: true);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PackedDoubleMatchesReference(int m, int n, int k)
    {
        foreach (var (ta, tb) in Layouts) Check<double>(m, n, k, ta, tb, accumulate: false, packed: true);
    }

    [Theory]
    [InlineData(17, 63, 300)]
    [InlineData(5, 40, 7)]
    public void PackedAccumulatesIntoC(int m, int n, int k)
    {
        foreach (var (ta, tb) in Layouts)
        {
            Check<float>(m, n, k, ta, tb, accumulate: true, packed: true);
            Check<double>(m, n, k, ta, tb, accumulate: true, packed: true);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EntryPointMatchesReference(int m, int n, int k)
    {
        foreach (var (ta, tb) in Layouts)
        {
            Check<float>(m, n, k, ta, tb, accumulate: false, packed: false);
            Check<double>(m, n, k, ta, tb, accumulate: true, packed: false);
            Check<long>(m, n, k, ta, tb, accumulate: false, packed: false);
        }
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

    private static unsafe void Check<T>(int m, int n, int k, bool transA, bool transB, bool accumulate, bool packed)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var rng = new System.Random(m * 1000003 + n * 1009 + k * 7 + (transA ? 1 : 0) + (transB ? 2 : 0));
        // Stored shapes with padded leading dims and leading offsets, so strides are not the logical widths.
        int aRows = transA ? k : m, aCols = transA ? m : k, lda = aCols + 3;
        int bRows = transB ? n : k, bCols = transB ? k : n, ldb = bCols + 5;
        int ldc = n + 2, offA = 4, offB = 1, offC = 3;
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
        if (packed)
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                PackedGemm.Multiply(m, n, k, pa + offA, lda, transA, pb + offB, ldb, transB, pc + offC, ldc, accumulate);
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
                    $"{typeof(T).Name} m={m} n={n} k={k} transA={transA} transB={transB} accumulate={accumulate}: C[{i},{j}] = {got}, expected {want}");
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
