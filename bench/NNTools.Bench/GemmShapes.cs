using System.Diagnostics;
using System.Globalization;

namespace NNTools.Bench;

/// <summary>
/// `shapes`: GFLOP/s of the matrix products a training step of W3 and W5 makes, each in the layout
/// the Linear layer uses: forward x W^T, input gradient g W, weight gradient g^T x. Not a workload of
/// the anchors (PyTorch has no counterpart here): it shows where a step's GEMM time goes.
/// </summary>
internal static class GemmShapes
{
    private static readonly (string Name, int Batch, int In, int Out)[] Layers =
    [
        ("W3 500x500", 50, 500, 500),
        ("W5 784x1024", 256, 784, 1024),
        ("W5 1024x1024", 256, 1024, 1024),
        ("W5 1024x10", 256, 1024, 10),
    ];

    public static int Run()
    {
        Tensor.ManualSeed(0);
        Console.WriteLine("| layer (batch) | forward x W^T | input grad g W | weight grad g^T x |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, batch, inF, outF) in Layers)
        {
            var x = Tensor.Randn(batch, inF);
            var w = Tensor.Randn(outF, inF);
            var g = Tensor.Randn(batch, outF);
            double flop = 2.0 * batch * inF * outF;
            string Rate(Func<Tensor> product) => (flop / BestSeconds(product) / 1e9).ToString("F0", CultureInfo.InvariantCulture) + " GFLOP/s";
            Console.WriteLine($"| {name} ({batch}) | {Rate(() => x.MatMul(w.T))} | {Rate(() => g.MatMul(w))} | {Rate(() => g.T.MatMul(x))} |");
        }
        return 0;
    }

    /// <summary>The best of 7 samples of about 20 ms each, after a warm-up.</summary>
    private static double BestSeconds(Func<Tensor> product)
    {
        product();
        long s = Stopwatch.GetTimestamp();
        product();
        int inner = Math.Max(1, (int)(0.02 / Math.Max(Stopwatch.GetElapsedTime(s).TotalSeconds, 1e-7)));
        double best = double.MaxValue;
        for (int sample = 0; sample < 7; sample++)
        {
            s = Stopwatch.GetTimestamp();
            for (int i = 0; i < inner; i++) product();
            best = Math.Min(best, Stopwatch.GetElapsedTime(s).TotalSeconds / inner);
        }
        return best;
    }
}
