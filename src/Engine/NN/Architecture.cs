using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NNTools.IO;

namespace NNTools.NN;

/// <summary>
/// Describes a model built from the built-in layers as JSON, and builds it back, so a saved model
/// can be loaded without the code that made it:
/// {"type":"Sequential","layers":[{"type":"Linear","in":2,"out":500,"bias":true,"dtype":"float32"},{"type":"ReLU"},...]}.
/// Every layer kind is one line of <see cref="Kinds"/>: its name, how its constructor arguments
/// are written, and how they are read back. A model containing any other module (a user's class)
/// has no description; its weights can still be saved and loaded into a model built in code.
/// </summary>
public static partial class Architecture
{
    /// <summary>Sizes above this in a description are refused before any layer is built.</summary>
    private const long DefaultMaxParameters = 1L << 31;

    private sealed record Kind(string Name, Type Type, Action<Module, JsonObject> Write, Func<Args, long> Parameters, Func<Args, Module> Build);

    private static Kind Simple<T>(string name) where T : Module, new() => new(name, typeof(T), (_, _) => { }, _ => 0, _ => new T());

    private static Kind Layer<T>(string name, Action<T, JsonObject> write, Func<Args, Module> build, Func<Args, long>? parameters = null)
        where T : Module => new(name, typeof(T), (m, j) => write((T)m, j), parameters ?? (_ => 0), build);

