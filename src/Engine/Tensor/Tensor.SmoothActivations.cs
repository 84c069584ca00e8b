namespace NNTools;

/// <summary>
/// The smooth activations of modern networks (GELU, SiLU, ELU, Softplus, Mish) and Hardtanh. Each
/// forward is composed from elementwise ops outside the graph and recorded as one node whose
/// backward is torch's own formula, so grad_fn names and gradients match torch's, including at
/// the kinks (ELU and Hardtanh at their thresholds).
/// </summary>
public sealed partial class Tensor
{
    private const double Sqrt1Over2 = 0.70710678118654752440;

    // √2 · 2/√π · 0.5 = √(2/π), torch's kBeta for the tanh approximation.
    private const double GeluBeta = 1.41421356237309504880 * 1.12837916709551257390 * 0.5;
    private const double GeluKappa = 0.044715;

    /// <summary>
    /// x Φ(x) = x/2 (1 + erf(x/√2)), as torch's gelu; <paramref name="approximate"/> "tanh" uses
    /// x/2 (1 + tanh(√(2/π)(x + 0.044715 x³))) instead. Floating tensors only.
    /// </summary>
    public Tensor Gelu(string approximate = "none")
    {
        bool tanh = approximate switch
        {
            "none" => false,
            "tanh" => true,
            _ => throw Raise(new TensorArgumentException("InvalidApproximate", $"approximate argument must be either none or tanh, got '{approximate}'")),
        };
        RequireFloatingActivation("GeluKernelImpl");
        Tensor result;
        using (Autograd.GradMode.NoGrad())
        {
            result = tanh
                ? 0.5 * this * (1L + (GeluBeta * (this + GeluKappa * (this * this * this))).Tanh())
                : this * 0.5 * (1L + (this * Sqrt1Over2).Erf());
        }
        return Record(result, "GeluBackward0", [this], g => [tanh ? GeluTanhGrad(g, this) : GeluGrad(g, this)], this);
    }

    private static Tensor GeluGrad(Tensor g, Tensor x)
    {
        // 2/√π · 1/√2 · 0.5 = 1/√(2π): the normal density's constant.
        const double alpha = 1.12837916709551257390 * Sqrt1Over2 * 0.5;
        var cdf = 0.5 * (1L + (x * Sqrt1Over2).Erf());
        var pdf = alpha * (-0.5 * x * x).Exp();
        return g * (cdf + x * pdf);
    }

    private static Tensor GeluTanhGrad(Tensor g, Tensor x)
    {
        var squared = x * x;
        var inner = (GeluBeta * (x + GeluKappa * (squared * x))).Tanh();
        var left = 0.5 * x;
        var leftDerivative = 0.5 * (1L + inner);
        var tanhDerivative = 1L - inner * inner;
        var innerDerivative = GeluBeta * (1L + 3 * GeluKappa * squared);
        return g * (leftDerivative + left * tanhDerivative * innerDerivative);
    }

    /// <summary>x σ(x) = x / (1 + e^-x), as torch's silu (swish). Floating tensors only.</summary>
    public Tensor Silu()
    {
        RequireFloatingActivation("silu_cpu");
        Tensor result;
        using (Autograd.GradMode.NoGrad()) result = this / (1L + (-this).Exp());
        return Record(result, "SiluBackward0", [this], g =>
        {
            var sigmoid = 1L / (1L + (-this).Exp());
            return [g * sigmoid * (1L + this * (1L - sigmoid))];
        }, this);
    }

    /// <summary>x for x &gt; 0, α (e^x - 1) elsewhere, as torch's elu. Floating tensors only.</summary>
    public Tensor Elu(double alpha = 1.0)
    {
        RequireFloatingActivation("elu_cpu");
        Tensor result;
        using (Autograd.GradMode.NoGrad()) result = Where(Gt(0L), this, (Exp() - 1L) * alpha);
        // At x = 0 the gradient is α, from the negative branch, as torch's elu_backward (x <= 0).
        return Record(result, "EluBackward0", [this], g => [Where(Gt(0L), g, g * alpha * Exp())], this);
    }

    /// <summary>
    /// log(1 + e^(βx)) / β, and x itself where βx &gt; <paramref name="threshold"/> (where the two agree
    /// to the float's precision), as torch's softplus. Floating tensors only.
    /// </summary>
    public Tensor Softplus(double beta = 1.0, double threshold = 20.0)
    {
        RequireFloatingActivation("softplus_cpu");
        Tensor result;
        using (Autograd.GradMode.NoGrad())
        {
            var scaled = this * beta;
            result = Where(scaled.Gt(threshold), this, scaled.Exp().Log1p() / beta);
        }
        return Record(result, "SoftplusBackward0", [this], g =>
        {
            var scaled = this * beta;
            var z = scaled.Exp();
            return [Where(scaled.Gt(threshold), g, g * z / (z + 1L))];
        }, this);
    }

    /// <summary>
    /// Clamps to [minVal, maxVal], as torch's hardtanh; integer tensors keep their dtype, bool is
    /// refused. The gradient is zero at the bounds themselves (torch's hardtanh_backward), unlike Clamp's.
    /// </summary>
    public Tensor Hardtanh(double minVal = -1.0, double maxVal = 1.0)
    {
        if (DType == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", "Bool inputs not supported for hardtanh"));
        Tensor result;
        using (Autograd.GradMode.NoGrad()) result = Clamp(minVal, maxVal).To(DType);
        return Record(result, "HardtanhBackward0", [this], g => [Where(Le(minVal).LogicalOr(Ge(maxVal)), ZerosLike(g), g)], this);
    }

    /// <summary>x tanh(softplus(x)) = x tanh(log(1 + e^x)), as torch's mish. Floating tensors only.</summary>
    public Tensor Mish()
    {
        RequireFloatingActivation("mish_cpu");
        Tensor result;
        using (Autograd.GradMode.NoGrad()) result = this * Exp().Log1p().Tanh();
        return Record(result, "MishBackward0", [this], g =>
        {
            var sigmoid = 1L / (1L + (-this).Exp());
            var tanhSoftplus = Exp().Log1p().Tanh();
            return [g * (tanhSoftplus + this * sigmoid * (1L - tanhSoftplus * tanhSoftplus))];
        }, this);
    }

    private void RequireFloatingActivation(string kernel)
    {
        if (!DType.IsFloating()) throw Raise(new DTypeMismatchException("UnsupportedDType", $"\"{kernel}\" not implemented for '{ScalarTypeName(DType)}'"));
    }
}
