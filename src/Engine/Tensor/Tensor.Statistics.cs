using NNTools.Kernels;

namespace NNTools;

/// <summary>Variance, standard deviation, product, log-sum-exp, cumulative sum and product, each with its backward.</summary>
public sealed partial class Tensor
{
    /// <summary>Unbiased (N - 1) variance of all elements, as torch.var.</summary>
    public Tensor Var() => Var(null, 1.0);

    public Tensor Var(int dim, bool unbiased = true, bool keepDim = false) => Var([dim], unbiased ? 1.0 : 0.0, keepDim);

    public Tensor Var(int[]? dims, bool unbiased = true, bool keepDim = false) => Var(dims, unbiased ? 1.0 : 0.0, keepDim);

    /// <summary>
    /// sum((x - mean)^2) / max(0, N - correction) over <paramref name="dims"/> (all when null), where N
    /// is the number of elements reduced. correction 1 is the unbiased estimate, 0 the population
    /// variance. N - correction &lt;= 0 gives NaN or inf, as in PyTorch. Floating dtypes only.
    /// </summary>
    public Tensor Var(int[]? dims, double correction, bool keepDim = false)
    {
        var result = VarRaw(dims, correction, keepDim, root: false, out var rd, out double dof);
        return Record(result, "VarBackward0", [this],
            g => [ExpandReduced(g, rd, keepDim, Sizes) * (this - Mean(rd, keepDim: true)) * (2.0 / dof)]);
    }

    /// <summary>Unbiased standard deviation of all elements, as torch.std.</summary>
    public Tensor Std() => Std(null, 1.0);

    public Tensor Std(int dim, bool unbiased = true, bool keepDim = false) => Std([dim], unbiased ? 1.0 : 0.0, keepDim);

    public Tensor Std(int[]? dims, bool unbiased = true, bool keepDim = false) => Std(dims, unbiased ? 1.0 : 0.0, keepDim);

    /// <summary>
    /// sqrt(Var(dims, correction)), computed without squaring large deviations, so a float32 std near
    /// 1e20 stays finite. Its gradient (x - mean) / (dof * std) is taken as 0 where the standard
    /// deviation is 0 (constant rows), as PyTorch does, instead of NaN.
    /// </summary>
    public Tensor Std(int[]? dims, double correction, bool keepDim = false)
    {
        var result = VarRaw(dims, correction, keepDim, root: true, out var rd, out double dof);
        return Record(result, "StdBackward0", [this], g =>
        {
            var scale = Where(result.Eq(0.0), ZerosLike(g), g / (result * dof));
            return [ExpandReduced(scale, rd, keepDim, Sizes) * (this - Mean(rd, keepDim: true))];
        }, result);
    }

    /// <summary>The standard deviation (<paramref name="root"/>) or variance of each reduced row, in double, rounded once to the dtype.</summary>
    private Tensor VarRaw(int[]? dims, double correction, bool keepDim, bool root, out int[] rd, out double dof)
    {
        if (!DType.IsFloating())
        {
            throw Raise(new DTypeMismatchException("VarDType", $"std and var only support floating point and complex dtypes; got {DType.TorchName()}"));
        }
        rd = ReductionDims(dims);
        var src = RowsForReduction(rd, out int rows, out int len);
        var result = Empty(ReducedShape(rd, keepDim), DType);
        dof = Math.Max(0.0, len - correction);
        StatisticsKernels.VarRows(src, rows, len, dof, root, result);
        return result;
    }

    /// <summary>Product of all elements; integers and bools multiply to int64.</summary>
    public Tensor Prod(DType? dtype = null) => ProdCore(ReductionDims(null), false, dtype);

    /// <summary>Product over one dim, as torch.prod(input, dim, keepdim).</summary>
    public Tensor Prod(int dim, bool keepDim = false, DType? dtype = null) => ProdCore([Shapes.WrapDim(dim, Ndim)], keepDim, dtype);

