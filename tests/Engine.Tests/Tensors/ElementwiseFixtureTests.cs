using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.Tensors;

/// <summary>Forward values, dtypes and shapes of elementwise ops and views against PyTorch (Fixtures/elementwise).</summary>
public class ElementwiseFixtureTests
{
    public static TheoryData<int> Cases() => FixtureTensor.CaseIndices("elementwise", "elementwise.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(int index)
    {
        using var doc = FixtureTensor.Load("elementwise", "elementwise.json");
        var c = doc.RootElement[index];
        var op = c.GetProperty("op").GetString()!;
        var args = c.GetProperty("args").EnumerateArray().Select(Arg).ToArray();
        var expected = FixtureTensor.Read(c.GetProperty("out"));
        var actual = Apply(op, args);
        var tol = expected.DType == DType.Float32 ? 1e-6 : 1e-12;
        FixtureTensor.AssertClose(expected, actual, rtol: tol, atol: tol, context: $"case {index}: {op}");
    }

    private static object Arg(JsonElement e)
    {
        if (!e.TryGetProperty("scalar", out var s)) return FixtureTensor.Read(e);
        return e.GetProperty("kind").GetString() switch
        {
            "int" => s.GetInt64(),
            "bool" => s.GetBoolean(),
            _ => s.GetDouble(),
        };
    }

    /// <summary>The NNTools call for each fixture op, written as a user would write it.</summary>
    private static Tensor Apply(string op, object[] a) => op switch
    {
        "add" => Bin(a, (x, y) => x + y, (x, d) => x + d, (x, l) => x + l, (d, y) => d + y, (l, y) => l + y),
        "sub" => Bin(a, (x, y) => x - y, (x, d) => x - d, (x, l) => x - l, (d, y) => d - y, (l, y) => l - y),
        "mul" => Bin(a, (x, y) => x * y, (x, d) => x * d, (x, l) => x * l, (d, y) => d * y, (l, y) => l * y),
        "div" => Bin(a, (x, y) => x / y, (x, d) => x / d, (x, l) => x / l, (d, y) => d / y, (l, y) => l / y),
        "remainder" => Bin(a, (x, y) => x % y, (x, d) => x % d, (x, l) => x % l, (d, y) => d % y, (l, y) => l % y),
        "maximum" => T(a[0]).Maximum(T(a[1])),
        "minimum" => T(a[0]).Minimum(T(a[1])),
        "eq" => Cmp(a, (x, y) => x.Eq(y), (x, d) => x.Eq(d), (x, l) => x.Eq(l)),
        "ne" => Cmp(a, (x, y) => x.Ne(y), (x, d) => x.Ne(d), (x, l) => x.Ne(l)),
        "lt" => Cmp(a, (x, y) => x.Lt(y), (x, d) => x.Lt(d), (x, l) => x.Lt(l), (x, y) => x.Gt(y)),
        "le" => Cmp(a, (x, y) => x.Le(y), (x, d) => x.Le(d), (x, l) => x.Le(l), (x, y) => x.Ge(y)),
        "gt" => Cmp(a, (x, y) => x.Gt(y), (x, d) => x.Gt(d), (x, l) => x.Gt(l), (x, y) => x.Lt(y)),
        "ge" => Cmp(a, (x, y) => x.Ge(y), (x, d) => x.Ge(d), (x, l) => x.Ge(l), (x, y) => x.Le(y)),
        "pow" => a[1] switch
        {
            Tensor e => T(a[0]).Pow(e),
            long l => T(a[0]).Pow(l),
            var d => T(a[0]).Pow((double)d),
        },
        "logical_and" => T(a[0]).LogicalAnd(T(a[1])),
        "logical_or" => T(a[0]).LogicalOr(T(a[1])),
        "logical_xor" => T(a[0]).LogicalXor(T(a[1])),
        "logical_not" => T(a[0]).LogicalNot(),
        "neg" => -T(a[0]),
        "abs" => T(a[0]).Abs(),
        "exp" => T(a[0]).Exp(),
        "sqrt" => T(a[0]).Abs().Sqrt(),
        "log" => (T(a[0]).Abs() + 0.01).Log(),
        "sin" => T(a[0]).Sin(),
        "cos" => T(a[0]).Cos(),
        "tanh" => T(a[0]).Tanh(),
        "sigmoid" => T(a[0]).Sigmoid(),
        "relu" => T(a[0]).Relu(),
        "sign" => T(a[0]).Sign(),
        "floor" => T(a[0]).Floor(),
        "round" => T(a[0]).Round(),
        "ceil" => T(a[0]).Ceil(),
        "square" => T(a[0]).Square(),
        "reciprocal" => T(a[0]).Reciprocal(),
        "clamp" => T(a[0]).Clamp(-0.5, 0.5),
        "clamp_min" => T(a[0]).Clamp(min: 0.25),
        "clamp_max" => T(a[0]).ClampMax(1),
        "where" => Tensor.Where(T(a[0]), T(a[1]), T(a[2])),
        "view_6_4" => T(a[0]).View(6, 4),
        "view_m1_2" => T(a[0]).View(-1, 2),
        "transpose_0_2" => T(a[0]).Transpose(0, 2),
        "permute_2_0_1" => T(a[0]).Permute(2, 0, 1),
        "transpose_reshape" => T(a[0]).Transpose(0, 1).Reshape(3, 8),
        "unsqueeze_1" => T(a[0]).Unsqueeze(1),
        "unsqueeze_m1" => T(a[0]).Unsqueeze(-1),
        "squeeze" => T(a[0]).Squeeze(),
        "squeeze_2" => T(a[0]).Squeeze(2),
        "flatten" => T(a[0]).Flatten(),
        "flatten_1" => T(a[0]).Flatten(1),
        "expand" => T(a[0]).Expand(2, 3, 4),
        "t" => T(a[0]).T,
        "slice_rows" => T(a[0]).Slice(0, 1, null).Slice(1, null, null, 2),
        "select" => T(a[0]).Select(1, 2),
        "narrow" => T(a[0]).Narrow(1, 1, 2),
        "contiguous_after_transpose" => T(a[0]).T.Contiguous().View(-1),
        _ => throw new InvalidOperationException($"fixture op '{op}' has no NNTools mapping"),
    };

    private static Tensor T(object o) => (Tensor)o;

    private static Tensor Bin(object[] a, Func<Tensor, Tensor, Tensor> tt, Func<Tensor, double, Tensor> td, Func<Tensor, long, Tensor> tl,
        Func<double, Tensor, Tensor> dt, Func<long, Tensor, Tensor> lt) => (a[0], a[1]) switch
    {
        (Tensor x, Tensor y) => tt(x, y),
        (Tensor x, double d) => td(x, d),
        (Tensor x, long l) => tl(x, l),
        (double d, Tensor y) => dt(d, y),
        (long l, Tensor y) => lt(l, y),
        _ => throw new InvalidOperationException("unsupported argument kinds"),
    };

    private static Tensor Cmp(object[] a, Func<Tensor, Tensor, Tensor> tt, Func<Tensor, double, Tensor> td, Func<Tensor, long, Tensor> tl,
        Func<Tensor, Tensor, Tensor>? flipped = null) => (a[0], a[1]) switch
    {
        (Tensor x, Tensor y) => tt(x, y),
        (Tensor x, double d) => td(x, d),
        (Tensor x, long l) => tl(x, l),
        (double d, Tensor y) => (flipped ?? tt)(y, Tensor.WrappedScalar(d)),
        (long l, Tensor y) => (flipped ?? tt)(y, Tensor.WrappedScalar(l)),
        _ => throw new InvalidOperationException("unsupported argument kinds"),
    };
}
