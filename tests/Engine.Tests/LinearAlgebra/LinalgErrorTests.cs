namespace NNTools.Tests.LinearAlgebra;

/// <summary>Error ids and PyTorch's messages for the matrix products and linear algebra; exact int64 products.</summary>
public class LinalgErrorTests
{
    private static void Throws<TException>(Action action, string errorId, string message) where TException : TensorException
    {
        var e = Assert.Throws<TException>(action);
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData(new[] { 5, 3 }, new[] { 4, 2 }, "mat1 and mat2 shapes cannot be multiplied (5x3 and 4x2)")]
    [InlineData(new[] { 3 }, new[] { 4 }, "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively")]
    [InlineData(new[] { 3 }, new[] { 4, 2 }, "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x2)")]
    [InlineData(new[] { 5, 3 }, new[] { 4 }, "size mismatch, got 5, 5x3,4")]
    [InlineData(new[] { 2, 5, 3 }, new[] { 2, 4, 2 }, "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].")]
    [InlineData(new[] { 2, 5, 3 }, new[] { 4 }, "size mismatch, got 10, 10x3,4")]
    [InlineData(new[] { 3 }, new[] { 2, 4, 2 }, "size mismatch, got 4, 4x4,3")]
    [InlineData(new[] { 2, 5, 3 }, new[] { 4, 2 }, "mat1 and mat2 shapes cannot be multiplied (10x3 and 4x2)")]
    [InlineData(new[] { 5, 3 }, new[] { 2, 4, 2 }, "mat1 and mat2 shapes cannot be multiplied (4x4 and 3x5)")]
    public void MatMulShapeMessagesMatchPyTorch(int[] a, int[] b, string message) =>
        Throws<ShapeMismatchException>(() => Tensor.Ones(a).MatMul(Tensor.Ones(b)), "MatMulShape", message);

