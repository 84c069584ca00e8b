using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NNTools.IO;

namespace NNTools.Data;

/// <summary>How a categorical column becomes numbers: one 0/1 column per category, or the category's index.</summary>
public enum CategoricalEncoding
{
    OneHot,
    Index,
}

/// <summary>
/// One input column of a table and how it becomes model features. Numeric: (value - Mean) / Scale,
/// one feature (Mean 0 and Scale 1 when not standardised). Categorical: the value's position in
/// <see cref="Categories"/>, as one index feature or as <see cref="Categories"/>.Count one-hot features.
/// </summary>
public sealed record FeatureColumn(string Name, double Mean = 0, double Scale = 1, IReadOnlyList<string>? Categories = null,
    CategoricalEncoding Encoding = CategoricalEncoding.OneHot)
{
    public bool IsCategorical => Categories is not null;

    /// <summary>The number of model features this column gives.</summary>
    public int Width => Categories is null || Encoding == CategoricalEncoding.Index ? 1 : Categories.Count;

    public override string ToString() => IsCategorical
        ? $"{Name}: {Encoding} of [{string.Join(", ", Categories!)}]"
        : $"{Name}: (x - {Mean.ToString("G6", CultureInfo.InvariantCulture)}) / {Scale.ToString("G6", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// What turns a table's rows into a model's input and its output back into answers, learned from the
/// training rows and saved with the model: the input columns in order with their standardisation or
/// category encoding, the label's name and the class names (empty for a regressor). Scoring applies
/// exactly the transformation training saw, so the mean and scale are the training set's, not the new rows'.
/// </summary>
public sealed class Preprocessing
{
    /// <summary>The model file metadata key that holds <see cref="ToJson"/>.</summary>
    public const string MetadataKey = "nntools.preprocessing";

    public Preprocessing(IReadOnlyList<FeatureColumn> columns, IReadOnlyList<string>? classes = null, string? label = null)
    {
        ThrowIfNull(columns);
        if (columns.Count == 0) throw Raise(new TensorArgumentException("NoFeatures", "preprocessing needs at least one input column"));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns)
        {
            if (!seen.Add(c.Name)) throw Raise(new TensorArgumentException("DuplicateFeature", $"the column '{c.Name}' is listed twice"));
            if (!double.IsFinite(c.Mean) || !double.IsFinite(c.Scale) || c.Scale == 0)
            {
                throw Raise(new TensorArgumentException("InvalidScaling", $"the column '{c.Name}' has mean {c.Mean} and scale {c.Scale}; both must be finite and the scale non-zero"));
            }
            if (c.Categories is { Count: 0 }) throw Raise(new TensorArgumentException("NoCategories", $"the categorical column '{c.Name}' has no categories"));
        }
        Columns = columns.ToArray();
        Classes = classes?.ToArray() ?? [];
        Label = label;
        Width = Columns.Sum(c => c.Width);
    }

    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>The class names by index; empty when the model predicts values.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The name of the label column the model was trained to predict, where known.</summary>
    public string? Label { get; }

    /// <summary>The number of model features a row becomes (the model's input width).</summary>
    public int Width { get; }

    /// <summary>The input column names, in order.</summary>
    public IReadOnlyList<string> ColumnNames => Columns.Select(c => c.Name).ToArray();

    /// <summary>The names of the <see cref="Width"/> model features ("colour=red" for a one-hot feature).</summary>
    public IReadOnlyList<string> FeatureNames => Columns.SelectMany(c => c.IsCategorical && c.Encoding == CategoricalEncoding.OneHot
        ? c.Categories!.Select(k => $"{c.Name}={k}")
        : [c.Name]).ToArray();

    /// <summary>
    /// Learns the preprocessing from raw training rows: rows[i][j] is column j's value in row i, a double
    /// for a numeric column and a string for a categorical one (listed in <paramref name="categorical"/>).
    /// Numeric columns are standardised with the population mean and standard deviation (scikit-learn's
    /// StandardScaler; a constant column keeps scale 1) when <paramref name="standardize"/>; categories
    /// are the distinct values in ordinal order.
    /// </summary>
    public static Preprocessing Fit(IReadOnlyList<string> names, IReadOnlyList<object?[]> rows, bool standardize,
        IEnumerable<string>? categorical = null, CategoricalEncoding encoding = CategoricalEncoding.OneHot,
        IReadOnlyList<string>? classes = null, string? label = null)
    {
        ThrowIfNull(names);
        ThrowIfNull(rows);
        if (rows.Count == 0) throw Raise(new TensorArgumentException("EmptyDataset", "a data set needs at least one row"));
        var categories = new HashSet<string>(categorical ?? [], StringComparer.OrdinalIgnoreCase);
        var columns = new FeatureColumn[names.Count];
        for (int j = 0; j < names.Count; j++)
        {
            if (categories.Contains(names[j]))
            {
                var distinct = rows.Select(r => Text(r[j])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                columns[j] = new FeatureColumn(names[j], Categories: distinct, Encoding: encoding);
                continue;
            }
            if (!standardize)
            {
                columns[j] = new FeatureColumn(names[j]);
                continue;
            }
            double mean = 0;
            for (int i = 0; i < rows.Count; i++) mean += Number(rows[i][j], names[j], i);
            mean /= rows.Count;
            double squares = 0;
            for (int i = 0; i < rows.Count; i++) squares += Math.Pow(Number(rows[i][j], names[j], i) - mean, 2);
            double std = Math.Sqrt(squares / rows.Count);
            columns[j] = new FeatureColumn(names[j], mean, std > 0 ? std : 1);
        }
        return new Preprocessing(columns, classes, label);
    }

    /// <summary>
    /// Writes the <see cref="Width"/> features of one raw row (values in <see cref="Columns"/> order:
    /// numbers for numeric columns, text for categorical ones) into <paramref name="destination"/>.
    /// A category training never saw is an error (UnknownCategory), not a silent row of zeros.
    /// </summary>
    public void Encode(IReadOnlyList<object?> raw, Span<double> destination)
    {
        ThrowIfNull(raw);
        if (raw.Count != Columns.Count) throw Raise(new TensorArgumentException("FeatureCount", $"got {raw.Count} values for {Columns.Count} columns"));
        if (destination.Length < Width) throw Raise(new TensorArgumentException("FeatureCount", $"a row needs room for {Width} features, got {destination.Length}"));
        int at = 0;
        for (int j = 0; j < Columns.Count; j++)
        {
            var c = Columns[j];
            if (!c.IsCategorical)
            {
                destination[at++] = (Number(raw[j], c.Name, null) - c.Mean) / c.Scale;
                continue;
            }
            string value = Text(raw[j]);
            int k = IndexOf(c.Categories!, value);
            if (k < 0)
            {
                throw Raise(new TensorArgumentException("UnknownCategory",
                    $"the column '{c.Name}' is '{value}', which training never saw; it knows [{string.Join(", ", c.Categories!)}]"));
            }
            if (c.Encoding == CategoricalEncoding.Index)
            {
                destination[at++] = k;
                continue;
            }
            destination.Slice(at, c.Categories!.Count).Clear();
            destination[at + k] = 1;
            at += c.Categories!.Count;
        }
    }

    /// <summary>Encodes many raw rows into a [rows, <see cref="Width"/>] tensor.</summary>
    public Tensor EncodeRows(IReadOnlyList<object?[]> rows, DType dtype = DType.Float32)
    {
        ThrowIfNull(rows);
        var flat = new double[rows.Count * Width];
        for (int i = 0; i < rows.Count; i++)
        {
            try
            {
                Encode(rows[i], flat.AsSpan(i * Width, Width));
            }
            catch (TensorArgumentException e)
            {
                throw Raise(new TensorArgumentException(e.ErrorId, $"row {i}: {e.Message}"));
            }
        }
        return Tensor.FromBuffer(flat, [rows.Count, Width]).To(dtype);
    }

    /// <summary>The same preprocessing with other class names (a data set's labels learned after its features).</summary>
    public Preprocessing WithClasses(IReadOnlyList<string>? classes, string? label) => new(Columns, classes, label);

    private static int IndexOf(IReadOnlyList<string> categories, string value)
    {
        for (int k = 0; k < categories.Count; k++)
        {
            if (string.Equals(categories[k], value, StringComparison.Ordinal)) return k;
        }
        return -1;
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static double Number(object? value, string column, int? row) => value switch
    {
        double d => d,
        IConvertible c when value is not string => c.ToDouble(CultureInfo.InvariantCulture),
        _ => throw Raise(new TensorArgumentException("InvalidFeatureValue",
            $"{(row is null ? "" : $"row {row}: ")}the feature '{column}' is '{value}', not a number")),
    };

    /// <summary>The preprocessing as the compact JSON a model file keeps.</summary>
    public string ToJson()
    {
        var columns = new JsonArray();
        foreach (var c in Columns)
        {
            var node = new JsonObject { ["name"] = c.Name };
            if (c.IsCategorical)
            {
                node["categories"] = new JsonArray(c.Categories!.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
                node["encoding"] = c.Encoding == CategoricalEncoding.OneHot ? "onehot" : "index";
            }
            else
            {
                node["mean"] = c.Mean;
                node["scale"] = c.Scale;
            }
            columns.Add(node);
        }
        var root = new JsonObject
        {
            ["columns"] = columns,
            ["classes"] = new JsonArray(Classes.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
        };
        if (Label is not null) root["label"] = Label;
        return root.ToJsonString();
    }

    /// <summary>Reads <see cref="ToJson"/>'s text back; anything malformed is InvalidPreprocessing (bad file data).</summary>
    public static Preprocessing FromJson(string json)
    {
        ThrowIfNull(json);
        try
        {
            var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new FormatException("the preprocessing is not a JSON object");
            var columns = (root["columns"] as JsonArray ?? throw new FormatException("no \"columns\" array")).Select(ReadColumn).ToArray();
            var classes = (root["classes"] as JsonArray)?.Select(k => k!.GetValue<string>()).ToArray();
            return new Preprocessing(columns, classes, root["label"]?.GetValue<string>());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException or TensorArgumentException)
        {
            throw Raise(new TensorDataException("InvalidPreprocessing", $"the stored preprocessing cannot be read: {e.Message}"));
        }
    }

    private static FeatureColumn ReadColumn(JsonNode? node)
    {
        if (node is not JsonObject c) throw new FormatException("a column is not a JSON object");
        string name = c["name"]!.GetValue<string>();
        if (c["categories"] is JsonArray categories)
        {
            var encoding = c["encoding"]!.GetValue<string>() switch
            {
                "onehot" => CategoricalEncoding.OneHot,
                "index" => CategoricalEncoding.Index,
                var other => throw new FormatException($"the column '{name}' has the unknown encoding '{other}'"),
            };
            return new FeatureColumn(name, Categories: categories.Select(k => k!.GetValue<string>()).ToArray(), Encoding: encoding);
        }
        return new FeatureColumn(name, c["mean"]!.GetValue<double>(), c["scale"]!.GetValue<double>());
    }

    public override string ToString() =>
        $"Preprocessing(columns=[{string.Join("; ", Columns)}]" + (Classes.Count > 0 ? $", classes=[{string.Join(", ", Classes)}])" : ")");
}
