using System.Text.Json.Nodes;

namespace NNTools.NN;

/// <summary>The descriptions of ConvTranspose2d, the recurrent layers and LastTimeStep, under PyTorch's argument names.</summary>
public static partial class Architecture
{
    // A method, not a field: static fields of partial classes initialise in an order between files that C# leaves open.
    private static Kind[] RecurrentKinds() =>
    [
        Layer<ConvTranspose2d>("ConvTranspose2d",
            (l, j) =>
            {
                j["in"] = l.InChannels; j["out"] = l.OutChannels; j["kernel_size"] = Pair(l.KernelSize); j["stride"] = Pair(l.Stride);
                j["padding"] = Pair(l.Padding); j["output_padding"] = Pair(l.OutputPadding); j["dilation"] = Pair(l.Dilation); j["groups"] = l.Groups;
                j["bias"] = l.Bias is not null; j["dtype"] = l.Weight.DType.ToString().ToLowerInvariant();
            },
            // A private generator: rebuilding a model must not move the user's random stream.
            a => new ConvTranspose2d(a.Int("in"), a.Int("out"), Ints(a.Array("kernel_size")), Ints(a.Array("stride")), Ints(a.Array("padding")),
                Ints(a.Array("output_padding")), a.Int("groups"), a.Bool("bias"), Ints(a.Array("dilation")), a.DType("dtype"), new Generator(0)),
            a =>
            {
                var k = Ints(a.Array("kernel_size"));
                long perInput = checked((long)a.Int("out") / Math.Max(a.Int("groups"), 1) * k.Aggregate(1L, (n, s) => checked(n * s)));
                return checked(a.Int("in") * perInput + (a.Bool("bias") ? a.Int("out") : 0));
            }),
        RecurrentKind<RNN>("RNN", 1, (l, j) => j["nonlinearity"] = l.Nonlinearity,
            (a, i, h, n, bias, first, p, bi, dtype) => new RNN(i, h, n, a.String("nonlinearity"), bias, first, p, bi, dtype, new Generator(0))),
        RecurrentKind<LSTM>("LSTM", 4, (_, _) => { },
            (_, i, h, n, bias, first, p, bi, dtype) => new LSTM(i, h, n, bias, first, p, bi, dtype, new Generator(0))),
        RecurrentKind<GRU>("GRU", 3, (_, _) => { },
            (_, i, h, n, bias, first, p, bi, dtype) => new GRU(i, h, n, bias, first, p, bi, dtype, new Generator(0))),
        Layer<LastTimeStep>("LastTimeStep", (l, j) => j["dim"] = l.Dim, a => new LastTimeStep(a.Int("dim", allowNegative: true))),
    ];

    private delegate Module RecurrentBuild(Args a, int inputSize, int hiddenSize, int numLayers, bool bias, bool batchFirst, double dropout,
        bool bidirectional, DType dtype);

    private static Kind RecurrentKind<T>(string name, int gates, Action<T, JsonObject> extra, RecurrentBuild build) where T : RNNBase =>
        Layer<T>(name,
            (l, j) =>
            {
                j["input_size"] = l.InputSize; j["hidden_size"] = l.HiddenSize; j["num_layers"] = l.NumLayers; j["bias"] = l.Bias;
                j["batch_first"] = l.BatchFirst; j["dropout"] = l.Dropout; j["bidirectional"] = l.Bidirectional;
                j["dtype"] = l.Parameters()[0].DType.ToString().ToLowerInvariant();
                extra(l, j);
            },
            // A private generator (in each build): rebuilding a model must not move the user's random stream.
            a => build(a, a.Int("input_size"), a.Int("hidden_size"), a.Int("num_layers"), a.Bool("bias"), a.Bool("batch_first"), a.Double("dropout"),
                a.Bool("bidirectional"), a.DType("dtype")),
            a =>
            {
                // The first layer reads the input; each later one reads the previous layer's D * hidden features.
                long hidden = a.Int("hidden_size"), directions = a.Bool("bidirectional") ? 2 : 1, biases = a.Bool("bias") ? 2 : 0;
                long first = checked(directions * gates * hidden * (a.Int("input_size") + hidden + biases));
                long later = checked(directions * gates * hidden * (directions * hidden + hidden + biases));
                return checked(first + Math.Max(a.Int("num_layers") - 1, 0) * later);
            });
}
