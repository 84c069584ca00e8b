using NNTools.Backends;
using NNTools.Optim;

namespace NNTools.Tests.Backends;

/// <summary>
/// The optimizers' fused updates go through the backend: the reference's float64 updates agree
/// with the default's float32 fused multiply-adds to float32 rounding over a few steps, for SGD
/// with weight decay, Adam and AdamW.
/// </summary>
public class ReferenceBackendOptimizerTests
{
    public static TheoryData<string> Optimizers => new() { "sgd", "adam", "adamw" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void StepsAgreeWithTheDefaultBackend(string name)
    {
        var managed = Train(name, Backend.Managed);
        var reference = Train(name, Backend.Reference);
        Assert.True(reference.AllClose(managed, rtol: 1e-5, atol: 1e-6),
            $"{name}: reference {reference} vs managed {managed}");
        // The weights moved: the comparison is not of two untouched copies.
        Assert.False(managed.AllClose(Start(), rtol: 1e-3, atol: 1e-3));
    }

    private static Tensor Start()
    {
        var g = new Generator(7);
        return Tensor.Randn([64, 33], DType.Float32, g);
    }

    private static Tensor Train(string name, IBackend backend)
    {
        var w = Start().RequiresGrad_();
        var x = Tensor.Randn([16, 64], DType.Float32, new Generator(8));
        Optimizer opt = name switch
        {
            "sgd" => new SGD([w], lr: 0.05, weightDecay: 0.01),
            "adam" => new Adam([w], lr: 0.01, weightDecay: 0.01),
            _ => new AdamW([w], lr: 0.01, weightDecay: 0.1),
        };
        using (Backend.Use(backend))
        {
            for (int step = 0; step < 5; step++)
            {
                opt.ZeroGrad();
                x.MatMul(w).Tanh().Pow(2).Mean().Backward();
                opt.Step();
            }
        }
        return w.Detach();
    }
}