    /// <summary>
    /// The backward multiplies the incoming gradient by the product of the other elements of the
    /// row (prefix times suffix products), so it is exact when elements are zero, where
    /// result / x would give NaN.
    /// </summary>
    private Tensor ProdCore(int[] rd, bool keepDim, DType? dtype)
    {
        var outType = dtype ?? (DType.IsFloating() ? DType : DType.Int64);
        if (outType == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "prod cannot produce a bool tensor"));
        // A narrow integer product is the int64 product wrapped (products agree modulo 2^k).
        if (outType is DType.Int32 or DType.UInt8) return ProdCore(rd, keepDim, DType.Int64).CastRaw(outType);
        if (Ndim == 0) rd = [];
        var src = CastRaw(outType).RowsForReduction(rd, out int rows, out int len);
        var result = Empty(ReducedShape(rd, keepDim), outType);
        StatisticsKernels.ProdRows(src, rows, len, result);
        return Record(result, "ProdBackward0", [this], g =>
        {
            RefuseDoubleBackward("ProdBackward0");
            var others = Empty([rows * len], outType);
            StatisticsKernels.ProdOtherRows(src, rows, len, others);
            return [ExpandReduced(g, rd, keepDim, Sizes) * FromRows(others, rd)];
        });
    }

    public Tensor LogSumExp(int dim, bool keepDim = false) => LogSumExp([dim], keepDim);

    /// <summary>
    /// log(sum(exp(x))) over <paramref name="dims"/>, computed with the row maximum subtracted so
    /// large inputs do not overflow. Integer input is computed in float32, as PyTorch does. The
    /// gradient is softmax: g * exp(x - result).
    /// </summary>
    public Tensor LogSumExp(int[] dims, bool keepDim = false)
    {
        var x = DType.IsFloating() ? this : CastRaw(DTypes.DefaultFloat);
        var rd = x.ReductionDims(dims);
        var src = x.RowsForReduction(rd, out int rows, out int len);
        var result = Empty(ReducedShape(rd, keepDim), x.DType);
        StatisticsKernels.LogSumExpRows(src, rows, len, result);
        var shape = Sizes;
        return Record(result, "LogsumexpBackward0", [this],
            g => [ExpandReduced(g, rd, keepDim, shape) * (this - ExpandReduced(result, rd, keepDim, shape)).Exp()], result);
    }

    /// <summary>
    /// Running sum along <paramref name="dim"/>, as torch.cumsum; integers and bools sum to int64.
    /// The gradient is the running sum of the gradient taken from the end.
    /// </summary>
    public Tensor CumSum(int dim, DType? dtype = null) =>
        CumSumCore(Shapes.WrapDim(dim, Ndim), dtype ?? (DType.IsFloating() ? DType : DType.Int64), reverse: false);

    /// <summary>
    /// Running product along <paramref name="dim"/>, as torch.cumprod; integers and bools multiply
    /// to int64. The gradient of x[k] is sum over j &gt;= k of g[j] times the product of x[0..j]
    /// without x[k], formed from prefix and running products, so it stays exact where x holds zeros.
    /// </summary>
    public Tensor CumProd(int dim, DType? dtype = null)
    {
        int d = Shapes.WrapDim(dim, Ndim);
        var outType = dtype ?? (DType.IsFloating() ? DType : DType.Int64);
        if (outType == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "cumprod cannot produce a bool tensor"));
        if (outType is DType.Int32 or DType.UInt8) return CumProd(dim, DType.Int64).CastRaw(outType);
        int[] rd = Ndim == 0 ? [] : [d];
        var src = CastRaw(outType).RowsForReduction(rd, out int rows, out int len);
        var products = Empty([rows * len], outType);
        StatisticsKernels.CumProdRows(src, rows, len, products);
        var result = FromRows(products, rd);
        return Record(result, "CumprodBackward0", [this], g =>
        {
            RefuseDoubleBackward("CumprodBackward0");
            var gRows = g.CastRaw(outType).RowsForReduction(rd, out _, out _);
            var grad = Empty([rows * len], outType);
            StatisticsKernels.CumProdGradRows(src, gRows, rows, len, grad);
            return [FromRows(grad, rd)];
        });
    }

    private Tensor CumSumCore(int dim, DType outType, bool reverse)
    {
        if (outType == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "cumsum cannot produce a bool tensor"));
        if (outType is DType.Int32 or DType.UInt8) return CumSumCore(dim, DType.Int64, reverse).CastRaw(outType);
        int[] rd = Ndim == 0 ? [] : [dim];
        var src = CastRaw(outType).RowsForReduction(rd, out int rows, out int len);
        var sums = Empty([rows * len], outType);
        StatisticsKernels.CumSumRows(src, rows, len, sums, reverse);
        var result = FromRows(sums, rd);
        return Record(result, "CumsumBackward0", [this], g => [g.CumSumCore(dim, g.DType, !reverse)]);
    }
}
