using Google.Protobuf;
using NNTools.Data;
using NNTools.IO;
using NNTools.NN;
using Onnx;
using static NNTools.Onnx.OnnxGraph;

namespace NNTools.Onnx;

/// <summary>
/// Models built from the built-in layers as ONNX files (IR version 8, operator set 17) that ONNX
/// Runtime and other ONNX tools run without NNTools. The graph is the model in eval mode (Dropout is
/// the identity); a model with <see cref="Module.Preprocessing"/> gets its standardisation and category
/// encoding as the first nodes, so the file scores raw table features. Batch size (and a conv net's
/// image height and width) are symbolic dims.
/// </summary>
public static partial class OnnxExport
{
    /// <summary>The ONNX operator set the files use.</summary>
    public const int Opset = 17;

    /// <summary>The ai.onnx.ml operator set, used only for categorical columns (LabelEncoder).</summary>
    public const int MlOpset = 3;

    /// <summary>Writes the ONNX file atomically; an existing file is replaced only with <paramref name="overwrite"/>.</summary>
    public static void Save(string path, Module model, bool overwrite = false)
    {
        var proto = ToModelProto(model);
        AtomicFile.Write(path, overwrite, proto.WriteTo);
    }

    /// <summary>The bytes <see cref="Save"/> writes.</summary>
    public static byte[] Serialize(Module model) => ToModelProto(model).ToByteArray();

