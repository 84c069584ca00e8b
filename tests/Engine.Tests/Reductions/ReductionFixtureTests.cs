using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.Reductions;

/// <summary>Every reduction against PyTorch's values, dtypes, indices and (float64) gradients from Fixtures/reductions.</summary>
public class ReductionFixtureTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() => FixtureTensor.LoadNamedCases("reductions", "reductions.json"));

    public static TheoryData<string> CaseNames() => new(Cases.Value.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesPyTorch(string name)
    {
        var c = Cases.Value[name];
        var x = FixtureTensor.Read(c.GetProperty("x"));
        bool withGrad = c.TryGetProperty("grad", out var gradJson);
        if (withGrad) x.RequiresGrad = true;
        var (values, indices) = Apply(c, x);

        var expected = FixtureTensor.Read(c.GetProperty("out"));
        double rtol = expected.DType == DType.Float32 ? 2e-6 : 1e-10;
        double atol = expected.DType == DType.Float32 ? 1e-6 : 1e-12;
        FixtureTensor.AssertClose(expected, values, rtol, atol, name);
        if (c.TryGetProperty("indices", out var idx)) FixtureTensor.AssertClose(FixtureTensor.Read(idx), indices!, 0, 0, name + " indices");
        if (withGrad)
        {
            (values * FixtureTensor.Read(c.GetProperty("w"))).Sum().Backward();
            FixtureTensor.AssertClose(FixtureTensor.Read(gradJson), x.Grad ?? Tensor.ZerosLike(x), 1e-9, 1e-12, name + " grad");
        }
    }

    private static (Tensor Values, Tensor? Indices) Apply(JsonElement c, Tensor x)
    {
        var dims = Dims(c.GetProperty("dim"));
        bool keep = c.GetProperty("keepdim").GetBoolean();
        int dim = dims is null ? 0 : dims[0];
        switch (c.GetProperty("op").GetString())
        {
            case "var":
                return (c.TryGetProperty("correction", out var corr)
                    ? x.Var(dims, corr.GetDouble(), keep)
                    : x.Var(dims, c.GetProperty("unbiased").GetBoolean(), keep), null);
            case "std": return (x.Std(dims, c.GetProperty("unbiased").GetBoolean(), keep), null);
            case "norm":
                var p = c.GetProperty("p");
                return (p.ValueKind == JsonValueKind.String ? x.Norm(p.GetString()!, dims, keep) : x.Norm(p.GetDouble(), dims, keep), null);
            case "logsumexp": return (x.LogSumExp(dims!, keep), null);
            case "max": return MinMax(x.Max(), dims is null ? null : x.Max(dim, keep));
            case "min": return MinMax(x.Min(), dims is null ? null : x.Min(dim, keep));
            case "argmax": return (dims is null ? x.ArgMax() : x.ArgMax(dim, keep), null);
            case "argmin": return (dims is null ? x.ArgMin() : x.ArgMin(dim, keep), null);
            case "prod": return (dims is null ? x.Prod() : x.Prod(dim, keep), null);
            case "cumsum": return (x.CumSum(dim), null);
            case "all": return (dims is null ? x.All() : x.All(dim, keep), null);
            case "any": return (dims is null ? x.Any() : x.Any(dim, keep), null);
            default: throw new InvalidOperationException("unknown op " + c.GetProperty("op"));
        }
    }

    private static (Tensor, Tensor?) MinMax(Tensor all, MinMaxResult? byDim) => byDim is null ? (all, null) : (byDim.Values, byDim.Indices);

    private static int[]? Dims(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => [e.GetInt32()],
        _ => e.EnumerateArray().Select(d => d.GetInt32()).ToArray(),
    };

    [Fact]
    public void IsCloseAndAllCloseMatchPyTorch()
    {
        foreach (var c in FixtureTensor.Load("reductions", "isclose.json").RootElement.EnumerateArray())
        {
            var a = FixtureTensor.Read(c.GetProperty("a"));
            var b = FixtureTensor.Read(c.GetProperty("b"));
            double rtol = c.GetProperty("rtol").GetDouble(), atol = c.GetProperty("atol").GetDouble();
            bool eqn = c.GetProperty("equal_nan").GetBoolean();
            FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("out")), a.IsClose(b, rtol, atol, eqn), 0, 0);
            Assert.Equal(c.GetProperty("all").GetBoolean(), a.AllClose(b, rtol, atol, eqn));
        }
    }
}
