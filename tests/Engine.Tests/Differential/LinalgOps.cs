using System.Text.Json;

namespace NNTools.Tests.Differential;

/// <summary>
/// The replay of families_linalg.py: torch.linalg's norms and decompositions. The decompositions return
/// the same sign-invariant quantities the generator records (squared vector entries, reconstructions,
/// projectors), computed from the engine's factors by the same tensor ops, so gradients flow through
/// the engine's decomposition backward exactly as torch's do.
/// </summary>
[DifferentialOpSet]
internal static class LinalgOps
{
    public static void Register(Dictionary<string, DifferentialOps.Op> t)
    {
        // torch factors float32 matrices with float32 LAPACK; the engine factors in double. The factors'
        // float32 rounding, amplified by the backward formulas' divisions by gaps between singular values
        // or eigenvalues, leaves differences up to about 1e-5 of the tensor's scale: ten times the usual bounds.
        foreach (var op in (string[])["la_svd", "la_svdvals", "la_qr", "la_eigh", "la_eigvalsh", "la_cholesky", "la_pinv"])
        {
            DifferentialOps.Float32Slack[op] = 10;
        }
        t["la_vector_norm"] = (x, k) => x[0].VectorNorm(Order(k) is double p ? p : 2, Dims(k), KeepDim(k));
        t["la_matrix_norm"] = (x, k) => Order(k) switch
        {
            string name => x[0].MatrixNorm(name, Dims(k), KeepDim(k)),
            double p => x[0].MatrixNorm(p, Dims(k), KeepDim(k)),
            _ => x[0].MatrixNorm("fro", Dims(k), KeepDim(k)),
        };
        t["la_norm"] = (x, k) => Order(k) switch
        {
            string name => Linalg.Norm(x[0], name, Dims(k), KeepDim(k)),
            double p => Linalg.Norm(x[0], p, Dims(k), KeepDim(k)),
            _ => Linalg.Norm(x[0], (double?)null, Dims(k), KeepDim(k)),
        };
        t["la_svd"] = (x, k) => SvdOutputs(x[0], k.Bool("full_matrices"));
        t["la_svdvals"] = (x, _) => x[0].Svdvals();
        t["la_qr"] = (x, k) => QrOutputs(x[0], k.Str("mode"));
        t["la_eigh"] = (x, k) => EighOutputs(x[0], k.Str("uplo"));
        t["la_eigvalsh"] = (x, k) => x[0].Eigvalsh(k.Str("uplo"));
        t["la_cholesky"] = (x, k) => x[0].Cholesky(k.Bool("upper"));
        t["la_pinv"] = (x, k) => x[0].Pinv(k.Has("atol") ? k.Double("atol") : null, k.Has("rtol") ? k.Double("rtol") : null, k.Bool("hermitian"));
    }

    private static Tensor[] SvdOutputs(Tensor a, bool full)
    {
        var (u, s, vh) = a.Svd(full);
        int kk = s.Shape[^1];
        Tensor uk = u.Narrow(-1, 0, kk), vhk = vh.Narrow(-2, 0, kk);
        var outs = new List<Tensor> { s, uk * uk, vhk * vhk, (uk * s.Unsqueeze(-2)).MatMul(vhk) };
        if (full)
        {
            var uc = u.Narrow(-1, kk, u.Shape[^1] - kk);
            var vc = vh.Narrow(-2, kk, vh.Shape[^2] - kk);
            outs.Add(uc.MatMul(uc.MT));
            outs.Add(vc.MT.MatMul(vc));
        }
        return [.. outs];
    }

    private static Tensor[] QrOutputs(Tensor a, string mode)
    {
        var (q, r) = a.Qr(mode);
        if (mode == "r") return [q, r * r];
        int kk = Math.Min(a.Shape[^2], a.Shape[^1]);
        var qk = q.Narrow(-1, 0, kk);
        var outs = new List<Tensor> { qk * qk, r * r, q.MatMul(r) };
        if (mode == "complete")
        {
            var qc = q.Narrow(-1, kk, q.Shape[^1] - kk);
            outs.Add(qc.MatMul(qc.MT));
        }
        return [.. outs];
    }

    private static Tensor[] EighOutputs(Tensor a, string uplo)
    {
        var (l, v) = a.Eigh(uplo);
        return [l, v * v, (v * l.Unsqueeze(-2)).MatMul(v.MT)];
    }

    /// <summary>The order: a name ("fro", "nuc"), a number (inf and -inf travel as strings), or null.</summary>
    private static object? Order(Kw k)
    {
        if (!k.Has("ord")) return null;
        var raw = k.Raw("ord");
        if (raw.ValueKind != JsonValueKind.String) return k.Double("ord");
        return raw.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var name => name,
        };
    }

    private static int[]? Dims(Kw k) => k.Has("dim") ? k.Ints("dim") : null;

    private static bool KeepDim(Kw k) => k.Has("keepdim") && k.Bool("keepdim");
}
