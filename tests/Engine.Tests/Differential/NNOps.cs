using System.Reflection;
using NNTools.NN;

namespace NNTools.Tests.Differential;

/// <summary>
/// The NN area's replay table (families_nn.py). The engine has batch_norm, layer_norm and embedding
/// as modules only (their parameters and running statistics float32 tensors of their own), so the
/// replay builds the module and points its Weight, Bias, RunningMean and RunningVar at the case's
/// inputs: the module's own Forward then runs on them, their gradients reach the case's leaves, and
/// the running statistics it updates are the tensors the case compares (torch's F.batch_norm updates
/// the running_mean and running_var it is given in place).
/// </summary>
[DifferentialOpSet]
internal static class NNOps
{
    public static void Register(Dictionary<string, DifferentialOps.Op> t)
    {
        t["nn_batch_norm"] = BatchNorm;
        t["nn_layer_norm"] = (x, k) =>
        {
            bool affine = k.Bool("affine");
            var m = new LayerNorm(k.Ints("normalized_shape"), k.Double("eps"), affine);
            if (affine) Point(m, typeof(LayerNorm), ("Weight", x[1]), ("Bias", x[2]));
            return m.Forward(x[0]);
        };
        t["nn_embedding"] = (x, k) =>
        {
            var m = new Embedding(x[1].Size(0), x[1].Size(1));
            Point(m, typeof(Embedding), ("Weight", x[1]));
            return m.Forward(x[0]);
        };
        t["nn_avg_pool2d"] = (x, k) => new AvgPool2d(Pair(k, "kernel_size"), k.Has("stride") ? Pair(k, "stride") : null, Pair(k, "padding")).Forward(x[0]);
        t["nn_adaptive_avg_pool2d"] = (x, k) => new AdaptiveAvgPool2d(Pair(k, "output_size")).Forward(x[0]);
        t["nn_max_pool2d"] = (x, k) => x[0].MaxPool2d(Pair(k, "kernel_size"), k.Has("stride") ? Pair(k, "stride") : null, Pair(k, "padding"),
            Pair(k, "dilation"), k.Bool("ceil_mode"));
        t["nn_conv2d"] = (x, k) => Tensor.Conv2d(x[0], x[1], k.Bool("bias") ? x[2] : null, Pair(k, "stride"), Pair(k, "padding"),
            Pair(k, "dilation"), k.Int("groups"));
    }

    private static object BatchNorm(Tensor[] x, Kw k)
    {
        bool affine = k.Bool("affine"), stats = k.Bool("stats"), training = k.Bool("training");
        int i = affine ? 3 : 1;
        // The module's features are the parameters' (or statistics') size, as torch checks the input against them.
        int features = affine ? x[1].Size(0) : stats ? x[i].Size(0) : x[0].Size(1);
        var m = x[0].Ndim == 4 ? (NNTools.NN.BatchNorm)new BatchNorm2d(features, k.Double("eps"), k.Double("momentum"), affine, stats)
            : new BatchNorm1d(features, k.Double("eps"), k.Double("momentum"), affine, stats);
        if (affine) Point(m, typeof(NNTools.NN.BatchNorm), ("Weight", x[1]), ("Bias", x[2]));
        if (stats) Point(m, typeof(NNTools.NN.BatchNorm), ("RunningMean", x[i]), ("RunningVar", x[i + 1]));
        m.Train(training);
        var y = m.Forward(x[0]);
        return stats && training ? new[] { y, x[i], x[i + 1] } : y;
    }

    private static void Point(NNTools.NN.Module m, Type type, params (string Property, Tensor Value)[] fields)
    {
        foreach (var (property, value) in fields)
        {
            type.GetField($"<{property}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(m, value);
        }
    }

    private static int[] Pair(Kw k, string name) => k.IsList(name) ? k.Ints(name) : [k.Int(name)];
}
