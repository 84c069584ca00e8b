using NNTools.NN;

namespace NNTools.Tests.Differential;

/// <summary>
/// The replay's op table: each name make_differential.py records, as the NNTools call that
/// mirrors the PyTorch one. A result is a Tensor, a Tensor[] or a MinMaxResult.
/// </summary>
internal static class DifferentialOps
{
    public delegate object Op(Tensor[] x, Kw kw);

    /// <summary>
    /// Ops whose float32 cases are held to wider bounds, by the factor given: an op set adds its own
    /// (with the reason, and in docs/FIDELITY.md). Filled before <see cref="Table"/> is built.
    /// </summary>
    public static readonly Dictionary<string, double> Float32Slack = [];

    public static readonly Dictionary<string, Op> Table = Build();

    private static Dictionary<string, Op> Build()
    {
        var t = new Dictionary<string, Op>
        {
            ["neg"] = (x, _) => x[0].Neg(), ["abs"] = (x, _) => x[0].Abs(), ["sign"] = (x, _) => x[0].Sign(),
            ["exp"] = (x, _) => x[0].Exp(), ["log"] = (x, _) => x[0].Log(), ["sqrt"] = (x, _) => x[0].Sqrt(),
            ["rsqrt"] = (x, _) => x[0].Rsqrt(), ["reciprocal"] = (x, _) => x[0].Reciprocal(),
            ["sin"] = (x, _) => x[0].Sin(), ["cos"] = (x, _) => x[0].Cos(), ["tanh"] = (x, _) => x[0].Tanh(),
            ["sigmoid"] = (x, _) => x[0].Sigmoid(), ["relu"] = (x, _) => x[0].Relu(),
            ["floor"] = (x, _) => x[0].Floor(), ["ceil"] = (x, _) => x[0].Ceil(), ["round"] = (x, _) => x[0].Round(),
            ["square"] = (x, _) => x[0].Square(), ["logical_not"] = (x, _) => x[0].LogicalNot(),
            ["isnan"] = (x, _) => x[0].IsNan(), ["isfinite"] = (x, _) => x[0].IsFinite(),
            ["long"] = (x, _) => x[0].Long(), ["float"] = (x, _) => x[0].Float(), ["double"] = (x, _) => x[0].Double(),
            ["bool"] = (x, _) => x[0].Bool(), ["clone"] = (x, _) => x[0].Clone(), ["contiguous"] = (x, _) => x[0].Contiguous(),

            ["add"] = (x, _) => x[0].Add(x[1]), ["sub"] = (x, _) => x[0].Sub(x[1]), ["mul"] = (x, _) => x[0].Mul(x[1]),
            ["div"] = (x, _) => x[0].Div(x[1]), ["remainder"] = (x, _) => x[0].Remainder(x[1]),
            ["pow"] = (x, _) => x[0].Pow(x[1]), ["maximum"] = (x, _) => x[0].Maximum(x[1]),
            ["minimum"] = (x, _) => x[0].Minimum(x[1]), ["eq"] = (x, _) => x[0].Eq(x[1]), ["ne"] = (x, _) => x[0].Ne(x[1]),
            ["lt"] = (x, _) => x[0].Lt(x[1]), ["le"] = (x, _) => x[0].Le(x[1]), ["gt"] = (x, _) => x[0].Gt(x[1]),
            ["ge"] = (x, _) => x[0].Ge(x[1]), ["logical_and"] = (x, _) => x[0].LogicalAnd(x[1]),
            ["logical_or"] = (x, _) => x[0].LogicalOr(x[1]), ["logical_xor"] = (x, _) => x[0].LogicalXor(x[1]),

            // Python numbers: int -> the long overload, float -> the double one, bool -> a wrapped bool.
            ["add_scalar"] = (x, k) => Scalar(k, l => x[0].Add(l), d => x[0].Add(d), b => x[0].Add(b)),
            ["sub_scalar"] = (x, k) => Scalar(k, l => x[0].Sub(l), d => x[0].Sub(d), b => x[0].Sub(b)),
            ["mul_scalar"] = (x, k) => Scalar(k, l => x[0].Mul(l), d => x[0].Mul(d), b => x[0].Mul(b)),
            ["div_scalar"] = (x, k) => Scalar(k, l => x[0].Div(l), d => x[0].Div(d), b => x[0].Div(b)),
            ["remainder_scalar"] = (x, k) => Scalar(k, l => x[0].Remainder(l), d => x[0].Remainder(d), b => x[0].Remainder(b)),
            ["pow_scalar"] = (x, k) => Scalar(k, l => x[0].Pow(l), d => x[0].Pow(d), b => x[0].Pow(b)),
            ["eq_scalar"] = (x, k) => Scalar(k, l => x[0].Eq(l), d => x[0].Eq(d), b => x[0].Eq(b)),
            ["ne_scalar"] = (x, k) => Scalar(k, l => x[0].Ne(l), d => x[0].Ne(d), b => x[0].Ne(b)),
            ["lt_scalar"] = (x, k) => Scalar(k, l => x[0].Lt(l), d => x[0].Lt(d), b => x[0].Lt(b)),
            ["le_scalar"] = (x, k) => Scalar(k, l => x[0].Le(l), d => x[0].Le(d), b => x[0].Le(b)),
            ["gt_scalar"] = (x, k) => Scalar(k, l => x[0].Gt(l), d => x[0].Gt(d), b => x[0].Gt(b)),
            ["ge_scalar"] = (x, k) => Scalar(k, l => x[0].Ge(l), d => x[0].Ge(d), b => x[0].Ge(b)),
            ["radd"] = (x, k) => Scalar(k, l => l + x[0], d => d + x[0], b => b + x[0]),
            ["rsub"] = (x, k) => Scalar(k, l => l - x[0], d => d - x[0], b => b - x[0]),
            ["rmul"] = (x, k) => Scalar(k, l => l * x[0], d => d * x[0], b => b * x[0]),
            ["rdiv"] = (x, k) => Scalar(k, l => l / x[0], d => d / x[0], b => b / x[0]),
            ["rremainder"] = (x, k) => Scalar(k, l => l % x[0], d => d % x[0], b => b % x[0]),
            ["rpow"] = (x, k) => Scalar(k, l => Tensor.Pow(l, x[0]), d => Tensor.Pow(d, x[0]), b => ((Tensor)b).Pow(x[0])),
            ["add_alpha"] = (x, k) => k.Num("alpha") is long l ? x[0].Add(x[1], l) : x[0].Add(x[1], k.Double("alpha")),
            ["clamp"] = Clamp,
            ["leaky_relu"] = (x, k) => x[0].LeakyRelu(k.Double("slope")),
            ["where"] = (x, _) => Tensor.Where(x[0], x[1], x[2]),
            ["addcmul"] = (x, k) => x[0].Addcmul(x[1], x[2], k.Double("value")),
            ["addcdiv"] = (x, k) => x[0].Addcdiv(x[1], x[2], k.Double("value")),
            ["meshgrid"] = (x, k) => Tensor.Meshgrid(x, k.Str("indexing")),
            ["inplace_mul_scalar"] = (x, k) => Scalar(k, l => Fresh(x[0]).Mul_(l), d => Fresh(x[0]).Mul_(d), b => Fresh(x[0]).Mul_(b)),
            ["inplace_add_scalar"] = (x, k) => Scalar(k, l => Fresh(x[0]).Add_(l), d => Fresh(x[0]).Add_(d), b => Fresh(x[0]).Add_(b)),
            ["inplace_addcdiv"] = (x, k) => Fresh(x[0]).Addcdiv_(x[1], x[2], k.Double("value")),
            ["inplace_uniform"] = (x, k) => Fresh(x[0]).Uniform_(k.Double("lo"), k.Double("hi"), new Generator(0)).Mul(0L),
        };
        AddReductions(t);
        AddShapes(t);
        AddIndexing(t);
        AddMatMulAndLosses(t);
        AddChains(t);
        foreach (var set in typeof(DifferentialOps).Assembly.GetTypes()
                     .Where(type => type.IsDefined(typeof(DifferentialOpSetAttribute), false)))
        {
            set.GetMethod("Register")!.Invoke(null, [t]);
        }
        return t;
    }