    [Fact]
    public void MatMulBatchDimsMustBroadcast()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Tensor.Ones(2, 5, 3).MatMul(Tensor.Ones(3, 3, 2)));
        Assert.Equal("BroadcastShapeMismatch", e.ErrorId);
        Assert.Contains("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0", e.Message);
    }

    [Fact]
    public void MatMulRefuses0d() =>
        Throws<ShapeMismatchException>(() => Tensor.Scalar(1).MatMul(Tensor.Ones(3)), "MatMulRank", "both arguments to matmul need to be at least 1D, but they are 0D and 1D");

    [Fact]
    public void MatMulRefusesMixedDTypes()
    {
        Throws<DTypeMismatchException>(() => Tensor.Ones(2, 3).MatMul(Tensor.Ones([3, 2], DType.Float64)), "MatMulDType", "expected scalar type Float but found Double");
        Throws<DTypeMismatchException>(() => Tensor.Ones(3).MatMul(Tensor.Ones([3], DType.Float64)), "MatMulDType", "dot : expected both vectors to have same dtype, but found Float and Double");
    }

    [Fact]
    public void MatMulRefusesBool() =>
        Throws<DTypeMismatchException>(() => Tensor.Ones([2, 3], DType.Bool).MatMul(Tensor.Ones([3, 2], DType.Bool)), "UnsupportedDType", "\"addmm_impl_cpu_\" not implemented for 'Bool'");

    [Fact]
    public void ProductRankMessages()
    {
        Throws<ShapeMismatchException>(() => Tensor.Ones(2, 3).Dot(Tensor.Ones(3)), "DotRank", "1D tensors expected, but got 2D and 1D tensors");
        Throws<ShapeMismatchException>(() => Tensor.Ones(3).Mm(Tensor.Ones(3, 2)), "MatMulRank", "self must be a matrix, got shape [3]");
        Throws<ShapeMismatchException>(() => Tensor.Ones(3, 2).Mv(Tensor.Ones(3, 2)), "MatMulRank", "vector + matrix @ vector expected, got 1, 2, 2");
        Throws<ShapeMismatchException>(() => Tensor.Ones(3, 2).Bmm(Tensor.Ones(3, 2)), "MatMulRank", "batch1 must be a 3D tensor, got shape [3, 2]");
        Throws<ShapeMismatchException>(() => Tensor.Ones(2, 3, 2).Bmm(Tensor.Ones(3, 2, 2)), "MatMulShape", "Expected size for first two dimensions of batch2 tensor to be: [2, 2] but got: [3, 2].");
        Throws<ShapeMismatchException>(() => Tensor.Ones(3, 2).Outer(Tensor.Ones(3)), "OuterRank", "outer: Expected 1-D argument self, but got 2-D");
    }

    [Fact]
    public void Int64MatMulIsExact()
    {
        long big = 3_000_000_001;
        var a = Tensor.From(new[,] { { big, 1L }, { 2L, big } });
        var r = a.MatMul(a).ToInt64Array();
        Assert.Equal(new[] { big * big + 2, 2 * big, 4 * big, big * big + 2 }, r);
    }

    [Fact]
    public void SingularInverseNamesTheZeroPivot()
    {
        Throws<NumericalException>(() => Tensor.From(new[,] { { 1.0, 2.0 }, { 2.0, 4.0 } }).Inv(), "SingularMatrix",
            "linalg.inv: The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular.");
        var batch = Tensor.From(new[, ,] { { { 1.0, 2.0 }, { 3.0, 4.0 } }, { { 1.0, 2.0 }, { 2.0, 4.0 } } });
        Throws<NumericalException>(() => batch.Inv(), "SingularMatrix",
            "linalg.inv: (Batch element 1): The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular.");
        Throws<NumericalException>(() => Tensor.From(new[,] { { 1.0, 2.0 }, { 2.0, 4.0 } }).Solve(Tensor.Ones([2], DType.Float64)), "SingularMatrix",
            "torch.linalg.solve: The solver failed because the input matrix is singular.");
    }

    [Fact]
    public void LinalgArgumentMessages()
    {
        Throws<ShapeMismatchException>(() => Tensor.Ones(2, 3).Inv(), "LinalgSquare", "linalg.inv: A must be batches of square matrices, but they are 2 by 3 matrices");
        Throws<DTypeMismatchException>(() => Tensor.Ones([2, 2], DType.Int64).Inv(), "LinalgDType", "linalg.inv: Expected a floating point or complex tensor as input. Got Long");
        Throws<ShapeMismatchException>(() => Tensor.Ones(2, 3).Det(), "LinalgSquare", "linalg.det: A must be batches of square matrices, but they are 2 by 3 matrices");
        Throws<ShapeMismatchException>(() => Tensor.Eye(2).Solve(Tensor.Ones(3)), "LinalgShape", "linalg.solve: Incompatible shapes of A and B for the equation AX = B (2x2 and 3x1)");
        Throws<DTypeMismatchException>(() => Tensor.Eye(2).Solve(Tensor.Ones([2, 1], DType.Float64)), "LinalgDType",
            "linalg.solve: Expected A and B to have the same dtype, but found A of type Float and B of type Double instead");
        var e = Assert.Throws<ShapeMismatchException>(() => Tensor.Ones(3, 2).Lstsq(Tensor.Ones(4, 1)));
        Assert.StartsWith("torch.linalg.lstsq: input.size(-2) should match other.size(-2)", e.Message);
    }

    [Fact]
    public void ClosedFormLinearRegressionAgreesWithLstsq()
    {
        // The tutorial's normal equations: w = (X^T X)^-1 X^T y, on noisy data from y = 2 x1 - 3 x2 + 0.5.
        var g = new Generator(42);
        var features = Tensor.Randn([50, 2], DType.Float64, g);
        var x = Tensor.Ones([50, 3], DType.Float64);
        x.Narrow(1, 0, 2).Copy_(features);
        var y = (features.MatMul(Tensor.From(new[] { 2.0, -3.0 })) + 0.5 + Tensor.Randn([50], DType.Float64, g) * 0.1).Unsqueeze(1);
        var closedForm = x.T.MatMul(x).Inv().MatMul(x.T).MatMul(y);
        var lstsq = x.Lstsq(y);
        Assert.True(closedForm.AllClose(lstsq, rtol: 1e-9, atol: 1e-10), "normal equations and lstsq disagree");
        Assert.True(lstsq.AllClose(Tensor.From(new[,] { { 2.0 }, { -3.0 }, { 0.5 } }, DType.Float64), atol: 0.1));
    }
}
