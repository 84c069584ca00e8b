using NNTools.NN;

namespace NNTools.Onnx;

/// <summary>
/// The smooth activations, composed from operators of opset 17 (Gelu and Mish arrive only in later
/// opsets; Softplus there has no beta or threshold) that ONNX Runtime runs in float32 and float64.
/// Each constant is a scalar initializer of the model's dtype, named after the layer.
/// </summary>
public static partial class OnnxExport
{
    /// <summary>The nodes of a GELU, SiLU, ELU, Softplus, Hardtanh or Mish layer; null for any other layer.</summary>
    private static string? SmoothActivationNodes(OnnxGraph graph, string name, Module layer, string x)
    {
        int constants = 0;
        string Constant(double value) => graph.Initializer($"{name}.c{constants++}", Tensor.Scalar(value, graph.DType));
        string Mul(string a, string b) => graph.Node("Mul", name, [a, b]);
        string Add(string a, string b) => graph.Node("Add", name, [a, b]);
        // log(1 + e^z) as max(z, 0) + log(1 + e^-|z|), which neither overflows nor rounds e^z away; composed
        // rather than ONNX's Softplus, which ONNX Runtime implements for float32 only.
        string SoftplusOf(string z) => Add(graph.Node("Relu", name, [z]),
            graph.Node("Log", name, [Add(Constant(1), graph.Node("Exp", name, [graph.Node("Neg", name, [graph.Node("Abs", name, [z])])]))]));
        switch (layer)
        {
            case GELU { Approximate: "tanh" }:
                // 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))
                var cube = Mul(Mul(x, x), x);
                var inner = Mul(Constant(0.7978845608028654), Add(x, Mul(Constant(0.044715), cube)));
                return Mul(Mul(Constant(0.5), x), Add(Constant(1), graph.Node("Tanh", name, [inner])));
            case GELU:
                // x 0.5 (1 + erf(x / √2))
                return Mul(Mul(x, Constant(0.5)), Add(Constant(1), graph.Node("Erf", name, [Mul(x, Constant(0.7071067811865476))])));
            case SiLU:
                return Mul(x, graph.Node("Sigmoid", name, [x]));
            case ELU e:
                // Composed rather than ONNX's Elu, which ONNX Runtime implements for float32 only.
                var negative = Mul(graph.Node("Sub", name, [graph.Node("Exp", name, [x]), Constant(1)]), Constant(e.Alpha));
                return graph.Node("Where", name, [graph.Node("Greater", name, [x, Constant(0)]), x, negative]);
            case Softplus s:
                // x itself past the threshold, as torch's softplus.
                var scaled = Mul(x, Constant(s.Beta));
                var smooth = graph.Node("Div", name, [SoftplusOf(scaled), Constant(s.Beta)]);
                return graph.Node("Where", name, [graph.Node("Greater", name, [scaled, Constant(s.Threshold)]), x, smooth]);
            case Hardtanh h:
                return graph.Node("Clip", name, [x, Constant(h.MinVal), Constant(h.MaxVal)]);
            case Mish:
                return Mul(x, graph.Node("Tanh", name, [SoftplusOf(x)]));
            default:
                return null;
        }
    }
}
