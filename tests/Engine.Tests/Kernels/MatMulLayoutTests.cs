namespace NNTools.Tests.Kernels;

/// <summary>
/// Tensor.MatMul over views the GEMM reads in place (transposed, sliced, broadcast batches) against
/// the same product of contiguous float64 copies, within float32 accumulation error.
/// </summary>
public class MatMulLayoutTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 65, 17)]
    [InlineData(65, 1, 17)]
    [InlineData(63, 65, 129)]
    [InlineData(129, 7, 300)]
    public void TransposedAndSlicedViewsMatchContiguousProduct(int m, int n, int k)
    {
        var a = Tensor.Randn([m, k], DType.Float32, new Generator(m));
        var b = Tensor.Randn([k, n], DType.Float32, new Generator(n));
        var at = Tensor.Randn([k, m], DType.Float32, new Generator(m + 1)).T;
        var bt = Tensor.Randn([n, k], DType.Float32, new Generator(n + 1)).T;
        var bSliced = Tensor.Randn([k, 2 * n], DType.Float32, new Generator(3)).Slice(1, 0, 2 * n, 2);
        foreach (var (x, y) in new[] { (a, b), (at, b), (a, bt), (at, bt), (a, bSliced) }) AssertProduct(x, y, k);
    }

    [Fact]
    public void BatchedAndBroadcastProductsMatchPerBatchProducts()
    {
        var a = Tensor.Randn([3, 1, 17, 33], DType.Float32, new Generator(1));
        var b = Tensor.Randn([4, 33, 65], DType.Float32, new Generator(2));
        var c = a.MatMul(b);
        Assert.Equal(new[] { 3, 4, 17, 65 }, c.Shape);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++) AssertClose(a.Select(0, i).Select(0, 0).MatMul(b.Select(0, j)), c.Select(0, i).Select(0, j), 33);
        }
        var bt = Tensor.Randn([4, 65, 33], DType.Float32, new Generator(3)).MT;
        AssertProduct(a, bt, 33);
    }

    [Fact]
    public void VectorFormsMatchContiguousProduct()
    {
        var m = Tensor.Randn([70, 40], DType.Float32, new Generator(4));
        var v = Tensor.Randn([40], DType.Float32, new Generator(5));
        var w = Tensor.Randn([70], DType.Float32, new Generator(6));
        AssertProduct(m, v, 40);
        AssertProduct(w, m, 70);
        AssertProduct(m.T, w, 70);
        AssertProduct(v, v, 40);
    }

    private static void AssertProduct(Tensor a, Tensor b, int k) =>
        AssertClose(a.To(DType.Float64).Contiguous().MatMul(b.To(DType.Float64).Contiguous()), a.MatMul(b), k);

    private static void AssertClose(Tensor expected, Tensor actual, int k)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToDoubleArray();
        var g = actual.ToDoubleArray();
        double tol = 2e-6 * (k + 8);
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - g[i]) <= tol * (1 + Math.Abs(e[i])), $"element {i}: {g[i]} vs {e[i]}");
    }
}