    /// <summary>A copy outside any graph, as x.detach().clone() in the generator: in-place ops on graphs are not replayed here.</summary>
    private static Tensor Fresh(Tensor x) => x.Detach().Clone();

    private static object Scalar(Kw k, Func<long, Tensor> asInt, Func<double, Tensor> asFloat, Func<Tensor, Tensor> asBool) =>
        k.Num("s") switch { long l => asInt(l), double d => asFloat(d), var b => asBool((bool)b) };

    private static object Clamp(Tensor[] x, Kw k)
    {
        object? lo = k.Has("min") ? k.Num("min") : null, hi = k.Has("max") ? k.Num("max") : null;
        if (lo is long l && hi is long h) return x[0].Clamp(l, h);
        if (lo is long onlyLow && hi is null) return x[0].ClampMin(onlyLow);
        if (hi is long onlyHigh && lo is null) return x[0].ClampMax(onlyHigh);
        return x[0].Clamp(lo is null ? null : Convert.ToDouble(lo), hi is null ? null : Convert.ToDouble(hi));
    }

    private static void AddReductions(Dictionary<string, Op> t)
    {
        static bool Keep(Kw k) => k.Has("keepdim") && k.Bool("keepdim");
        static int[]? Dims(Kw k) => !k.Has("dim") ? null : k.IsList("dim") ? k.Ints("dim") : [k.Int("dim")];
        t["sum"] = (x, k) => k.Has("dim") ? x[0].Sum(Dims(k), Keep(k)) : x[0].Sum();
        t["mean"] = (x, k) => k.Has("dim") ? x[0].Mean(Dims(k), Keep(k)) : x[0].Mean();
        t["prod"] = (x, k) => k.Has("dim") ? x[0].Prod(k.Int("dim"), Keep(k)) : x[0].Prod();
        t["amax_all"] = (x, _) => x[0].Max();
        t["amin_all"] = (x, _) => x[0].Min();
        t["max_dim"] = (x, k) => x[0].Max(k.Int("dim"), Keep(k));
        t["min_dim"] = (x, k) => x[0].Min(k.Int("dim"), Keep(k));
        t["argmax"] = (x, k) => k.Has("dim") ? x[0].ArgMax(k.Int("dim"), Keep(k)) : x[0].ArgMax();
        t["argmin"] = (x, k) => k.Has("dim") ? x[0].ArgMin(k.Int("dim"), Keep(k)) : x[0].ArgMin();
        t["std"] = (x, k) => x[0].Std(Dims(k), k.Bool("unbiased"), Keep(k));
        t["var"] = (x, k) => x[0].Var(Dims(k), k.Bool("unbiased"), Keep(k));
        t["logsumexp"] = (x, k) => x[0].LogSumExp(Dims(k)!, Keep(k));
        t["norm"] = (x, k) => k.Raw("p").ValueKind == System.Text.Json.JsonValueKind.String
            ? x[0].Norm(k.Str("p"), Dims(k), Keep(k))
            : x[0].Norm(k.Double("p"), Dims(k), Keep(k));
        t["all"] = (x, k) => k.Has("dim") ? x[0].All(k.Int("dim"), Keep(k)) : x[0].All();
        t["any"] = (x, k) => k.Has("dim") ? x[0].Any(k.Int("dim"), Keep(k)) : x[0].Any();
        t["cumsum"] = (x, k) => x[0].CumSum(k.Int("dim"));
    }

