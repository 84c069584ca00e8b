using System.Diagnostics;
using NNTools.Autograd;
using NNTools.Data;
using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Bench;

/// <summary>
/// W1-W6 of ../shared/bench/anchors/README.md (and W7, <see cref="DigitsCnn"/>) through the engine's own API, step for step as
/// anchors.py: same seeds and order of draws, shapes, hyper-parameters and step counts (divided by
/// <c>quick</c>). Only the loop is timed; data and model are built before the clock starts.
/// </summary>
internal static class Workloads
{
    public static readonly string[] All = ["W1", "W2", "W3", "W4", "W5", "W6", "W7"];

    public static Measurement Run(string id, int quick) => id switch
    {
        "W1" => W1Regression(Scale(50_000, quick)),
        "W2" => W2ToyAdam(Scale(10_000, quick)),
        "W3" => W3Moons(Scale(1000, quick)),
        "W4" => W4HiddenTanh(Scale(5000, quick)),
        "W5" => W5BigMlp(Math.Max(5, Scale(50, quick))),
        "W6" => W6Sgemm([256, 512, 1024, 2048]),
        "W7" => DigitsCnn.Run(Math.Max(1, 10 / Math.Max(1, quick))),
        _ => throw new ArgumentException($"unknown workload {id}; expected one of {string.Join(", ", All)}"),
    };

    /// <summary>
    /// The loss before training, under no-grad and before the timer starts, as every workload of
    /// anchors.py computes it (reported beside PyTorch's as a check that both start from the same model).
    /// </summary>
    private static double InitialLoss(Func<Tensor> loss)
    {
        using (GradMode.NoGrad()) return loss().ToDouble();
    }

    public static int Scale(int steps, int quick) => Math.Max(1, steps / Math.Max(1, quick));

    /// <summary>Linear(1,4) ReLU Linear(4,1), MSE, SGD lr 0.01, full batch of 100.</summary>
    private static Measurement W1Regression(int steps)
    {
        Tensor.ManualSeed(0);
        var x = Tensor.Linspace(-1, 1, 100).Unsqueeze(1);
        var y = x.Exp() + 0.1 * Tensor.Randn(x.Shape);
        var model = Layers.Mlp([1, 4, 1]);
        var lossFn = new MSELoss();
        var opt = new SGD(model.Parameters(), lr: 0.01);
        double init = InitialLoss(() => lossFn.Compute(model.Forward(x), y));
        Tensor loss = Tensor.Scalar(0);
        var timer = new LoopTimer();
        for (int i = 0; i < steps; i++)
        {
            opt.ZeroGrad(setToNone: false);
            loss = lossFn.Compute(model.Forward(x), y);
            loss.Backward();
            opt.Step();
        }
        return timer.Stop("W1", steps, loss.ToDouble()) with { InitLoss = init };
    }

    /// <summary>Linear(3,4) ReLU Linear(4,2) Sigmoid, MSE, Adam lr 0.01, on the assignment's 20 points.</summary>
    private static Measurement W2ToyAdam(int steps)
    {
        Tensor.ManualSeed(0);
        var x = Tensor.Randn(20, 3);
        var (x0, x1, x2) = (x.Select(1, 0), x.Select(1, 1), x.Select(1, 2));
        var a = (x0 + x1) * x2.Gt(0.0) + (x0 - x1) * x2.Lt(0.0);
        var b = x.Norm(2, 1);
        var y = Tensor.Stack([a, b]).T.Abs().Gt(1.33).Float();
        var model = Layers.Mlp([3, 4, 2], "ReLU", "Sigmoid");
        var opt = new Adam(model.Parameters(), lr: 0.01);
        double init = InitialLoss(() => Functional.MseLoss(model.Forward(x), y));
        Tensor loss = Tensor.Scalar(0);
        var timer = new LoopTimer();
        for (int i = 0; i < steps; i++)
        {
            opt.ZeroGrad(setToNone: false);
            loss = Functional.MseLoss(model.Forward(x), y);
            loss.Backward();
            opt.Step();
        }
        return timer.Stop("W2", steps, loss.ToDouble()) with { InitLoss = init };
    }

