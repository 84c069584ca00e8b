using global::Onnx;
using NNTools.NN;
using static NNTools.Onnx.OnnxGraph;

namespace NNTools.Onnx;

/// <summary>
/// RNN, LSTM and GRU as ONNX's RNN, LSTM and GRU nodes, one per layer, and LastTimeStep as a Gather.
/// ONNX orders the gates differently from PyTorch (LSTM i, o, f, c against i, f, g, o; GRU z, r, h
/// against r, z, n), keeps both directions in one node's weights [D, gates*H, in] and its biases as
/// [D, 2*gates*H] (input then recurrent), and writes its output as [T, D, N, H].
/// </summary>
public static partial class OnnxExport
{
    private static string RecurrentNodes(OnnxGraph graph, string name, Func<string, string> prefixed, RNNBase r, string x, int rank)
    {
        if (rank != 3)
        {
            throw Raise(new TensorArgumentException("OnnxUnsupportedLayer",
                $"the layer '{name}' is a {r.GetType().Name} on a rank-{rank} input; ONNX export takes batched sequences (rank 3)"));
        }
        var (op, order) = r switch
        {
            LSTM => ("LSTM", new[] { 0, 3, 1, 2 }),
            GRU => ("GRU", new[] { 1, 0, 2 }),
            _ => ("RNN", new[] { 0 }),
        };
        int directions = r.Bidirectional ? 2 : 1;
        var state = r.StateDict();
        // Time-major inside: ONNX's layout=1 (batch first) is not run by every runtime.
        if (r.BatchFirst) x = graph.Node("Transpose", name, [x], Ints("perm", [1, 0, 2]));
        for (int layer = 0; layer < r.NumLayers; layer++)
        {
            Tensor Stacked(string key) => Tensor.Stack([.. Enumerable.Range(0, directions).Select(d => Reordered(state[$"{key}_l{layer}{(d == 1 ? "_reverse" : "")}"], order))], 0);
            var biases = r.Bias
                ? Tensor.Cat([Stacked("bias_ih"), Stacked("bias_hh")], 1)
                : Tensor.Zeros([directions, 2 * order.Length * r.HiddenSize], state[$"weight_ih_l{layer}"].DType);
            string key = prefixed($"l{layer}");
            var attributes = new List<AttributeProto> { Int("hidden_size", r.HiddenSize), String("direction", r.Bidirectional ? "bidirectional" : "forward") };
            if (r is GRU) attributes.Add(Int("linear_before_reset", 1));
            if (r is RNN { Nonlinearity: "relu" }) attributes.Add(Strings("activations", Enumerable.Repeat("Relu", directions)));
            var y = graph.Node(op, name, [x, graph.Initializer($"{key}.W", Stacked("weight_ih")), graph.Initializer($"{key}.R", Stacked("weight_hh")),
                graph.Initializer($"{key}.B", biases)], [.. attributes]);
            // [T, D, N, H] -> [T, N, D, H] -> [T, N, D*H], the directions side by side as PyTorch lays them.
            x = graph.Node("Reshape", name, [graph.Node("Transpose", name, [y], Ints("perm", [0, 2, 1, 3])), graph.Int64s($"{key}.shape", [0, 0, -1])]);
        }
        return r.BatchFirst ? graph.Node("Transpose", name, [x], Ints("perm", [1, 0, 2])) : x;
    }

    /// <summary>A weight or bias [gates*H, ...] with its gate blocks in ONNX's order.</summary>
    private static Tensor Reordered(Tensor t, int[] order)
    {
        var blocks = t.Chunk(order.Length, 0);
        return Tensor.Cat([.. order.Select(i => blocks[i])], 0);
    }

    private static string LastStepNodes(OnnxGraph graph, string name, LastTimeStep t, string x, int rank)
    {
        int dim = t.Dim < 0 ? t.Dim + rank : t.Dim;
        if (dim < 0 || dim >= rank)
        {
            throw Raise(new TensorArgumentException("OnnxUnsupportedLayer", $"the layer '{name}' is LastTimeStep(dim={t.Dim}) on a rank-{rank} input, which has no dim {t.Dim}"));
        }
        var step = graph.Node("Gather", name, [x, graph.Int64s($"{name}.index", [-1])], Int("axis", dim));
        return graph.Node("Squeeze", name, [step, graph.Int64s($"{name}.axes", [dim])]);
    }
}
