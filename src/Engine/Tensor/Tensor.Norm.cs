using NNTools.Autograd;

namespace NNTools;

/// <summary>Vector norms over all elements or chosen dims, as torch.norm, with gradients that are 0 (not NaN) at 0.</summary>
public sealed partial class Tensor
{
    public Tensor Norm(double p, int dim, bool keepDim = false) => Norm(p, [dim], keepDim);

    /// <summary>
    /// The vector p-norm (sum |x|^p)^(1/p) over <paramref name="dims"/> (all when null):
    /// p = 2 (default) Euclidean, 1 the sum of magnitudes, +inf the largest magnitude, -inf the
    /// smallest, 0 the count of non-zero elements. Floating dtypes only. At a zero norm the
    /// gradient is 0, as PyTorch's norm_backward masks it.
    /// </summary>
    public Tensor Norm(double p = 2, int[]? dims = null, bool keepDim = false)
    {
        if (!DType.IsFloating())
        {
            throw Raise(new DTypeMismatchException("NormDType",
                $"norm(): input dtype should be either floating point or complex. Got {DType.ScalarTypeName()} instead."));
        }
        var rd = ReductionDims(dims);
        Tensor result;
        using (GradMode.NoGrad())
        {
            var a = Abs();
            result = p switch
            {
                double.PositiveInfinity => a.ExtremeRows(rd, keepDim, min: false, out _),
                double.NegativeInfinity => a.ExtremeRows(rd, keepDim, min: true, out _),
                0 => Ne(0.0).Sum(rd, keepDim, DType),
                1 => a.Sum(rd, keepDim),
                2 => (this * this).Sum(rd, keepDim).Sqrt(),
                _ => a.Pow(p).Sum(rd, keepDim).Pow(1.0 / p),
            };
        }
        var shape = Sizes;
        return Record(result, "NormBackward1", [this], g =>
        {
            var ge = ExpandReduced(g, rd, keepDim, shape);
            var n = ExpandReduced(result, rd, keepDim, shape);
            return [p switch
            {
                0 => ZerosLike(this),
                1 => ge * Sign(),
                2 => this * Where(n.Eq(0.0), ZerosLike(ge), ge / n),
                double.PositiveInfinity or double.NegativeInfinity => NormInfGrad(ge, n, rd),
                _ => this * Abs().Pow(p - 2) * Where(n.Eq(0.0), ZerosLike(ge), ge / n.Pow(p - 1)),
            }];
        }, result);
    }

    /// <summary>
    /// Norm with p given by name: "fro" is the Frobenius norm, the 2-norm over the given dims (all when
    /// null); numbers as strings ("1", "2", "inf", "-inf") are accepted too. The nuclear norm is not supported.
    /// </summary>
    public Tensor Norm(string p, int[]? dims = null, bool keepDim = false)
    {
        var name = p.Trim().ToLowerInvariant();
        double value = name switch
        {
            "fro" => 2,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            _ when double.TryParse(name, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) => v,
            _ => throw Raise(new TensorArgumentException("NormOrder", $"norm(): unsupported norm type '{p}'; expected 'fro', 'inf', '-inf' or a number")),
        };
        if (name == "fro" && dims is { Length: > 2 })
        {
            throw Raise(new TensorArgumentException("NormOrder", $"norm(): the Frobenius norm takes at most 2 dims, got {Shapes.Format(dims)}"));
        }
        return Norm(value, dims, keepDim);
    }

    /// <summary>The gradient of the infinity norms: sign(x) g shared evenly by the elements whose magnitude equals the norm.</summary>
    private Tensor NormInfGrad(Tensor g, Tensor n, int[] rd)
    {
        var hit = Abs().Eq(n);
        var count = hit.Sum(rd, keepDim: true);
        return Sign() * hit * g / count;
    }
}