    /// <summary>
    /// Moons (200 points, noise 0.1, seed 0: the same values as moons.csv), Linear(2,500) ReLU
    /// Linear(500,500) ReLU Linear(500,1) Sigmoid, BCE, SGD lr 0.5 weight decay 0.01, shuffled
    /// batches of 50 from a DataLoader.
    /// </summary>
    private static Measurement W3Moons(int epochs)
    {
        var run = new MoonsLoop();
        double init = InitialLoss(run.FullBatchLoss);
        var timer = new LoopTimer();
        int steps = run.Epochs(epochs);
        var m = timer.Stop("W3", steps, null);
        using (GradMode.NoGrad()) return m with { InitLoss = init, FinalLoss = run.FullBatchLoss().ToDouble() };
    }

    /// <summary>Raw tensors: y_pred = tanh(X W) w, loss 0.5 mean((y_pred - y)^2), manual update lr 0.1 under no-grad.</summary>
    private static Measurement W4HiddenTanh(int steps, double lr = 0.1)
    {
        Tensor.ManualSeed(0);
        var x = Tensor.Randn(100, 50);
        var y = Tensor.Randint(0, 2, [100]).Float() * 2 - 1;
        var w1 = Tensor.Randn(50, 11).RequiresGrad_();
        var w2 = Tensor.Randn(11).RequiresGrad_();
        double init = InitialLoss(() => 0.5 * (x.MatMul(w1).Tanh().MatMul(w2) - y).Pow(2).Mean());
        Tensor loss = Tensor.Scalar(0);
        var timer = new LoopTimer();
        for (int i = 0; i < steps; i++)
        {
            var yPred = x.MatMul(w1).Tanh().MatMul(w2);
            loss = 0.5 * (yPred - y).Pow(2).Mean();
            loss.Backward();
            using (GradMode.NoGrad())
            {
                w1.Sub_(lr * w1.Grad!);
                w2.Sub_(lr * w2.Grad!);
                w1.Grad!.Zero_();
                w2.Grad!.Zero_();
            }
        }
        return timer.Stop("W4", steps, loss.ToDouble()) with { InitLoss = init };
    }

    /// <summary>Linear(784,1024) ReLU Linear(1024,1024) ReLU Linear(1024,10), cross-entropy, SGD lr 0.01, a random batch of 256.</summary>
    private static Measurement W5BigMlp(int steps, int batch = 256)
    {
        Tensor.ManualSeed(0);
        var model = Layers.Mlp([784, 1024, 1024, 10]);
        var x = Tensor.Randn(batch, 784);
        var target = Tensor.Randint(0, 10, [batch]);
        var lossFn = new CrossEntropyLoss();
        var opt = new SGD(model.Parameters(), lr: 0.01);
        double init = InitialLoss(() => lossFn.Compute(model.Forward(x), target));
        var stepTimes = new double[steps];
        Tensor loss = Tensor.Scalar(0);
        var timer = new LoopTimer();
        for (int i = 0; i < steps; i++)
        {
            long s = Stopwatch.GetTimestamp();
            opt.ZeroGrad(setToNone: false);
            loss = lossFn.Compute(model.Forward(x), target);
            loss.Backward();
            opt.Step();
            stepTimes[i] = Stopwatch.GetElapsedTime(s).TotalSeconds;
        }
        var m = timer.Stop("W5", steps, loss.ToDouble());
        Array.Sort(stepTimes);
        return m with { InitLoss = init, MedianStepSeconds = stepTimes[steps / 2] };
    }

    /// <summary>C = A B for square float32 n x n; the best of up to 10 samples of about 50 ms each after a warm-up, as anchors.py.</summary>
    private static Measurement W6Sgemm(int[] sizes)
    {
        Tensor.ManualSeed(0);
        var gflops = new Dictionary<int, double>();
        var timer = new LoopTimer();
        foreach (int n in sizes)
        {
            var a = Tensor.Randn(n, n);
            var b = Tensor.Randn(n, n);
            double flop = 2.0 * n * n * n;
            a.MatMul(b);
            long s = Stopwatch.GetTimestamp();
            a.MatMul(b);
            double one = Stopwatch.GetElapsedTime(s).TotalSeconds;
            int inner = Math.Max(1, (int)(0.05 / Math.Max(one, 1e-7)));
            var samples = new List<double>();
            var budget = Stopwatch.StartNew();
            while (samples.Count < 10 && (samples.Count < 3 || budget.Elapsed.TotalSeconds < 6.0))
            {
                s = Stopwatch.GetTimestamp();
                for (int i = 0; i < inner; i++) a.MatMul(b);
                samples.Add(Stopwatch.GetElapsedTime(s).TotalSeconds / inner);
            }
            gflops[n] = flop / samples.Min() / 1e9;
        }
        return timer.Stop("W6", 0, null) with { Gflops = gflops };
    }
}