    private static readonly Kind[] Kinds =
    [
        Layer<Linear>("Linear",
            (l, j) => { j["in"] = l.InFeatures; j["out"] = l.OutFeatures; j["bias"] = l.Bias is not null; j["dtype"] = l.Weight.DType.ToString().ToLowerInvariant(); },
            // A private generator: rebuilding a model must not move the user's random stream.
            a => new Linear(a.Int("in"), a.Int("out"), a.Bool("bias"), a.DType("dtype"), new Generator(0)),
            a => checked((long)a.Int("in") * a.Int("out") + (a.Bool("bias") ? a.Int("out") : 0))),
        Simple<ReLU>("ReLU"),
        Layer<LeakyReLU>("LeakyReLU", (l, j) => j["negative_slope"] = l.NegativeSlope, a => new LeakyReLU(a.Double("negative_slope"))),
        Simple<Sigmoid>("Sigmoid"),
        Simple<Tanh>("Tanh"),
        Layer<GELU>("GELU", (l, j) => j["approximate"] = l.Approximate, a => new GELU(a.String("approximate"))),
        Simple<SiLU>("SiLU"),
        Layer<ELU>("ELU", (l, j) => j["alpha"] = l.Alpha, a => new ELU(a.Double("alpha"))),
        Layer<Softplus>("Softplus", (l, j) => { j["beta"] = l.Beta; j["threshold"] = l.Threshold; }, a => new Softplus(a.Double("beta"), a.Double("threshold"))),
        Layer<Hardtanh>("Hardtanh", (l, j) => { j["min_val"] = l.MinVal; j["max_val"] = l.MaxVal; }, a => new Hardtanh(a.Double("min_val"), a.Double("max_val"))),
        Simple<Mish>("Mish"),
        Layer<Softmax>("Softmax", (l, j) => j["dim"] = l.Dim, a => new Softmax(a.Int("dim", allowNegative: true))),
        Layer<LogSoftmax>("LogSoftmax", (l, j) => j["dim"] = l.Dim, a => new LogSoftmax(a.Int("dim", allowNegative: true))),
        Simple<Identity>("Identity"),
        Layer<Flatten>("Flatten", (l, j) => { j["start_dim"] = l.StartDim; j["end_dim"] = l.EndDim; },
            a => new Flatten(a.Int("start_dim", allowNegative: true), a.Int("end_dim", allowNegative: true))),
        Layer<Dropout>("Dropout", (l, j) => j["p"] = l.P, a => new Dropout(a.Double("p"))),
        Layer<Conv2d>("Conv2d",
            (l, j) =>
            {
                j["in"] = l.InChannels; j["out"] = l.OutChannels; j["kernel_size"] = Pair(l.KernelSize); j["stride"] = Pair(l.Stride);
                j["padding"] = Pair(l.Padding); j["dilation"] = Pair(l.Dilation); j["groups"] = l.Groups; j["bias"] = l.Bias is not null;
                j["dtype"] = l.Weight.DType.ToString().ToLowerInvariant();
            },
            // A private generator: rebuilding a model must not move the user's random stream.
            a => new Conv2d(a.Int("in"), a.Int("out"), Ints(a.Array("kernel_size")), Ints(a.Array("stride")), Ints(a.Array("padding")),
                Ints(a.Array("dilation")), a.Int("groups"), a.Bool("bias"), a.DType("dtype"), new Generator(0)),
            a =>
            {
                var k = Ints(a.Array("kernel_size"));
                long perFilter = checked((long)a.Int("in") / Math.Max(a.Int("groups"), 1) * k.Aggregate(1L, (n, s) => checked(n * s)));
                return checked(a.Int("out") * perFilter + (a.Bool("bias") ? a.Int("out") : 0));
            }),
        Layer<MaxPool2d>("MaxPool2d",
            (l, j) => { j["kernel_size"] = Pair(l.KernelSize); j["stride"] = Pair(l.Stride); j["padding"] = Pair(l.Padding); j["dilation"] = Pair(l.Dilation); j["ceil_mode"] = l.CeilMode; },
            a => new MaxPool2d(Ints(a.Array("kernel_size")), Ints(a.Array("stride")), Ints(a.Array("padding")), Ints(a.Array("dilation")), a.Bool("ceil_mode"))),
        Layer<AvgPool2d>("AvgPool2d", (l, j) => { j["kernel_size"] = Pair(l.KernelSize); j["stride"] = Pair(l.Stride); j["padding"] = Pair(l.Padding); },
            a => new AvgPool2d(Ints(a.Array("kernel_size")), Ints(a.Array("stride")), Ints(a.Array("padding")))),
        Layer<AdaptiveAvgPool2d>("AdaptiveAvgPool2d", (l, j) => j["output_size"] = Pair(l.OutputSize), a => new AdaptiveAvgPool2d(Ints(a.Array("output_size")))),
        Layer<Dropout2d>("Dropout2d", (l, j) => j["p"] = l.P, a => new Dropout2d(a.Double("p"))),
        BatchNormKind<BatchNorm1d>("BatchNorm1d", (n, eps, m, affine, track) => new BatchNorm1d(n, eps, m, affine, track)),
        BatchNormKind<BatchNorm2d>("BatchNorm2d", (n, eps, m, affine, track) => new BatchNorm2d(n, eps, m, affine, track)),
        Layer<LayerNorm>("LayerNorm",
            (l, j) => { j["normalized_shape"] = new JsonArray([.. l.NormalizedShape.Select(s => (JsonNode)s)]); j["eps"] = l.Eps; j["affine"] = l.Weight is not null; },
            a => new LayerNorm(Ints(a.Array("normalized_shape")), a.Double("eps"), a.Bool("affine")),
            a => a.Bool("affine") ? 2 * Ints(a.Array("normalized_shape")).Aggregate(1L, (n, s) => checked(n * s)) : 0),
        Layer<Embedding>("Embedding", (l, j) => { j["num_embeddings"] = l.NumEmbeddings; j["embedding_dim"] = l.EmbeddingDim; },
            // A private generator: rebuilding a model must not move the user's random stream.
            a => new Embedding(a.Int("num_embeddings"), a.Int("embedding_dim"), new Generator(0)),
            a => checked((long)a.Int("num_embeddings") * a.Int("embedding_dim"))),
        .. RecurrentKinds(),
    ];

    // One number when both dims agree, as PyTorch prints a size given once ("kernel_size=2").
    private static JsonArray Pair(int[] pair) => pair[0] == pair[1] ? new((JsonNode)pair[0]) : new((JsonNode)pair[0], (JsonNode)pair[1]);

