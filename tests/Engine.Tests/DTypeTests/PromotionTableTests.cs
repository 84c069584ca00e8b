using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.DTypeTests;

/// <summary>
/// Fixtures/dtypes/promotion.json (make_dtypes.py): every dtype pair and operand kind (tensor, 0-d
/// tensor, Python int, float, bool) through add, sub, mul, div, remainder, lt and eq, against
/// PyTorch 1.13: whether it raises, the result dtype and the values, wrap-around included.
/// </summary>
public class PromotionTableTests
{
    public static TheoryData<int> Cases => FixtureTensor.CaseIndices("dtypes", "promotion.json");

    private static readonly Dictionary<string, object[]> TensorValues = new()
    {
        ["float32"] = [2.5, -1.5, 250.0], ["float64"] = [2.5, -1.5, 250.0], ["int64"] = [5L, -2L, 2147483647L],
        ["int32"] = [5L, -2L, 2147483647L], ["uint8"] = [5L, 254L, 250L], ["bool"] = [true, false, true],
    };

    private static readonly Dictionary<string, object> ZeroD = new()
    {
        ["float32"] = 1.5, ["float64"] = 1.5, ["int64"] = 3L, ["int32"] = 3L, ["uint8"] = 3L, ["bool"] = true,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(int index)
    {
        using var doc = FixtureTensor.Load("dtypes", "promotion.json");
        var c = doc.RootElement[index];
        string op = c.GetProperty("op").GetString()!;
        var left = (Tensor)Operand(c.GetProperty("left"));
        var right = Operand(c.GetProperty("right"));
        string name = $"{op}({c.GetProperty("left")}, {c.GetProperty("right")})";
        Tensor result;
        try
        {
            result = Apply(op, left, right);
        }
        catch (TensorException e)
        {
            Assert.True(c.GetProperty("raises").GetBoolean(), $"{name}: engine threw {e.ErrorId} ({e.Message}); torch did not");
            return;
        }
        if (c.GetProperty("raises").GetBoolean()) Assert.Fail($"{name}: torch raised ({c.GetProperty("error")}), engine gave {result}");
        FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("out")), result, 1e-6, 1e-6, name);
    }

    private static object Operand(JsonElement spec)
    {
        string kind = spec.GetProperty("kind").GetString()!;
        string? dtype = spec.GetProperty("dtype").GetString();
        return kind switch
        {
            "tensor" => new Tensor(TensorValues[dtype!], DTypes.Parse(dtype!)),
            "zerodim" => new Tensor(ZeroD[dtype!], DTypes.Parse(dtype!)),
            "int" => 300L,
            "float" => 2.5,
            _ => true,
        };
    }

    // A Python int or float is the engine's long or double overload; a Python bool, the wrapped bool a C# bool converts to.
    private static Tensor Apply(string op, Tensor a, object b) => (op, b) switch
    {
        ("add", Tensor t) => a.Add(t), ("add", long l) => a.Add(l), ("add", double d) => a.Add(d),
        ("sub", Tensor t) => a.Sub(t), ("sub", long l) => a.Sub(l), ("sub", double d) => a.Sub(d),
        ("mul", Tensor t) => a.Mul(t), ("mul", long l) => a.Mul(l), ("mul", double d) => a.Mul(d),
        ("div", Tensor t) => a.Div(t), ("div", long l) => a.Div(l), ("div", double d) => a.Div(d),
        ("remainder", Tensor t) => a.Remainder(t), ("remainder", long l) => a.Remainder(l), ("remainder", double d) => a.Remainder(d),
        ("lt", Tensor t) => a.Lt(t), ("lt", long l) => a.Lt(l), ("lt", double d) => a.Lt(d),
        ("eq", Tensor t) => a.Eq(t), ("eq", long l) => a.Eq(l), ("eq", double d) => a.Eq(d),
        (_, bool flag) => Apply(op, a, (Tensor)flag),
        _ => throw new ArgumentException(op),
    };
}