    private static void AddShapes(Dictionary<string, Op> t)
    {
        t["view"] = (x, k) => x[0].View(k.Ints("shape"));
        t["reshape"] = (x, k) => x[0].Reshape(k.Ints("shape"));
        t["permute"] = (x, k) => x[0].Permute(k.Ints("dims"));
        t["transpose"] = (x, k) => x[0].Transpose(k.Int("d0"), k.Int("d1"));
        t["squeeze"] = (x, k) => k.Has("dim") ? x[0].Squeeze(k.Int("dim")) : x[0].Squeeze();
        t["unsqueeze"] = (x, k) => x[0].Unsqueeze(k.Int("dim"));
        t["cat"] = (x, k) => Tensor.Cat(x, k.Int("dim"));
        t["stack"] = (x, k) => Tensor.Stack(x, k.Int("dim"));
        t["expand"] = (x, k) => x[0].Expand(k.Ints("shape"));
        t["flatten"] = (x, k) => x[0].Flatten(k.Int("start"), k.Int("end"));
        t["unflatten"] = (x, k) => x[0].Unflatten(k.Int("dim"), k.Ints("sizes"));
        t["flip"] = (x, k) => x[0].Flip(k.Ints("dims"));
        t["repeat"] = (x, k) => x[0].Repeat(k.Ints("reps"));
        t["narrow"] = (x, k) => x[0].Narrow(k.Int("dim"), k.Int("start"), k.Int("length"));
        t["select"] = (x, k) => x[0].Select(k.Int("dim"), k.Int("index"));
        t["chunk"] = (x, k) => x[0].Chunk(k.Int("chunks"), k.Int("dim"));
        t["split"] = (x, k) => x[0].Split(k.Int("size"), k.Int("dim"));
        t["unbind"] = (x, k) => x[0].Unbind(k.Int("dim"));
        t["t"] = (x, _) => x[0].t();
    }

