namespace NNTools.Tests.LinearAlgebra;

/// <summary>
/// The decompositions' contract beyond the differential suite's random cases: LAPACK's QR signs on
/// fixed matrices (values from torch.linalg.qr), the errors with their ids and the values they name,
/// and the shapes of the reduced and complete factors.
/// </summary>
public class DecompositionTests
{
    private static Tensor M(double[,] values) => Tensor.From(values);

    private static void Near(double[] expected, Tensor actual, double tol = 1e-12)
    {
        var got = actual.ToDoubleArray();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < got.Length; i++) Assert.True(Math.Abs(expected[i] - got[i]) <= tol, $"element {i}: expected {expected[i]:R}, got {got[i]:R}");
    }

    [Fact]
    public void QrHasLapacksSigns()
    {
        var (q, r) = M(new[,] { { 1.0, 2 }, { 3, 4 }, { 5, 6 } }).Qr();
        Near([-0.16903085094570325, 0.8970852271450607, -0.50709255283711, 0.27602622373694136, -0.8451542547285166, -0.34503277967117696], q);
        Near([-5.916079783099616, -7.437357441610946, 0.0, 0.828078671210825], r);
        // The last pivot of a square matrix has nothing below it: LAPACK reflects nothing and R keeps its sign.
        var (q3, r3) = M(new[,] { { 2.0, -1, 0 }, { -1, 2, -1 }, { 0, -1, 2 } }).Qr();
        Near([-2.23606797749979, 1.7888543819998315, -0.4472135954999579, 0, -1.673320053068151, 1.9123657749350298, 0, 0, 1.0690449676496976], r3);
        Assert.Equal(0.8017837257372731, q3.ToDoubleArray()[8], 12);
    }

    [Fact]
    public void FactorShapesFollowTheMode()
    {
        var a = Tensor.Randn([2, 5, 3], DType.Float64, new Generator(1));
        var (q, r) = a.Qr("complete");
        Assert.Equal([2, 5, 5], q.Shape);
        Assert.Equal([2, 5, 3], r.Shape);
        var (u, s, vh) = a.Svd(fullMatrices: false);
        Assert.Equal([2, 5, 3], u.Shape);
        Assert.Equal([2, 3], s.Shape);
        Assert.Equal([2, 3, 3], vh.Shape);
        Assert.Equal([2, 5, 5], a.Svd().U.Shape);
        var onlyR = a.Qr("r");
        Assert.Equal([0], onlyR.Q.Shape);
        Assert.Equal([2, 3, 3], onlyR.R.Shape);
        Assert.Equal([2, 3, 5], a.Pinv().Shape);
    }

    [Fact]
    public void CholeskyNamesTheBatchElementAndTheMinor()
    {
        var spd = M(new[,] { { 4.0, 2 }, { 2, 3 } });
        var indefinite = M(new[,] { { 1.0, 2 }, { 2, 1 } });
        var e = Assert.Throws<NumericalException>(() => Tensor.Stack([spd, indefinite]).Cholesky());
        Assert.Equal("NotPositiveDefinite", e.ErrorId);
        Assert.Equal("linalg.cholesky: (Batch element 1): The factorization could not be completed because the input is not positive-definite (the leading minor of order 2 is not positive-definite).", e.Message);
        Assert.Contains("linalg.cholesky: The factorization", Assert.Throws<NumericalException>(() => indefinite.Cholesky()).Message);
        Near([2, 0, 1, Math.Sqrt(2)], spd.Cholesky());
        Near([2, 1, 0, Math.Sqrt(2)], spd.Cholesky(upper: true));
    }

    [Fact]
    public void BadArgumentsAreRefusedWithTheirIds()
    {
        var a = Tensor.Randn([3, 3], DType.Float64, new Generator(2));
        var ints = Tensor.Zeros([2, 2], DType.Int64);
        Assert.Equal("QrMode", Assert.Throws<TensorArgumentException>(() => a.Qr("full")).ErrorId);
        Assert.Equal("EighUplo", Assert.Throws<TensorArgumentException>(() => a.Eigh("X")).ErrorId);
        Assert.Equal("LinalgSquare", Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros([2, 3], DType.Float64).Eigvalsh()).ErrorId);
        Assert.Equal("LinalgDType", Assert.Throws<DTypeMismatchException>(() => ints.Svd()).ErrorId);
        Assert.Equal("LinalgRank", Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros([3], DType.Float64).Pinv()).ErrorId);
        Assert.Equal("NormOrder", Assert.Throws<TensorArgumentException>(() => a.MatrixNorm(3)).ErrorId);
        Assert.Equal("NormOrder", Assert.Throws<TensorArgumentException>(() => a.MatrixNorm("max")).ErrorId);
        Assert.Equal("NormDim", Assert.Throws<TensorArgumentException>(() => a.MatrixNorm("fro", [0, 0])).ErrorId);
        Assert.Equal("NormDim", Assert.Throws<ShapeMismatchException>(() => Linalg.Norm(Tensor.Zeros([2, 2, 2], DType.Float64), 2)).ErrorId);
        Assert.Equal("NullArgument", Assert.Throws<TensorArgumentException>(() => Linalg.Svd(null!)).ErrorId);
        Assert.Equal("SvdNotFinite", Assert.Throws<NumericalException>(() => M(new[,] { { double.NaN, 1 }, { 0, 1 } }).Svd()).ErrorId);
    }

    [Fact]
    public void TheSpectralNormIsTheLargestSingularValue()
    {
        var a = M(new[,] { { 3.0, 0 }, { 0, -4 } });
        Assert.Equal(4.0, Linalg.Norm(a, 2).ToDouble(), 12);
        Assert.Equal(3.0, a.MatrixNorm(-2).ToDouble(), 12);
        Assert.Equal(7.0, Linalg.Norm(a, "nuc").ToDouble(), 12);
        Assert.Equal(5.0, Linalg.Norm(a).ToDouble(), 12);
        Assert.Equal(5.0, a.Norm(2).ToDouble(), 12);
    }
}
