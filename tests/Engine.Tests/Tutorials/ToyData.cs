namespace NNTools.Tests.Tutorials;

/// <summary>The assignment's generate_data(N): 3-d inputs, two binary outputs.</summary>
internal static class ToyData
{
    public static (Tensor X, Tensor Y) Generate(int n, DType dtype = DType.Float32)
    {
        var x = Tensor.Randn([n, 3], dtype);
        var x0 = x[":, 0"];
        var x1 = x[":, 1"];
        var x2 = x[":, 2"];
        var a = (x0 + x1) * x2.Gt(0.0) + (x0 - x1) * x2.Lt(0.0);
        var b = x.Norm(2, 1);
        var y = Tensor.Stack([a, b]).T.Abs().Gt(1.33).To(dtype);
        return (x, y);
    }
}
