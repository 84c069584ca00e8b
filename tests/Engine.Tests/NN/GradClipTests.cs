using System.Globalization;
using NNTools.NN;
using NNTools.Tests.Support;

namespace NNTools.Tests.NN;

/// <summary>clip_grad_norm_ and clip_grad_value_ against PyTorch 1.13 (Fixtures/nn/gradclip.json, from make_gradclip.py).</summary>
public class GradClipTests
{
    public static TheoryData<int> Cases() => FixtureTensor.CaseIndices("nn", "gradclip.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Clips_as_PyTorch_does_and_leaves_parameters_without_gradients_alone(int index)
    {
        using var doc = FixtureTensor.Load("nn", "gradclip.json");
        var c = doc.RootElement[index];
        var grads = c.GetProperty("grads").EnumerateArray().Select(FixtureTensor.Read).ToArray();
        Tensor[] ps = [Tensor.Zeros(3, 4).RequiresGrad_(), Tensor.Zeros(4).RequiresGrad_(), Tensor.Zeros(2).RequiresGrad_()];
        ps[0].Grad = grads[0];
        ps[1].Grad = grads[1];
        var kw = c.GetProperty("kwargs");
        if (c.GetProperty("fn").GetString() == "norm")
        {
            double normType = !kw.TryGetProperty("norm_type", out var n) ? 2 : n.ValueKind == System.Text.Json.JsonValueKind.String
                ? (n.GetString() == "inf" ? double.PositiveInfinity : double.Parse(n.GetString()!, CultureInfo.InvariantCulture)) : n.GetDouble();
            var total = GradClip.ClipGradNorm(ps, kw.GetProperty("max_norm").GetDouble(), normType);
            FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("total")), total, 1e-6, 1e-7, "total norm");
        }
        else
        {
            GradClip.ClipGradValue(ps, kw.GetProperty("clip_value").GetDouble());
        }
        var after = c.GetProperty("after").EnumerateArray().Select(FixtureTensor.Read).ToArray();
        FixtureTensor.AssertClose(after[0], ps[0].Grad!, 1e-6, 1e-7, "grad 0");
        FixtureTensor.AssertClose(after[1], ps[1].Grad!, 1e-6, 1e-7, "grad 1");
        Assert.Null(ps[2].Grad);
    }

    [Fact]
    public void A_non_finite_norm_is_refused_when_asked()
    {
        var p = Tensor.Zeros(2).RequiresGrad_();
        p.Grad = new Tensor(new[] { double.NaN, 1.0 }, DType.Float32);
        Assert.Equal("NonFiniteGradNorm", Assert.Throws<NumericalException>(() => GradClip.ClipGradNorm([p], 1.0, errorIfNonfinite: true)).ErrorId);
    }
}
