using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.LinearAlgebra;

/// <summary>Matrix products and torch.linalg ops against PyTorch's values and (float64) gradients from Fixtures/linalg.</summary>
public class LinalgFixtureTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() => FixtureTensor.LoadNamedCases("linalg", "linalg.json"));

    public static TheoryData<string> CaseNames() => new(Cases.Value.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesPyTorch(string name)
    {
        var c = Cases.Value[name];
        var a = Input(c, "a");
        var b = c.TryGetProperty("b", out _) ? Input(c, "b") : null;
        var ua = c.GetProperty("ta").GetBoolean() ? a.Transpose(-2, -1) : a;
        var ub = b is not null && c.GetProperty("tb").GetBoolean() ? b.Transpose(-2, -1) : b;
        var op = c.GetProperty("op").GetString();
        var result = op switch
        {
            "matmul" => ua.MatMul(ub!),
            "dot" => ua.Dot(ub!),
            "mm" => ua.Mm(ub!),
            "mv" => ua.Mv(ub!),
            "bmm" => ua.Bmm(ub!),
            "outer" => ua.Outer(ub!),
            "inv" => ua.Inv(),
            "det" => ua.Det(),
            "solve" => ua.Solve(ub!),
            "lstsq" => ua.Lstsq(ub!),
            _ => throw new InvalidOperationException("unknown op " + op),
        };
        var expected = FixtureTensor.Read(c.GetProperty("out"));
        bool f32 = expected.DType == DType.Float32;
        // float32 products accumulate in a different order than PyTorch's BLAS; linalg runs in double here and in float32 there.
        double rtol = f32 ? (op is "matmul" or "mm" ? 1e-5 : 1e-4) : 1e-9, atol = f32 ? 1e-5 : 1e-10;
        FixtureTensor.AssertClose(expected, result, rtol, atol, name);
        if (!c.TryGetProperty("w", out var w) || !result.RequiresGrad) return;
        (result * FixtureTensor.Read(w)).Sum().Backward();
        if (c.TryGetProperty("ga", out var ga)) FixtureTensor.AssertClose(FixtureTensor.Read(ga), a.Grad!, 1e-8, 1e-10, name + " grad a");
        if (c.TryGetProperty("gb", out var gb)) FixtureTensor.AssertClose(FixtureTensor.Read(gb), b!.Grad!, 1e-8, 1e-10, name + " grad b");
    }

    private static Tensor Input(JsonElement c, string key)
    {
        var t = FixtureTensor.Read(c.GetProperty(key));
        return t.DType == DType.Float64 ? t.RequiresGrad_() : t;
    }
}
