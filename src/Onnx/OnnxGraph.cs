using Google.Protobuf;
using Onnx;

namespace NNTools.Onnx;

/// <summary>
/// A GraphProto under construction: nodes appended in order, each output named after its node,
/// weights as initializers. Every message is ONNX's own generated class; this type only fills them.
/// </summary>
internal sealed class OnnxGraph(DType dtype)
{
    private int _nodes;

    public GraphProto Graph { get; } = new() { Name = "nntools" };

    /// <summary>The ONNX element type of the model's floating values.</summary>
    public int ElementType { get; } = dtype == DType.Float64 ? (int)TensorProto.Types.DataType.Double : (int)TensorProto.Types.DataType.Float;

    public DType DType { get; } = dtype;

    /// <summary>Appends a node and returns the name of its (single) output.</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        NodeIn("", opType, name, inputs, attributes);

    /// <summary>As <see cref="Node"/>, for an operator of another domain (ai.onnx.ml).</summary>
    public string NodeIn(string domain, string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        string output = $"{name}/{opType}_{_nodes++}";
        var node = new NodeProto { OpType = opType, Name = output, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>A tensor of the model's dtype as an initializer (little-endian raw data, as ONNX stores it).</summary>
    public string Initializer(string name, Tensor value)
    {
        var proto = new TensorProto { Name = name, DataType = ElementType };
        proto.Dims.AddRange(value.Shape.Select(d => (long)d));
        byte[] bytes = DType == DType.Float64
            ? System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.ToDoubleArray().AsSpan()).ToArray()
            : System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.ToFloatArray().AsSpan()).ToArray();
        proto.RawData = ByteString.CopyFrom(bytes);
        Graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>An int64 initializer (shapes, indices).</summary>
    public string Int64s(string name, long[] values, params long[] dims)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.AddRange(dims.Length == 0 ? [values.Length] : dims);
        proto.Int64Data.AddRange(values);
        Graph.Initializer.Add(proto);
        return name;
    }

    public void Input(string name, int elementType, params object[] dims) => Graph.Input.Add(Value(name, elementType, dims));

    public void Output(string name, string from)
    {
        Graph.Node.Add(new NodeProto { OpType = "Identity", Name = name, Input = { from }, Output = { name } });
        Graph.Output.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = ElementType } } });
    }

    /// <summary>A typed value with its dims: an int is a fixed size, a string a named (symbolic) one.</summary>
    private static ValueInfoProto Value(string name, int elementType, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol } : new TensorShapeProto.Types.Dimension { DimValue = (int)d });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } } };
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, double value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    public static AttributeProto Ints(string name, IEnumerable<long> values) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } };

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Strings(string name, IEnumerable<string> values) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Strings, Strings = { values.Select(ByteString.CopyFromUtf8) } };
}