    // Sizes read back from a file: a short array of non-negative ints, or the file is refused as any
    // other malformed description is (InvalidArchitecture), never with a raw conversion error.
    private static int[] Ints(JsonArray array)
    {
        if (array.Count is 0 or > 8) throw Invalid($"a size list must hold 1 to 8 numbers, got {array.Count}");
        var values = new int[array.Count];
        for (int i = 0; i < values.Length; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue(out int n) || n < 0) throw Invalid($"a size list holds '{array[i]?.ToJsonString()}', not a non-negative int");
            values[i] = n;
        }
        return values;
    }

    private static Kind BatchNormKind<T>(string name, Func<int, double, double, bool, bool, Module> build) where T : BatchNorm =>
        Layer<T>(name,
            (l, j) => { j["num_features"] = l.NumFeatures; j["eps"] = l.Eps; j["momentum"] = l.Momentum; j["affine"] = l.Weight is not null; j["track_running_stats"] = l.RunningMean is not null; },
            a => build(a.Int("num_features"), a.Double("eps"), a.Double("momentum"), a.Bool("affine"), a.Bool("track_running_stats")),
            a => a.Bool("affine") ? 2L * a.Int("num_features") : 0);

    /// <summary>The layer type names a description may use.</summary>
    public static IReadOnlyList<string> LayerTypes { get; } = ["Sequential", .. Kinds.Select(k => k.Name)];

    /// <summary>
    /// The most JSON objects and arrays a description may nest: each level of modules is an object
    /// inside its parent's "layers" array, so <see cref="ModuleLimits.MaxDepth"/> levels take two
    /// containers each (the deepest Sequential's own, empty, array included).
    /// </summary>
    private const int MaxJsonDepth = 2 * ModuleLimits.MaxDepth;

    /// <summary>
    /// The model as compact JSON, or null when it contains a module no description covers. A model
    /// that breaks <see cref="ModuleLimits"/> is refused (ModuleCycle, ModuleNestingTooDeep,
    /// TooManyModules), so every description written can be built back by <see cref="Build"/>.
    /// </summary>
    public static string? Describe(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // The walk visits each module once and stops at a cycle or too deep a nesting, so it is safe
        // to run first, to its end; the description then repeats a shared module wherever it appears.
        bool describable = true;
        foreach (var (_, m) in ModuleTree.Walk(model)) describable &= m is Sequential || Array.Exists(Kinds, k => k.Type == m.GetType());
        if (!describable) return null;
        int modules = 0;
        return DescribeNode(model, ref modules).ToJsonString();
    }

    private static JsonObject DescribeNode(Module m, ref int modules)
    {
        if (++modules > ModuleLimits.MaxModules)
        {
            throw new TensorLimitException("TooManyModules",
                $"the model holds more than {ModuleLimits.MaxModules} modules (ModuleLimits.MaxModules, counting a shared module each time it appears), more than an architecture may describe");
        }
        if (m is Sequential seq)
        {
            var layers = new JsonArray();
            for (int i = 0; i < seq.Count; i++) layers.Add(DescribeNode(seq[i], ref modules));
            return new JsonObject { ["type"] = "Sequential", ["layers"] = layers };
        }
        var kind = Array.Find(Kinds, k => k.Type == m.GetType())!;
        var node = new JsonObject { ["type"] = kind.Name };
        kind.Write(m, node);
        return node;
    }

    /// <summary>
    /// Builds the model a description names, with freshly initialised weights. The whole description
    /// is checked first: nesting deeper than <see cref="ModuleLimits.MaxDepth"/> or more than
    /// <see cref="ModuleLimits.MaxModules"/> modules is refused (LimitsExceeded) as soon as the check
    /// meets it, and a model of more than <paramref name="maxParameters"/> elements is refused before
    /// any layer is allocated.
    /// </summary>
    public static Module Build(string json, long maxParameters = DefaultMaxParameters)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            CheckJsonDepth(json);
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = MaxJsonDepth });
        }
        catch (JsonException e)
        {
            throw Invalid($"the architecture is not valid JSON: {e.Message}");
        }
        int modules = 0;
        long count = Count(root, "model", ref modules);
        if (count > maxParameters)
        {
            throw new TensorDataException("ArchitectureTooLarge",
                $"the architecture describes {count} parameter elements, more than the {maxParameters} its file can hold");
        }
        return BuildNode(root!, "model");
    }

    /// <summary>
    /// Refuses JSON nested deeper than <see cref="MaxJsonDepth"/> allows with the limit's own error before
    /// any node is built; the reader walks the text without recursion and stops at the first level
    /// too deep, so even a description nested a million levels costs no more than reading it.
    /// </summary>
    private static void CheckJsonDepth(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = int.MaxValue });
        while (reader.Read())
        {
            if (reader.CurrentDepth >= MaxJsonDepth)
            {
                throw new TensorLimitException("ModuleNestingTooDeep",
                    $"the architecture nests more than {MaxJsonDepth} JSON objects and arrays, deeper than the {ModuleLimits.MaxDepth} levels of modules a model may nest (ModuleLimits.MaxDepth)");
            }
        }
    }

    /// <summary>
    /// The parameter elements a description holds, refusing too many modules as it meets them. Its
    /// recursion is bounded: <see cref="CheckJsonDepth"/> let through no deeper nesting than the limit.
    /// </summary>
    private static long Count(JsonNode? node, string path, ref int modules)
    {
        var (name, args) = Open(node, path);
        if (name == "Sequential")
        {
            var layers = args.Array("layers");
            // Checked before the layers are read, so a file claiming millions of them is refused at once.
            if (layers.Count > ModuleLimits.MaxModules - modules - 1)
            {
                throw new TensorLimitException("TooManyModules",
                    $"the architecture's {path} holds {layers.Count} layers, which makes more than the {ModuleLimits.MaxModules} modules a model may hold (ModuleLimits.MaxModules)");
            }
            modules += 1;
            long total = 0;
            for (int i = 0; i < layers.Count; i++) total = Add(total, Count(layers[i], $"{path}.layers[{i}]", ref modules), path);
            return total;
        }
        if (++modules > ModuleLimits.MaxModules)
        {
            throw new TensorLimitException("TooManyModules",
                $"the architecture holds more than the {ModuleLimits.MaxModules} modules a model may hold (ModuleLimits.MaxModules), at {path}");
        }
        try
        {
            return Find(name, path).Parameters(args);
        }
        catch (OverflowException)
        {
            throw new TensorDataException("ArchitectureTooLarge", $"{path}: the layer's sizes overflow a 64-bit count of parameters");
        }
    }

    private static long Add(long a, long b, string path)
    {
        try
        {
            return checked(a + b);
        }
        catch (OverflowException)
        {
            throw new TensorDataException("ArchitectureTooLarge", $"{path}: the layers' sizes overflow a 64-bit count of parameters");
        }
    }

    private static Module BuildNode(JsonNode node, string path)
    {
        var (name, args) = Open(node, path);
        if (name != "Sequential")
        {
            var kind = Find(name, path);
            try
            {
                return kind.Build(args);
            }
            catch (TensorArgumentException e)
            {
                // A layer refusing its arguments (a dropout p of 2) means the file is wrong, not the caller.
                throw Invalid($"{path}: {e.Message}");
            }
        }
        var layers = args.Array("layers");
        var seq = new Sequential();
        for (int i = 0; i < layers.Count; i++) seq.Append(BuildNode(layers[i]!, $"{path}.layers[{i}]"));
        return seq;
    }

    private static (string Name, Args Args) Open(JsonNode? node, string path)
    {
        if (node is not JsonObject obj) throw Invalid($"{path} must be a JSON object with a \"type\"");
        var args = new Args(obj, path);
        return (args.String("type"), args);
    }

    private static Kind Find(string name, string path) => Array.Find(Kinds, k => k.Name == name)
        ?? throw new TensorDataException("UnknownLayerType",
            $"{path}: unknown layer type '{name}'; a description may use {string.Join(", ", LayerTypes)}");

    private static TensorDataException Invalid(string message) => new("InvalidArchitecture", message);

    /// <summary>Typed reads of a layer's arguments, with errors that name the path of the bad value.</summary>
    private sealed class Args(JsonObject obj, string path)
    {
        private JsonNode Get(string key) => obj[key] ?? throw Invalid($"{path} has no \"{key}\"");

        private JsonValue Value(string key, JsonValueKind kind, string what)
        {
            if (Get(key) is JsonValue v && v.GetValueKind() == kind) return v;
            throw Invalid($"{path}.{key} must be {what}, got {Get(key).ToJsonString()}");
        }

        public string String(string key) => Value(key, JsonValueKind.String, "a string").GetValue<string>();

        public bool Bool(string key)
        {
            var v = Get(key);
            if (v is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return b.GetValue<bool>();
            throw Invalid($"{path}.{key} must be true or false, got {v.ToJsonString()}");
        }

        public double Double(string key) => Value(key, JsonValueKind.Number, "a number").GetValue<double>();

        public int Int(string key, bool allowNegative = false)
        {
            var v = Value(key, JsonValueKind.Number, "an integer");
            if (v.TryGetValue(out int i) && (allowNegative || i >= 0)) return i;
            throw Invalid($"{path}.{key} must be {(allowNegative ? "an" : "a non-negative")} integer below 2^31, got {v.ToJsonString()}");
        }

        public DType DType(string key)
        {
            var name = String(key);
            return name switch
            {
                "float32" => NNTools.DType.Float32,
                "float64" => NNTools.DType.Float64,
                _ => throw Invalid($"{path}.{key} must be float32 or float64, got '{name}'"),
            };
        }

        public JsonArray Array(string key) => Get(key) as JsonArray ?? throw Invalid($"{path}.{key} must be a JSON array");
    }
}
