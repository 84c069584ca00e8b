using NNTools.Autograd;

namespace NNTools;

/// <summary>
/// beta * input + alpha * (a product), as torch.addmm, baddbmm and addmv. With beta 0 the input
/// is ignored, so NaN or inf in it does not reach the result (it still has to broadcast).
/// </summary>
public sealed partial class Tensor
{
    /// <summary>beta * this + alpha * (mat1 @ mat2) for matrices [n, k] and [k, m]; this broadcasts to [n, m].</summary>
    public Tensor Addmm(Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1)
    {
        ThrowIfNull(mat1);
        ThrowIfNull(mat2);
        return AddProduct("addmm", "AddmmBackward0", mat1, mat2, beta, alpha, mat1.Mm, g => g.Mm(mat2.t()), g => mat1.t().Mm(g));
    }

    /// <summary>beta * this + alpha * (batch1 @ batch2) for batches [b, n, k] and [b, k, m]; this broadcasts to [b, n, m].</summary>
    public Tensor Baddbmm(Tensor batch1, Tensor batch2, double beta = 1, double alpha = 1)
    {
        ThrowIfNull(batch1);
        ThrowIfNull(batch2);
        return AddProduct("baddbmm", "BaddbmmBackward0", batch1, batch2, beta, alpha, batch1.Bmm, g => g.Bmm(batch2.MT), g => batch1.MT.Bmm(g));
    }

    /// <summary>beta * this + alpha * (mat @ vec) for a matrix [n, k] and a vector [k]; this broadcasts to [n].</summary>
    public Tensor Addmv(Tensor mat, Tensor vec, double beta = 1, double alpha = 1)
    {
        ThrowIfNull(mat);
        ThrowIfNull(vec);
        return AddProduct("addmv", "AddmvBackward0", mat, vec, beta, alpha, mat.Mv, g => g.Outer(vec), g => mat.t().Mv(g));
    }

    /// <summary>
    /// One node for the three: the product is taken without autograd, and the backward gives
    /// beta * g to the input (summed to its shape) and alpha times the product's gradients.
    /// </summary>
    private Tensor AddProduct(string op, string node, Tensor a, Tensor b, double beta, double alpha,
        Func<Tensor, Tensor> product, Func<Tensor, Tensor> gradA, Func<Tensor, Tensor> gradB)
    {
        Tensor prod, result;
        using (GradMode.NoGrad())
        {
            prod = product(b);
            if (DType != prod.DType)
            {
                throw Raise(new DTypeMismatchException("MatMulDType", $"{op}(): input ({DType.TorchName()}) and the product ({prod.DType.TorchName()}) must have the same dtype"));
            }
            if (!DType.IsFloating() && (beta != Math.Floor(beta) || alpha != Math.Floor(alpha)))
            {
                throw Raise(new DTypeMismatchException("FloatAlpha", $"For integral input tensors, arguments beta ({beta}) and alpha ({alpha}) must be whole numbers ({DType.TorchName()} inputs)"));
            }
            var input = ExpandRaw(prod.Sizes);
            var scaled = alpha == 1 ? prod : Scaled(prod, alpha);
            result = beta == 0 ? scaled.ContiguousCopy() : (beta == 1 ? input : Scaled(input, beta)) + scaled;
        }
        return Record(result, node, [this, a, b], g =>
        [
            GradFor(this, () => beta == 1 ? g : Scaled(g, beta)),
            GradFor(a, () => alpha == 1 ? gradA(g) : Scaled(gradA(g), alpha)),
            GradFor(b, () => alpha == 1 ? gradB(g) : Scaled(gradB(g), alpha)),
        ]);
    }
}
