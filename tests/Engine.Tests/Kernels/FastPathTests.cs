using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Tests.Kernels;

/// <summary>
/// The fused fast paths (Linear as addmm, MSE, activation backward, SGD/Adam updates, reductions over
/// trailing dims, pending gradients on tensors) against the composed ops they replace: the same bits,
/// on odd sizes, non-contiguous operands and float64 as well as float32.
/// </summary>
public class FastPathTests
{
    private static Tensor Rand(int seed, DType dtype, params int[] shape)
    {
        Tensor.ManualSeed(seed);
        return Tensor.Randn(shape).To(dtype);
    }

    private static void AssertSameBits(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.ToDoubleArray(), actual.ToDoubleArray());
    }

    [Theory]
    [InlineData(DType.Float32, true, false, 7, 5, 3)]
    [InlineData(DType.Float32, false, true, 7, 5, 3)]
    [InlineData(DType.Float64, true, true, 7, 5, 3)]
    // Sizes where the packed GEMM takes both orientations of the weight's gradient (formed as g^T input),
    // with edge tiles in every dimension and more than one block of k.
    [InlineData(DType.Float32, true, false, 50, 37, 29)]
    [InlineData(DType.Float32, true, true, 300, 45, 61)]
    [InlineData(DType.Float64, true, false, 43, 33, 17)]
    // An 80 KB weight: its first gradient is formed straight in long-lived memory.
    [InlineData(DType.Float32, true, false, 64, 160, 128)]
    // One orientation packed, the other not (a single output): the composed form is kept.
    [InlineData(DType.Float32, true, false, 50, 500, 1)]
    [InlineData(DType.Float32, true, false, 3, 40, 33)]
    public void LinearMatchesMatMulPlusBias(DType dtype, bool bias, bool transposedInput, int batch, int inFeatures, int outFeatures)
    {
        var layer = new Linear(inFeatures, outFeatures, bias, dtype);
        var x0 = transposedInput ? Rand(1, dtype, inFeatures, batch).T.Detach() : Rand(1, dtype, batch, inFeatures);
        Assert.Equal(!transposedInput, x0.IsContiguous());
        var x1 = x0.Detach().RequiresGrad_();
        var x2 = x0.Detach().RequiresGrad_();
        // The upstream gradient as a transposed view with a transposed input, row-major otherwise.
        var g = transposedInput ? Rand(2, dtype, outFeatures, batch).T : Rand(2, dtype, batch, outFeatures);

        var fused = layer.Forward(x1);
        Assert.Equal(bias ? "AddmmBackward0" : "MmBackward0", fused.GradFn!.Name);
        fused.Backward(g);
        Assert.Equal(layer.Weight.Storage.IsLarge(), layer.Weight.Grad!.Storage.LongLived);
        var (gw, gb) = (layer.Weight.Grad!.Clone(), layer.Bias?.Grad!.Clone());
        layer.ZeroGrad();

        var composed = x2.MatMul(layer.Weight.T);
        if (bias) composed = composed + layer.Bias!;
        composed.Backward(g);

        AssertSameBits(composed, fused);
        AssertSameBits(x2.Grad!, x1.Grad!);
        AssertSameBits(layer.Weight.Grad!, gw);
        if (bias) AssertSameBits(layer.Bias!.Grad!, gb!);
    }

    [Fact]
    public void LinearGradientsMatchFiniteDifferences()
    {
        var x = Rand(3, DType.Float64, 4, 3).RequiresGrad_();
        var w = Rand(4, DType.Float64, 2, 3).RequiresGrad_();
        var b = Rand(5, DType.Float64, 2).RequiresGrad_();
        Support.GradAssert.Check(t => Tensor.LinearRows(t[0], t[1], t[2]), x, w, b);
    }

    [Theory]
    [InlineData(DType.Float32, Reduction.Mean)]
    [InlineData(DType.Float64, Reduction.Sum)]
    public void MseLossMatchesComposition(DType dtype, Reduction reduction)
    {
        var x0 = Rand(6, dtype, 3, 11).T.Detach();
        var y0 = Rand(7, dtype, 11, 3);
        var (x1, y1) = (x0.Detach().RequiresGrad_(), y0.Detach().RequiresGrad_());
        var (x2, y2) = (x0.Detach().RequiresGrad_(), y0.Detach().RequiresGrad_());

        var fused = Functional.MseLoss(x1, y1, reduction);
        Assert.Equal("MseLossBackward0", fused.GradFn!.Name);
        fused.Backward(Tensor.Scalar(1.5, dtype));
        var d = x2 - y2;
        var composed = reduction == Reduction.Mean ? (d * d).Mean() : (d * d).Sum();
        composed.Backward(Tensor.Scalar(1.5, dtype));

        AssertSameBits(composed, fused);
        AssertSameBits(x2.Grad!, x1.Grad!);
        AssertSameBits(y2.Grad!, y1.Grad!);
    }

    [Theory]
    [InlineData("Tanh", DType.Float32, 5, 9)]
    [InlineData("Sigmoid", DType.Float64, 5, 9)]
    [InlineData("Relu", DType.Float32, 5, 9)]
    // Whole SIMD vectors and a scalar tail.
    [InlineData("Tanh", DType.Float64, 13, 21)]
    [InlineData("Sigmoid", DType.Float32, 13, 21)]
    [InlineData("Relu", DType.Float64, 13, 21)]
    [InlineData("Relu", DType.Float32, 1, 67)]
    public void ActivationBackwardMatchesItsFormula(string name, DType dtype, int rows, int cols)
    {
        var x = Rand(8, dtype, rows, cols).RequiresGrad_();
        Func<Tensor, Tensor> f = name switch { "Tanh" => t => t.Tanh(), "Sigmoid" => t => t.Sigmoid(), _ => t => t.Relu() };
        var y = f(x);
        // An upstream gradient that is a transposed view; ReLU's zeros meet negative values of it too.
        var g = Rand(9, dtype, cols, rows).T;
        y.Backward(g);
        var yd = y.Detach();
        var expected = name switch
        {
            "Tanh" => g * (1.0 - yd * yd),
            "Sigmoid" => g * yd * (1.0 - yd),
            _ => g * yd.Gt(0L),
        };
        AssertSameBits(expected, x.Grad!);
    }

    [Theory]
    [InlineData(DType.Float32, 0.0, 7, 3)]
    [InlineData(DType.Float32, 0.01, 7, 3)]
    [InlineData(DType.Float64, 0.3, 7, 3)]
    // Big enough to be split over the worker team (and not a multiple of the split's alignment).
    [InlineData(DType.Float32, 0.01, 301, 333)]
    public void SgdFusedUpdateMatchesComposedUpdate(DType dtype, double weightDecay, int rows, int cols)
    {
        var (fast, slow) = StepBoth(dtype, ps => new SGD(ps, lr: 0.1, weightDecay: weightDecay), steps: 3, rows, cols);
        AssertSameBits(slow, fast);
    }

    [Theory]
    [InlineData(DType.Float32, 37)]
    [InlineData(DType.Float64, 37)]
    [InlineData(DType.Float32, 200)]
    [InlineData(DType.Float64, 131)]
    [InlineData(DType.Float32, 100_003)]
    [InlineData(DType.Float64, 70_001)]
    public void AllFiniteFindsEveryInfinityAndNaN(DType dtype, int length)
    {
        var t = Tensor.Zeros([length], dtype) + 1.5;
        Assert.True(t.AllFinite());
        // The first element, one inside the SIMD part, the scalar tail, and the last piece of a split.
        foreach (int at in new[] { 0, length / 3, length - 1, length - 70 })
        {
            foreach (double bad in new[] { double.PositiveInfinity, double.NegativeInfinity, double.NaN })
            {
                var u = t.Clone();
                u[$"{at}"] = Tensor.Scalar(bad, dtype);
                Assert.False(u.AllFinite(), $"{bad} at {at} of {length}");
                Assert.False(u.Flip(0).AllFinite());
            }
        }
        Assert.True((t * -1e300).Clamp(-3e38, 3e38).AllFinite());
    }

    [Fact]
    public void LargeGradientIsZeroedEverywhere()
    {
        var t = Rand(13, DType.Float32, 300, 301);
        t.Zero_();
        Assert.All(t.ToFloatArray(), v => Assert.Equal(0f, v));
        var d = Rand(13, DType.Float64, 70000);
        d.Fill_(2.5);
        Assert.All(d.ToDoubleArray(), v => Assert.Equal(2.5, v));
    }

    /// <summary>
    /// A Linear weight whose gradient exists (zeroed, or holding an earlier step's) gets the weight
    /// gradient added straight into it by the GEMM, or keeps the freshly formed one when it had none:
    /// the same bits as the composed ops over several steps, batches below and above one block of k.
    /// </summary>
    [Theory]
    [InlineData(50, 37, 29, false)]
    [InlineData(50, 37, 29, true)]
    [InlineData(300, 45, 61, false)]
    [InlineData(300, 45, 61, true)]
    public void LinearWeightGradientAccumulatesLikeTheComposedOps(int batch, int inFeatures, int outFeatures, bool setToNone)
    {
        var layer = new Linear(inFeatures, outFeatures);
        var weight = layer.Weight.Detach().Clone().RequiresGrad_();
        var bias = layer.Bias!.Detach().Clone().RequiresGrad_();
        for (int step = 0; step < 3; step++)
        {
            var x = Rand(20 + step, DType.Float32, batch, inFeatures);
            var g = Rand(30 + step, DType.Float32, batch, outFeatures);
            // Steps 0 and 1 add onto what is there (no zeroing between them), step 2 starts from zeros or none.
            if (step == 2)
            {
                layer.ZeroGrad(setToNone);
                weight.ZeroGrad(setToNone);
                bias.ZeroGrad(setToNone);
            }
            layer.Forward(x).Backward(g);
            (x.MatMul(weight.T) + bias).Backward(g);
            AssertSameBits(weight.Grad!, layer.Weight.Grad!);
            AssertSameBits(bias.Grad!, layer.Bias!.Grad!);
        }
        Assert.True(layer.Weight.Grad!.IsContiguous());
    }

    [Fact]
    public void ParametersAndGradientsOfLargeLayersLiveInTheOldestGeneration()
    {
        // Pinned, never-compacted memory: collections do not copy a model's weights and gradients
        // (nor momentum buffers, made the same way).
        var large = new Linear(200, 100);
        var small = new Linear(3, 2);
        var opt = new SGD([.. large.Parameters(), .. small.Parameters()], lr: 0.1, momentum: 0.9);
        large.Forward(Rand(1, DType.Float32, 8, 200)).Sum().Backward();
        small.Forward(Rand(2, DType.Float32, 8, 3)).Sum().Backward();
        opt.Step();
        int oldest = GC.MaxGeneration;
        Assert.Equal(oldest, GC.GetGeneration(large.Weight.Storage.Buffer));
        Assert.Equal(oldest, GC.GetGeneration(large.Weight.Grad!.Storage.Buffer));
        // The adopted gradient is a copy: the values are those of the product, not shared with any other tensor.
        var expected = Rand(1, DType.Float32, 8, 200).Sum(0).Unsqueeze(0).Expand(100, 200);
        Assert.True(large.Weight.Grad!.AllClose(expected));
    }

    [Fact]
    public void SharedLinearWeightSumsBothUsesBeforeAccumulating()
    {
        var layer = new Linear(40, 40);
        var x = Rand(40, DType.Float32, 60, 40);
        var w = layer.Weight.Detach().Clone().RequiresGrad_();
        var b = layer.Bias!.Detach().Clone().RequiresGrad_();
        layer.ZeroGrad(setToNone: false);
        w.Grad = Tensor.ZerosLike(w);
        b.Grad = Tensor.ZerosLike(b);
        // The same layer twice: its weight takes two input slots, so both contributions are summed first.
        layer.Forward(layer.Forward(x)).Sum().Backward();
        var h = x.MatMul(w.T) + b;
        (h.MatMul(w.T) + b).Sum().Backward();
        AssertSameBits(w.Grad!, layer.Weight.Grad!);
    }

    [Theory]
    [InlineData(DType.Float32, 0.0, false, false)]
    [InlineData(DType.Float32, 0.01, false, true)]
    [InlineData(DType.Float64, 0.1, true, false)]
    public void AdamFusedUpdateMatchesComposedUpdate(DType dtype, double weightDecay, bool decoupled, bool maximize)
    {
        var (fast, slow) = StepBoth(dtype, ps => decoupled
            ? new AdamW(ps, lr: 0.01, weightDecay: weightDecay, maximize: maximize)
            : new Adam(ps, lr: 0.01, weightDecay: weightDecay, maximize: maximize), steps: 4);
        AssertSameBits(slow, fast);
    }

    /// <summary>
    /// The same parameter values stepped twice: as a contiguous leaf (the fused path) and as a transposed
    /// leaf (not contiguous, so the optimizer composes tensor ops); returns both, in the same layout.
    /// </summary>
    private static (Tensor Fast, Tensor Slow) StepBoth(DType dtype, Func<Tensor[], Optimizer> make, int steps, int rows = 7, int cols = 3)
    {
        var values = Rand(10, dtype, rows, cols);
        var fast = values.Clone().RequiresGrad_();
        var slow = values.T.Contiguous().T.Detach().RequiresGrad_();
        Assert.False(slow.IsContiguous());
        var (of, os) = (make([fast]), make([slow]));
        for (int i = 0; i < steps; i++)
        {
            var grad = Rand(11 + i, dtype, rows, cols);
            fast.Grad = grad.Clone();
            slow.Grad = grad.Clone();
            of.Step();
            os.Step();
        }
        return (fast.Detach(), slow.Detach());
    }

    [Theory]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { 1, 2 })]
    [InlineData(new int[0])]
    public void SumOverTrailingDimsOfContiguousTensorMatchesPermutedCopy(int[] dims)
    {
        var x = Rand(12, DType.Float32, 3, 5, 7);
        var viaCopy = x.Permute(2, 1, 0).Contiguous().Permute(2, 1, 0);
        Assert.False(viaCopy.IsContiguous());
        AssertSameBits(viaCopy.Sum(dims), x.Sum(dims));
        AssertSameBits(viaCopy.Sum(dims, keepDim: true), x.Sum(dims, keepDim: true));
    }

    [Fact]
    public void BackwardAfterAFailedPassStartsClean()
    {
        var x = Tensor.Ones(3).RequiresGrad_();
        var y = (x * 2.0).Sum();
        y.Backward(retainGraph: true);
        Assert.Throws<ShapeMismatchException>(() => y.Backward(Tensor.Ones(2)));
        y.Backward();
        Assert.Equal(new[] { 4.0, 4.0, 4.0 }, x.Grad!.ToDoubleArray());
    }
}
