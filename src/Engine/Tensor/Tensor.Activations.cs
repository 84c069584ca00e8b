namespace NNTools;

/// <summary>Activation functions beyond the elementwise basics, with fused stable kernels where they pay.</summary>
public sealed partial class Tensor
{
    /// <summary>x where x &gt;= 0, slope * x elsewhere.</summary>
    public Tensor LeakyRelu(double negativeSlope = 0.01)
    {
        RequireFloating(DType, "leaky_relu");
        var positive = Gt(0.0);
        var result = Where(positive, this, this * negativeSlope);
        return result;
    }

    /// <summary>
    /// exp(x - max) / sum(exp(x - max)) along <paramref name="dim"/>. Subtracting the row maximum keeps
    /// exp from overflowing. Backward: y * (g - sum(g * y, dim)).
    /// </summary>
    public Tensor Softmax(int dim)
    {
        RequireFloating(DType, "softmax");
        int d = Shapes.WrapDim(dim, Ndim);
        var result = SoftmaxKernel(this, d, log: false);
        return Record(result, "SoftmaxBackward0", [this], g => [result * (g - (g * result).Sum(d, keepDim: true))], result);
    }

    /// <summary>
    /// x - max - log(sum(exp(x - max))) along <paramref name="dim"/>, stable for large inputs.
    /// Backward: g - exp(y) * sum(g, dim).
    /// </summary>
    public Tensor LogSoftmax(int dim)
    {
        RequireFloating(DType, "log_softmax");
        int d = Shapes.WrapDim(dim, Ndim);
        var result = SoftmaxKernel(this, d, log: true);
        return Record(result, "LogSoftmaxBackward0", [this], g => [g - result.Exp() * g.Sum(d, keepDim: true)], result);
    }

    private static Tensor SoftmaxKernel(Tensor x, int dim, bool log)
    {
        // A 0-d tensor is a row of one: softmax(inf) is NaN there as in any row, not 1.
        if (x.Ndim == 0) return SoftmaxKernel(x.Detach().Reshape(1), 0, log).Reshape();
        var moved = x.Detach().Transpose(dim, -1).ContiguousCopy();
        int len = moved.Size(-1);
        int rows = len == 0 ? 0 : moved.Numel() / len;
        Kernels.StatisticsKernels.SoftmaxRows(moved, rows, len, log);
        return moved.Transpose(dim, -1).ContiguousCopy();
    }
}
