using NNTools.NN;

namespace NNTools.Tests.Differential;

/// <summary>The ops of families_elementwise.py: the rest of the elementwise math, the smooth activations and the newer losses.</summary>
[DifferentialOpSet]
internal static class ElementwiseOps
{
    public static void Register(Dictionary<string, DifferentialOps.Op> t)
    {
        t["ew_log1p"] = (x, _) => x[0].Log1p();
        t["ew_expm1"] = (x, _) => x[0].Expm1();
        t["ew_log2"] = (x, _) => x[0].Log2();
        t["ew_log10"] = (x, _) => x[0].Log10();
        t["ew_tan"] = (x, _) => x[0].Tan();
        t["ew_asin"] = (x, _) => x[0].Asin();
        t["ew_acos"] = (x, _) => x[0].Acos();
        t["ew_atan"] = (x, _) => x[0].Atan();
        t["ew_sinh"] = (x, _) => x[0].Sinh();
        t["ew_cosh"] = (x, _) => x[0].Cosh();
        t["ew_trunc"] = (x, _) => x[0].Trunc();
        t["ew_fix"] = (x, _) => x[0].Fix();
        t["ew_erf"] = (x, _) => x[0].Erf();
        t["ew_erfc"] = (x, _) => x[0].Erfc();
        t["ew_erfinv"] = (x, _) => x[0].Erfinv();
        t["ew_isinf"] = (x, _) => x[0].IsInf();
        t["ew_isposinf"] = (x, _) => x[0].IsPosInf();
        t["ew_isneginf"] = (x, _) => x[0].IsNegInf();

        // In place on a copy outside any graph, as the generator's x.detach().clone().op_().
        t["ew_log1p_"] = (x, _) => x[0].Detach().Clone().Log1p_();
        t["ew_expm1_"] = (x, _) => x[0].Detach().Clone().Expm1_();
        t["ew_tan_"] = (x, _) => x[0].Detach().Clone().Tan_();
        t["ew_atan_"] = (x, _) => x[0].Detach().Clone().Atan_();
        t["ew_trunc_"] = (x, _) => x[0].Detach().Clone().Trunc_();
        t["ew_erf_"] = (x, _) => x[0].Detach().Clone().Erf_();
        t["ew_erfinv_"] = (x, _) => x[0].Detach().Clone().Erfinv_();
        t["ew_sinh_"] = (x, _) => x[0].Detach().Clone().Sinh_();

        t["ew_atan2"] = (x, _) => x[0].Atan2(x[1]);
        t["ew_floor_divide"] = (x, _) => x[0].FloorDivide(x[1]);
        t["ew_floor_divide_scalar"] = (x, k) => k.Num("s") switch
        {
            long l => x[0].FloorDivide(l),
            double d => x[0].FloorDivide(d),
            var b => x[0].FloorDivide((Tensor)(bool)b),
        };
        t["ew_lerp"] = (x, k) => x[0].Lerp(x[1], k.Double("w"));
        t["ew_lerp_tensor"] = (x, _) => x[0].Lerp(x[1], x[2]);
        t["ew_clip"] = (x, k) => x[0].Clip(k.Has("min") ? k.Double("min") : null, k.Has("max") ? k.Double("max") : null);

        t["ew_gelu"] = (x, k) => x[0].Gelu(k.Str("approximate"));
        t["ew_silu"] = (x, _) => x[0].Silu();
        t["ew_elu"] = (x, k) => x[0].Elu(k.Double("alpha"));
        t["ew_softplus"] = (x, k) => x[0].Softplus(k.Double("beta"), k.Double("threshold"));
        t["ew_hardtanh"] = (x, k) => x[0].Hardtanh(k.Double("min"), k.Double("max"));
        t["ew_mish"] = (x, _) => x[0].Mish();

        t["ew_kl_div"] = (x, k) => Functional.KLDiv(x[0], x[1], Reduce(k), k.Bool("log_target"));
        t["ew_poisson_nll"] = (x, k) => Functional.PoissonNllLoss(x[0], x[1], k.Bool("log_input"), k.Bool("full"), k.Double("eps"), Reduce(k));
        t["ew_gaussian_nll"] = (x, k) => Functional.GaussianNllLoss(x[0], x[1], x[2], k.Bool("full"), k.Double("eps"), Reduce(k));
        t["ew_cosine_embedding"] = (x, k) => Functional.CosineEmbeddingLoss(x[0], x[1], x[2], k.Double("margin"), Reduce(k));
        t["ew_margin_ranking"] = (x, k) => Functional.MarginRankingLoss(x[0], x[1], x[2], k.Double("margin"), Reduce(k));
    }

    private static Reduction Reduce(Kw k) => k.Str("reduction") switch
    {
        "mean" => Reduction.Mean,
        "sum" => Reduction.Sum,
        "none" => Reduction.None,
        _ => Reduction.BatchMean,
    };
}
