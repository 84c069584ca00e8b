using NNTools.Autograd;

namespace NNTools.Tests.Support;

/// <summary>Asserts that autograd agrees with finite differences for a function of float64 inputs.</summary>
public static class GradAssert
{
    public static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var prepared = inputs.Select(t => t.DType == DType.Float64 && t.IsLeaf && !t.RequiresGrad ? t.RequiresGrad_() : t).ToArray();
        var results = GradCheck.Check(f, prepared);
        Assert.NotEmpty(results);
        foreach (var r in results) Assert.True(r.Passed, r.ToString());
    }

    /// <summary>A float64 tensor of the shape with values in [lo, hi), from a fixed seed.</summary>
    public static Tensor Uniform(int seed, double lo, double hi, params int[] shape) =>
        Tensor.Rand(shape, DType.Float64, new Generator(seed)) * (hi - lo) + lo;
}