    private static void AddIndexing(Dictionary<string, Op> t)
    {
        t["index"] = (x, k) => x[0].Index(k.Raw("items").EnumerateArray().Select(it => IndexItem(it, x)).ToArray());
        t["gather"] = (x, k) => x[0].Gather(k.Int("dim"), x[1]);
        t["index_select"] = (x, k) => x[0].IndexSelect(k.Int("dim"), x[1]);
        t["masked_fill"] = (x, k) => x[0].MaskedFill(x[1], k.Double("value"));
        t["masked_select"] = (x, _) => x[0].MaskedSelect(x[1]);
        t["scatter_add"] = (x, k) => x[0].ScatterAdd(k.Int("dim"), x[1], x[2]);
        t["index_put"] = (x, k) => Fresh(x[0]).IndexPut_(x[1..^1].Cast<object?>().ToArray(), x[^1], k.Bool("acc"));
    }

    /// <summary>A recorded index item as Index() takes it: a long, a slice string, null, "...", a bool or a tensor.</summary>
    private static object? IndexItem(System.Text.Json.JsonElement it, Tensor[] x)
    {
        var a = it.EnumerateArray().ToArray();
        static string Bound(System.Text.Json.JsonElement b) => b.ValueKind == System.Text.Json.JsonValueKind.Null ? "" : b.GetRawText();
        return a[0].GetString() switch
        {
            "int" => a[1].GetInt64(),
            "slice" => $"{Bound(a[1])}:{Bound(a[2])}" + (a[3].ValueKind == System.Text.Json.JsonValueKind.Null ? "" : ":" + a[3].GetRawText()),
            "none" => null,
            "ellipsis" => "...",
            "bool" => a[1].GetBoolean(),
            _ => x[a[1].GetInt32()],
        };
    }

    private static void AddMatMulAndLosses(Dictionary<string, Op> t)
    {
        t["matmul"] = (x, _) => x[0].MatMul(x[1]);
        t["mm"] = (x, _) => x[0].Mm(x[1]);
        t["bmm"] = (x, _) => x[0].Bmm(x[1]);
        t["mv"] = (x, _) => x[0].Mv(x[1]);
        t["dot"] = (x, _) => x[0].Dot(x[1]);
        t["outer"] = (x, _) => x[0].Outer(x[1]);
        t["softmax"] = (x, k) => x[0].Softmax(k.Int("dim"));
        t["log_softmax"] = (x, k) => x[0].LogSoftmax(k.Int("dim"));
        static Reduction Red(Kw k) => Enum.Parse<Reduction>(k.Str("reduction"), ignoreCase: true);
        t["mse"] = (x, k) => Functional.MseLoss(x[0], x[1], Red(k));
        t["l1"] = (x, k) => Functional.L1Loss(x[0], x[1], Red(k));
        t["smooth_l1"] = (x, k) => Functional.SmoothL1Loss(x[0], x[1], Red(k), k.Double("beta"));
        t["huber"] = (x, k) => Functional.HuberLoss(x[0], x[1], Red(k), k.Double("delta"));
        t["bce"] = (x, k) => Functional.BinaryCrossEntropy(x[0], x[1], x.Length > 2 ? x[2] : null, Red(k));
        t["bce_logits"] = (x, k) => Functional.BinaryCrossEntropyWithLogits(x[0], x[1],
            k.Has("w") ? x[k.Int("w")] : null, k.Has("pw") ? x[k.Int("pw")] : null, Red(k));
        t["nll"] = (x, k) => Functional.NllLoss(x[0], x[1], x.Length > 2 ? x[2] : null, Red(k),
            k.Has("ignore_index") ? k.Int("ignore_index") : -100);
        t["cross_entropy"] = (x, k) => Functional.CrossEntropy(x[0], x[1], x.Length > 2 ? x[2] : null, Red(k),
            k.Has("ignore_index") ? k.Int("ignore_index") : -100, k.Has("label_smoothing") ? k.Double("label_smoothing") : 0);
    }

