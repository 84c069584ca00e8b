using NNTools.Autograd;
using NNTools.Data;
using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Bench;

/// <summary>
/// W7, a digits CNN, step for step as bench/python/w7_digits.py: the shipped 8x8 digits scaled to
/// [0, 1] and upscaled to 16x16 (each pixel repeated 2x2, so the second convolution still has room);
/// Conv2d(1,16,3) ReLU MaxPool2d(2) Conv2d(16,32,3) ReLU MaxPool2d(2) Flatten Linear(128,10) from
/// seed 0; cross-entropy; Adam lr 1e-3; each epoch a fresh permutation cut into 28 batches of 64.
/// </summary>
internal static class DigitsCnn
{
    public const int BatchSize = 64;

    public static Measurement Run(int epochs)
    {
        var digits = Datasets.LoadDigits().ToSampleSet();
        int n = digits.X.Shape[0];
        var x = (digits.X / 16.0).View(n, 1, 8, 1, 8, 1).Expand(n, 1, 8, 2, 8, 2).Reshape(n, 1, 16, 16).Contiguous();
        var y = digits.Y;
        Tensor.ManualSeed(0);
        var model = new Sequential(
            new Conv2d(1, 16, 3), new ReLU(), new MaxPool2d(2),
            new Conv2d(16, 32, 3), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Linear(128, 10));
        var optimizer = new Adam(model.Parameters(), lr: 1e-3);
        double init;
        using (GradMode.NoGrad()) init = Functional.CrossEntropy(model.Forward(x), y).ToDouble();
        int batches = n / BatchSize, steps = 0;
        var timer = new LoopTimer();
        for (int e = 0; e < epochs; e++)
        {
            var perm = Tensor.Randperm(n);
            for (int b = 0; b < batches; b++)
            {
                var index = perm.Narrow(0, b * BatchSize, BatchSize);
                optimizer.ZeroGrad(setToNone: false);
                var loss = Functional.CrossEntropy(model.Forward(x.IndexSelect(0, index)), y.IndexSelect(0, index));
                loss.Backward();
                optimizer.Step();
                steps++;
            }
        }
        var m = timer.Stop("W7", steps, null);
        using (GradMode.NoGrad()) return m with { InitLoss = init, FinalLoss = Functional.CrossEntropy(model.Forward(x), y).ToDouble() };
    }
}
