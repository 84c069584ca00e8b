namespace NNTools.Tests.Differential;

/// <summary>The replay's ops for families_shape.py: reductions, sorting, shape ops, scatter and einsum.</summary>
[DifferentialOpSet]
internal static class ShapeOps
{
    public static void Register(Dictionary<string, DifferentialOps.Op> t)
    {
        static bool Keep(Kw k) => k.Bool("keepdim");
        static int[] Dims(Kw k) => k.IsList("dim") ? k.Ints("dim") : [k.Int("dim")];
        static Tensor[] Pair(ValuesIndices r) => [r.Values, r.Indices];
        static int? Dim(Kw k) => k.Has("dim") ? k.Int("dim") : null;

        t["shp_amax"] = (x, k) => x[0].Amax(Dims(k), Keep(k));
        t["shp_amin"] = (x, k) => x[0].Amin(Dims(k), Keep(k));
        t["shp_cumprod"] = (x, k) => x[0].CumProd(k.Int("dim"));
        t["shp_median_all"] = (x, _) => x[0].Median();
        t["shp_median"] = (x, k) => Pair(x[0].Median(k.Int("dim"), Keep(k)));
        t["shp_median_values"] = (x, k) => x[0].Median(k.Int("dim"), Keep(k)).Values;
        t["shp_mode"] = (x, k) => Pair(x[0].Mode(k.Int("dim"), Keep(k)));
        t["shp_mode_values"] = (x, k) => x[0].Mode(k.Int("dim"), Keep(k)).Values;
        t["shp_unique"] = (x, k) => Unique(x[0].Unique(true, k.Bool("inv"), k.Bool("cnt"), Dim(k)));
        t["shp_unique_consecutive"] = (x, k) => Unique(x[0].UniqueConsecutive(k.Bool("inv"), k.Bool("cnt"), Dim(k)));

        t["shp_sort"] = (x, k) => Pair(x[0].Sort(k.Int("dim"), k.Bool("desc"), k.Bool("stable")));
        t["shp_sort_values"] = (x, k) => x[0].Sort(k.Int("dim"), k.Bool("desc")).Values;
        t["shp_argsort"] = (x, k) => x[0].Argsort(k.Int("dim"), k.Bool("desc"));
        t["shp_topk"] = (x, k) => Pair(x[0].Topk(k.Int("k"), k.Int("dim"), k.Bool("largest")));
        t["shp_topk_values"] = (x, k) => x[0].Topk(k.Int("k"), k.Int("dim"), k.Bool("largest")).Values;
        t["shp_topk_unsorted"] = (x, k) => x[0].Topk(k.Int("k"), k.Int("dim"), k.Bool("largest"), sorted: false).Values.Sort(k.Int("dim")).Values;
        t["shp_kthvalue"] = (x, k) => Pair(x[0].Kthvalue(k.Int("k"), k.Int("dim"), Keep(k)));
        t["shp_kthvalue_values"] = (x, k) => x[0].Kthvalue(k.Int("k"), k.Int("dim"), Keep(k)).Values;

        t["shp_tril"] = (x, k) => x[0].Tril(k.Int("diagonal"));
        t["shp_triu"] = (x, k) => x[0].Triu(k.Int("diagonal"));
        t["shp_diag"] = (x, k) => x[0].Diag(k.Int("diagonal"));
        t["shp_diagonal"] = (x, k) => x[0].Diagonal(k.Int("offset"), k.Int("dim1"), k.Int("dim2"));
        t["shp_trace"] = (x, _) => x[0].Trace();
        t["shp_roll"] = (x, k) => !k.Has("dims") ? x[0].Roll(k.Int("shifts"))
            : k.IsList("dims") ? x[0].Roll(k.Ints("shifts"), k.Ints("dims")) : x[0].Roll(k.Int("shifts"), k.Int("dims"));
        t["shp_tile"] = (x, k) => x[0].Tile(k.Ints("reps"));
        t["shp_movedim"] = (x, k) => k.IsList("src") ? x[0].Movedim(k.Ints("src"), k.Ints("dst")) : x[0].Movedim(k.Int("src"), k.Int("dst"));
        t["shp_swapaxes"] = (x, k) => x[0].Swapaxes(k.Int("a"), k.Int("b"));
        t["shp_narrow"] = (x, k) => x[0].Narrow(k.Int("dim"), k.Int("start"), k.Int("length"));
        t["shp_unflatten"] = (x, k) => x[0].Unflatten(k.Int("dim"), k.Ints("sizes"));
        t["shp_take"] = (x, _) => x[0].Take(x[1]);

        t["shp_scatter"] = (x, k) => x[0].Scatter(k.Int("dim"), x[1], x[2]);
        t["shp_scatter_value"] = (x, k) => x[0].Scatter(k.Int("dim"), x[1], k.Double("value"));
        t["shp_scatter_inplace"] = (x, k) => x[0].Detach().Clone().Scatter_(k.Int("dim"), x[1], x[2]);
        t["shp_index_add"] = (x, k) => x[0].IndexAdd(k.Int("dim"), x[1], x[2], k.Double("alpha"));
        t["shp_index_copy"] = (x, k) => x[0].IndexCopy(k.Int("dim"), x[1], x[2]);
        t["shp_addmm"] = (x, k) => x[0].Addmm(x[1], x[2], k.Double("beta"), k.Double("alpha"));
        t["shp_baddbmm"] = (x, k) => x[0].Baddbmm(x[1], x[2], k.Double("beta"), k.Double("alpha"));
        t["shp_addmv"] = (x, k) => x[0].Addmv(x[1], x[2], k.Double("beta"), k.Double("alpha"));
        t["shp_einsum"] = (x, k) => Tensor.Einsum(k.Str("eq"), x);
    }

    /// <summary>torch.unique's outputs in its order: a lone tensor, or values then the inverse and counts asked for.</summary>
    private static object Unique(UniqueResult r) =>
        r.Inverse is null && r.Counts is null ? r.Values : new[] { r.Values, r.Inverse, r.Counts }.OfType<Tensor>().ToArray();
}