    /// <summary>The CHAINS of make_differential.py, formula for formula.</summary>
    private static readonly Dictionary<string, Func<Tensor, Tensor, Tensor>> Chains = new()
    {
        ["sum(a*b).exp"] = (a, b) => a.Numel() < 8 ? (a * b).Sum().Exp() : (a * b).Sum(),
        ["tanh(a@b)+a@b"] = (a, b) => a.MatMul(b).Tanh() + a.MatMul(b),
        ["softmax(a*b,-1).log"] = (a, b) => (a * b).Softmax(-1).Log(),
        ["sigmoid(a)*b-relu(b)"] = (a, b) => a.Sigmoid() * b - b.Relu(),
        ["(a-b)^2.mean(0)"] = (a, b) => (a - b).Pow(2L).Mean(0),
        ["a.T@a"] = (a, b) => a.t().MatMul(a) + b.Sum(),
        ["std(a*b,0)"] = (a, b) => (a * b + 1L).Std(0),
        ["cat([a,b]).max(0)"] = (a, b) => Tensor.Cat([a, b], 0).Max(0).Values,
        ["where(a>b,a*a,b)"] = (a, b) => Tensor.Where(a.Gt(b), a * a, b),
        ["logsumexp(a+b,1)"] = (a, b) => (a + b).LogSumExp(1),
        ["a[:,0]*b[0]"] = (a, b) => a[":, 0"] * b[0] + a.Sum(),
        ["clamp(a,-.5,.5)/b.abs()+1"] = (a, b) => a.Clamp(-0.5, 0.5) / (b.Abs() + 1L),
    };

    /// <summary>The INPLACE writes of make_differential.py, statement for statement.</summary>
    private static readonly Dictionary<string, Func<Tensor, Tensor, Tensor>> InPlace = new()
    {
        ["y=a*2;y.add_(b)"] = (a, b) => (a * 2L).Add_(b),
        ["y=a.clone();y[0]=b[0]"] = (a, b) => { var y = a.Clone(); y[0] = b[0]; return y; },
        ["y=a*1;y[:,0]=0"] = (a, b) => { var y = a * 1L; y[":, 0"] = Tensor.Scalar(0, a.DType); return y * b; },
        ["y=a+0;y.mul_(b).sigmoid()"] = (a, b) => (a + 0L).Mul_(b).Sigmoid(),
        ["y=a.exp();y.mul_(2)"] = (a, b) => a.Exp().Mul_(2L) + b,
        ["y=a.sigmoid();y.add_(b)"] = (a, b) => a.Sigmoid().Add_(b),
        ["buf=zeros;buf.add_(a*b)"] = (a, b) => Tensor.ZerosLike(a).Add_(a * b),
        ["y=a.clone();y.clamp_(-.5,.5)*b"] = (a, b) => a.Clone().Clamp_(-0.5, 0.5) * b,
        ["y=a*3;y.sub_(b).div_(2)"] = (a, b) => (a * 3L).Sub_(b).Div_(2L),
        ["a.add_(b)"] = (a, b) => a.Add_(b),
        ["y=a*1;y[0].mul_(b[0])"] = (a, b) => { var y = a * 1L; y[0].Mul_(b[0]); return y; },
        ["z=a*b;y=z*1;z.mul_(2);y"] = (a, b) => { var z = a * b; var y = z * 1L; z.Mul_(2L); return y + z; },
    };

    private static void AddChains(Dictionary<string, Op> t)
    {
        t["chain"] = (x, k) => Chains[k.Str("chain")](x[0], x[1]);
        t["inplace_graph"] = (x, k) => InPlace[k.Str("chain")](x[0], x[1]);
    }
}

/// <summary>
/// Marks a static class whose <c>public static void Register(Dictionary&lt;string, DifferentialOps.Op&gt;)</c>
/// adds the replay's ops for one families_NAME.py module: each op area keeps its table in its own file.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class DifferentialOpSetAttribute : Attribute;