    internal static ModelProto ToModelProto(Module model)
    {
        ThrowIfNull(model);
        var layers = Layers(model);
        var first = layers.FirstOrDefault(l => l.Layer.Parameters().Count > 0).Layer;
        var dtype = first?.Parameters()[0].DType ?? DType.Float32;
        var graph = new OnnxGraph(dtype);
        var (current, rank) = model.Preprocessing is { } preprocessing
            ? (PreprocessingNodes(graph, preprocessing), 2)
            : InputOf(graph, layers);
        foreach (var (path, layer) in layers) (current, rank) = LayerNodes(graph, path, layer, current, rank);
        graph.Output("output", current);
        var proto = new ModelProto
        {
            IrVersion = (long)global::Onnx.Version.IrVersion,
            ProducerName = "NNTools",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString(3) ?? "",
            Graph = graph.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        if (graph.Graph.Node.Any(n => n.Domain == "ai.onnx.ml")) proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = MlOpset });
        return proto;
    }

    /// <summary>The model's layers in order, nested Sequentials opened, with their state-dict paths.</summary>
    private static List<(string Path, Module Layer)> Layers(Module model)
    {
        model.CheckStructure();
        var layers = new List<(string, Module)>();
        var pending = new Stack<(string, Module)>();
        pending.Push(("", model));
        while (pending.Count > 0)
        {
            var (path, m) = pending.Pop();
            if (m is Sequential seq)
            {
                for (int i = seq.Count - 1; i >= 0; i--) pending.Push((path.Length == 0 ? $"{i}" : $"{path}.{i}", seq[i]));
            }
            else
            {
                layers.Add((path, m));
            }
        }
        return layers;
    }

    /// <summary>The graph input the first sized layer asks for: [N, in] for Linear, [N, C, H, W] for Conv2d.</summary>
    private static (string, int) InputOf(OnnxGraph graph, List<(string Path, Module Layer)> layers)
    {
        foreach (var (path, layer) in layers)
        {
            switch (layer)
            {
                case RNNBase r:
                    if (r.BatchFirst) graph.Input("input", graph.ElementType, "N", "T", r.InputSize);
                    else graph.Input("input", graph.ElementType, "T", "N", r.InputSize);
                    return ("input", 3);
                case Linear l:
                    graph.Input("input", graph.ElementType, "N", l.InFeatures);
                    return ("input", 2);
                case Conv2d c:
                    graph.Input("input", graph.ElementType, "N", c.InChannels, "H", "W");
                    return ("input", 4);
                case ConvTranspose2d c:
                    graph.Input("input", graph.ElementType, "N", c.InChannels, "H", "W");
                    return ("input", 4);
                case MaxPool2d or AvgPool2d or AdaptiveAvgPool2d or BatchNorm2d:
                    graph.Input("input", graph.ElementType, "N", "C", "H", "W");
                    return ("input", 4);
                case Embedding:
                    // Token ids, [N, L] (any rank works in Gather; two is the common case).
                    graph.Input("input", (int)TensorProto.Types.DataType.Int64, "N", "L");
                    return ("input", 2);
            }
        }
        throw Raise(new TensorArgumentException("OnnxInputShape",
            "the model has no Linear, Conv2d, ConvTranspose2d, recurrent or MaxPool2d layer to tell its input's shape, so an ONNX input cannot be declared for it"));
    }

    private static (string, int) LayerNodes(OnnxGraph graph, string path, Module layer, string x, int rank)
    {
        string name = path.Length == 0 ? "model" : path;
        string Prefixed(string key) => path.Length == 0 ? key : $"{path}.{key}";
        switch (layer)
        {
            case Linear l when rank == 2:
                string[] gemm = l.Bias is null ? [x, graph.Initializer(Prefixed("weight"), l.Weight)] : [x, graph.Initializer(Prefixed("weight"), l.Weight), graph.Initializer(Prefixed("bias"), l.Bias)];
                return (graph.Node("Gemm", name, gemm, Int("transB", 1)), 2);
            case Linear l:
                // Gemm is 2-D only; MatMul broadcasts over leading dims as Linear does.
                var product = graph.Node("MatMul", name, [x, graph.Initializer(Prefixed("weight.T"), l.Weight.T.Contiguous())]);
                return (l.Bias is null ? product : graph.Node("Add", name, [product, graph.Initializer(Prefixed("bias"), l.Bias)]), rank);
            case Conv2d c:
                string[] conv = c.Bias is null ? [x, graph.Initializer(Prefixed("weight"), c.Weight)] : [x, graph.Initializer(Prefixed("weight"), c.Weight), graph.Initializer(Prefixed("bias"), c.Bias)];
                return (graph.Node("Conv", name, conv, Ints("kernel_shape", Longs(c.KernelSize)), Ints("strides", Longs(c.Stride)),
                    Ints("pads", Pads(c.Padding)), Ints("dilations", Longs(c.Dilation)), Int("group", c.Groups)), 4);
            case ConvTranspose2d c:
                // ONNX's ConvTranspose keeps PyTorch's weight layout [C_in, C_out/group, kH, kW] and its output size rule.
                string[] convt = c.Bias is null ? [x, graph.Initializer(Prefixed("weight"), c.Weight)] : [x, graph.Initializer(Prefixed("weight"), c.Weight), graph.Initializer(Prefixed("bias"), c.Bias)];
                return (graph.Node("ConvTranspose", name, convt, Ints("kernel_shape", Longs(c.KernelSize)), Ints("strides", Longs(c.Stride)),
                    Ints("pads", Pads(c.Padding)), Ints("output_padding", Longs(c.OutputPadding)), Ints("dilations", Longs(c.Dilation)), Int("group", c.Groups)), 4);
            case MaxPool2d p:
                return (graph.Node("MaxPool", name, [x], Ints("kernel_shape", Longs(p.KernelSize)), Ints("strides", Longs(p.Stride)),
                    Ints("pads", Pads(p.Padding)), Ints("dilations", Longs(p.Dilation)), Int("ceil_mode", p.CeilMode ? 1 : 0)), 4);
            case AvgPool2d p:
                return (graph.Node("AveragePool", name, [x], Ints("kernel_shape", Longs(p.KernelSize)), Ints("strides", Longs(p.Stride)),
                    Ints("pads", Pads(p.Padding)), Int("count_include_pad", 1)), 4);
            case AdaptiveAvgPool2d p when p.OutputSize.All(s => s == 1):
                return (graph.Node("GlobalAveragePool", name, [x]), 4);
            case BatchNorm b when b.RunningMean is not null:
                // Eval mode: the running statistics, as Invoke-Model uses them.
                return (graph.Node("BatchNormalization", name,
                    [x, graph.Initializer(Prefixed("weight"), b.Weight ?? Tensor.Ones([b.NumFeatures], b.RunningMean.DType)),
                     graph.Initializer(Prefixed("bias"), b.Bias ?? Tensor.Zeros([b.NumFeatures], b.RunningMean.DType)),
                     graph.Initializer(Prefixed("running_mean"), b.RunningMean), graph.Initializer(Prefixed("running_var"), b.RunningVar!)],
                    Float("epsilon", b.Eps)), rank);
            case LayerNorm n:
                string[] norm = [x, graph.Initializer(Prefixed("weight"), n.Weight ?? Tensor.Ones(n.NormalizedShape, DType.Float32).To(graph.DType)),
                    graph.Initializer(Prefixed("bias"), n.Bias ?? Tensor.Zeros(n.NormalizedShape, DType.Float32).To(graph.DType))];
                return (graph.Node("LayerNormalization", name, norm, Int("axis", -n.NormalizedShape.Length), Float("epsilon", n.Eps)), rank);
            case Embedding e:
                return (graph.Node("Gather", name, [graph.Initializer(Prefixed("weight"), e.Weight), x], Int("axis", 0)), rank + 1);
            case Flatten f:
                return FlattenNodes(graph, name, f, x, rank);
            case RNNBase r:
                return (RecurrentNodes(graph, name, Prefixed, r, x, rank), 3);
            case LastTimeStep t:
                return (LastStepNodes(graph, name, t, x, rank), rank - 1);
            case Dropout or Dropout2d or Identity:
                // Eval mode: the identity, and no node is needed for it.
                return (x, rank);
            case ReLU:
                return (graph.Node("Relu", name, [x]), rank);
            case LeakyReLU r:
                return (graph.Node("LeakyRelu", name, [x], Float("alpha", r.NegativeSlope)), rank);
            case Sigmoid:
                return (graph.Node("Sigmoid", name, [x]), rank);
            case Tanh:
                return (graph.Node("Tanh", name, [x]), rank);
            case Softmax s:
                return (graph.Node("Softmax", name, [x], Int("axis", s.Dim)), rank);
            case LogSoftmax s:
                return (graph.Node("LogSoftmax", name, [x], Int("axis", s.Dim)), rank);
            default:
                return (SmoothActivationNodes(graph, name, layer, x) ?? throw Unsupported(name, layer), rank);
        }
    }

    private static Exception Unsupported(string name, Module layer) =>
        Raise(new TensorArgumentException("OnnxUnsupportedLayer",
            $"the layer '{name}' is a {layer.GetType().Name}, which has no ONNX export; exportable layers are Sequential, Linear, Conv2d, ConvTranspose2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d(1), BatchNorm1d/2d with running statistics, LayerNorm, Embedding, RNN, LSTM, GRU, LastTimeStep, Flatten, Dropout, Dropout2d, ReLU, LeakyReLU, Sigmoid, Tanh, GELU, SiLU, ELU, Softplus, Hardtanh, Mish, Softmax, LogSoftmax and Identity"));

    /// <summary>
    /// Flatten(start, end) as a Reshape that keeps the dims before start (0 copies a dim) and merges
    /// the rest (-1); ONNX's own Flatten always makes a matrix. Only flattening through the last dim
    /// can be said this way for every input size.
    /// </summary>
    private static (string, int) FlattenNodes(OnnxGraph graph, string name, Flatten f, string x, int rank)
    {
        int start = f.StartDim < 0 ? f.StartDim + rank : f.StartDim;
        int end = f.EndDim < 0 ? f.EndDim + rank : f.EndDim;
        if (start < 0 || start >= rank || end != rank - 1 || start > end)
        {
            throw Raise(new TensorArgumentException("OnnxUnsupportedLayer",
                $"the layer '{name}' is Flatten(start_dim={f.StartDim}, end_dim={f.EndDim}) on a rank-{rank} input; ONNX export needs it to flatten through the last dim"));
        }
        long[] shape = [.. Enumerable.Repeat(0L, start), -1];
        return (graph.Node("Reshape", name, [x, graph.Int64s($"{name}.shape", shape)]), start + 1);
    }

    /// <summary>
    /// The preprocessing as nodes over the raw inputs: "features" [N, numeric columns] of the model's
    /// dtype is standardised with the stored mean and scale; each categorical column is its own string
    /// input [N, 1], numbered by LabelEncoder (an unseen category is -1, so its one-hot row is all zeros
    /// and its index -1). The encoded columns are joined in the stored order.
    /// </summary>
    private static string PreprocessingNodes(OnnxGraph graph, Preprocessing preprocessing)
    {
        var numeric = preprocessing.Columns.Where(c => !c.IsCategorical).ToList();
        string? standardised = null;
        if (numeric.Count > 0)
        {
            graph.Input("features", graph.ElementType, "N", numeric.Count);
            var mean = graph.Initializer("preprocessing.mean", Tensor.FromBuffer(numeric.Select(c => c.Mean).ToArray(), [numeric.Count]).To(graph.DType));
            var scale = graph.Initializer("preprocessing.scale", Tensor.FromBuffer(numeric.Select(c => c.Scale).ToArray(), [numeric.Count]).To(graph.DType));
            standardised = graph.Node("Div", "preprocessing", [graph.Node("Sub", "preprocessing", ["features", mean]), scale]);
            if (numeric.Count == preprocessing.Columns.Count) return standardised;
        }
        var parts = new List<string>();
        int numericIndex = 0;
        foreach (var column in preprocessing.Columns)
        {
            string name = $"preprocessing.{column.Name}";
            if (!column.IsCategorical)
            {
                parts.Add(graph.Node("Gather", name, [standardised!, graph.Int64s($"{name}.index", [numericIndex++], 1)], Int("axis", 1)));
                continue;
            }
            graph.Input(column.Name, (int)TensorProto.Types.DataType.String, "N", 1);
            var codes = graph.NodeIn("ai.onnx.ml", "LabelEncoder", name, [column.Name],
                Strings("keys_strings", column.Categories!), Ints("values_int64s", Enumerable.Range(0, column.Categories!.Count).Select(k => (long)k)), Int("default_int64", -1));
            if (column.Encoding == CategoricalEncoding.OneHot)
            {
                var all = graph.Int64s($"{name}.categories", [.. Enumerable.Range(0, column.Categories.Count).Select(k => (long)k)]);
                codes = graph.Node("Equal", name, [codes, all]);
            }
            parts.Add(graph.Node("Cast", name, [codes], Int("to", graph.ElementType)));
        }
        return graph.Node("Concat", "preprocessing", parts, Int("axis", 1));
    }

    private static long[] Longs(int[] values) => [.. values.Select(v => (long)v)];

    /// <summary>ONNX pads list every dim's start, then every dim's end; PyTorch pads both ends alike.</summary>
    private static long[] Pads(int[] padding) => [padding[0], padding[1], padding[0], padding[1]];
}
