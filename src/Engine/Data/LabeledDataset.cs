namespace NNTools.Data;

/// <summary>
/// Features X [n, features] and labels Y (int64 [n] class indices, or float [n, 1] values), with the
/// class names behind the indices and the names of X's columns: what Get-Dataset returns and what
/// New-Dataset builds from rows of a table. The class list turns predicted indices back into names.
/// </summary>
public sealed class LabeledDataset : Dataset
{
    public LabeledDataset(Tensor x, Tensor y, IReadOnlyList<string>? classes = null, IReadOnlyList<string>? featureNames = null, Preprocessing? preprocessing = null)
    {
        ThrowIfNull(x);
        ThrowIfNull(y);
        if (x.Ndim == 0 || y.Ndim == 0 || x.Size(0) != y.Size(0))
        {
            throw Raise(new ShapeMismatchException("SizeMismatchBetweenTensors",
                $"Size mismatch between tensors: features and labels need the same first dim, got shapes {Shapes.Format(x.Sizes)} and {Shapes.Format(y.Sizes)}"));
        }
        X = x;
        Y = y;
        Classes = classes?.ToArray() ?? [];
        FeatureNames = featureNames?.ToArray() ?? [];
        if (preprocessing is not null && preprocessing.Width != (x.Ndim == 2 ? x.Size(1) : -1))
        {
            throw Raise(new ShapeMismatchException("PreprocessingWidth",
                $"the preprocessing makes {preprocessing.Width} features per row, but the features have shape {Shapes.Format(x.Sizes)}"));
        }
        Preprocessing = preprocessing;
    }

    /// <summary>How the rows became X and what the label indices mean; a model trained on this data set keeps it.</summary>
    public override Preprocessing? Preprocessing { get; }

    /// <summary>
    /// Rows of raw values (numbers for numeric columns, text for categorical ones) encoded with
    /// <paramref name="preprocessing"/>, learned from these rows or reused from a training set; the
    /// labels are class indices into the preprocessing's classes, or values when it has none.
    /// </summary>
    public static LabeledDataset FromRows(Preprocessing preprocessing, IReadOnlyList<object?[]> rows, IReadOnlyList<string> labels, DType dtype = DType.Float32)
    {
        ThrowIfNull(preprocessing);
        ThrowIfNull(labels);
        var x = preprocessing.EncodeRows(rows, dtype);
        if (preprocessing.Classes.Count == 0)
        {
            var values = new double[labels.Count];
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.TryParse(labels[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out values[i]))
                {
                    throw Raise(new TensorArgumentException("InvalidLabelValue", $"row {i} has the label '{labels[i]}', not a number"));
                }
            }
            var target = Tensor.FromBuffer(values, [values.Length, 1]).To(dtype);
            return new LabeledDataset(x, target, null, preprocessing.FeatureNames, preprocessing);
        }
        if (rows.Count != labels.Count) throw Raise(new ShapeMismatchException("SizeMismatchBetweenTensors", $"got {rows.Count} rows of features and {labels.Count} labels"));
        var names = preprocessing.Classes.ToArray();
        return new LabeledDataset(x, ClassIndices(labels, names), names, preprocessing.FeatureNames, preprocessing);
    }

    /// <summary>The features, one row per item.</summary>
    public Tensor X { get; }

    /// <summary>The labels: class indices into <see cref="Classes"/>, or values for regression.</summary>
    public Tensor Y { get; }

    /// <summary>The class names by index; empty when the labels are values.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The names of X's columns, where known.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>A data set from one of <see cref="Datasets"/>' sample sets, names kept.</summary>
    public static LabeledDataset FromSampleSet(SampleSet set)
    {
        ThrowIfNull(set);
        return new LabeledDataset(set.X, set.Y, set.TargetNames, set.FeatureNames);
    }

    /// <summary>
    /// Rows of features with text labels. The labels become int64 class indices into
    /// <paramref name="classes"/> when given (a test set reusing its training set's mapping), else
    /// into the distinct labels sorted (numerically when every label is a number, ordinally otherwise),
    /// as scikit-learn's LabelEncoder numbers them.
    /// </summary>
    public static LabeledDataset FromRows(IReadOnlyList<double[]> features, IReadOnlyList<string> labels,
        IReadOnlyList<string>? classes = null, IReadOnlyList<string>? featureNames = null, DType dtype = DType.Float32)
    {
        ThrowIfNull(labels);
        var x = FeatureTensor(features, labels.Count, featureNames, dtype);
        var names = classes?.ToArray() ?? SortedClasses(labels);
        return new LabeledDataset(x, ClassIndices(labels, names), names, featureNames);
    }

    /// <summary>The labels as int64 indices into <paramref name="names"/>; a label not among them is UnknownClass.</summary>
    private static Tensor ClassIndices(IReadOnlyList<string> labels, string[] names)
    {
        var index = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (!index.TryAdd(names[i], i)) throw Raise(new TensorArgumentException("DuplicateClass", $"the class '{names[i]}' is listed twice"));
        }
        var y = new long[labels.Count];
        for (int i = 0; i < y.Length; i++)
        {
            if (!index.TryGetValue(labels[i], out y[i]))
            {
                throw Raise(new TensorArgumentException("UnknownClass",
                    $"row {i} has the label '{labels[i]}', which is not one of the classes [{string.Join(", ", names)}]"));
            }
        }
        return Tensor.FromBuffer(y, [y.Length]);
    }

    /// <summary>Rows of features with numeric labels, as a float target [n, 1] (regression, or BCE's 0/1).</summary>
    public static LabeledDataset FromRows(IReadOnlyList<double[]> features, IReadOnlyList<double> labels,
        IReadOnlyList<string>? featureNames = null, DType dtype = DType.Float32)
    {
        ThrowIfNull(labels);
        var x = FeatureTensor(features, labels.Count, featureNames, dtype);
        var y = Tensor.FromBuffer(labels.ToArray(), [labels.Count, 1]).To(dtype);
        return new LabeledDataset(x, y, null, featureNames);
    }

    /// <summary>Rows of numbers (all the same length) as a [rows, columns] tensor of a floating dtype.</summary>
    public static Tensor FeatureTensor(IReadOnlyList<double[]> rows, DType dtype = DType.Float32)
    {
        ThrowIfNull(rows);
        if (!dtype.IsFloating()) throw Raise(new DTypeMismatchException("FeatureDType", $"features must be a floating dtype, got {dtype.TorchName()}"));
        if (rows.Count == 0) throw Raise(new TensorArgumentException("EmptyDataset", "a data set needs at least one row"));
        int width = rows[0].Length;
        var flat = new double[rows.Count * width];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != width) throw Raise(new RaggedInputException($"row {i} has {rows[i].Length} features, row 0 has {width}"));
            rows[i].CopyTo(flat, i * width);
        }
        return Tensor.FromBuffer(flat, [rows.Count, width]).To(dtype);
    }

    private static Tensor FeatureTensor(IReadOnlyList<double[]> features, int labelCount, IReadOnlyList<string>? featureNames, DType dtype)
    {
        var x = FeatureTensor(features, dtype);
        if (features.Count != labelCount)
        {
            throw Raise(new ShapeMismatchException("SizeMismatchBetweenTensors", $"got {features.Count} rows of features and {labelCount} labels"));
        }
        if (featureNames is not null && featureNames.Count != x.Size(1))
        {
            throw Raise(new TensorArgumentException("FeatureNameCount", $"got {featureNames.Count} feature names for {x.Size(1)} features"));
        }
        return x;
    }

    /// <summary>The distinct labels in class-index order: numerically when every label is a number, ordinally otherwise.</summary>
    public static string[] SortedClasses(IReadOnlyList<string> labels)
    {
        ThrowIfNull(labels);
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        bool numeric = distinct.All(l => double.TryParse(l, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
        return numeric
            ? [.. distinct.OrderBy(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture))]
            : [.. distinct.Order(StringComparer.Ordinal)];
    }

    /// <summary>The class names of predicted class indices (e.g. the arg-max of a classifier's output).</summary>
    public string[] ClassNames(Tensor indices)
    {
        ThrowIfNull(indices);
        if (Classes.Count == 0) throw Raise(new TensorArgumentException("NoClasses", "this data set's labels are values, not classes"));
        return indices.ToInt64Array().Select(i => i >= 0 && i < Classes.Count
            ? Classes[(int)i]
            : throw Raise(new TensorIndexException("ClassIndexOutOfRange", $"class index {i} is out of range for {Classes.Count} classes"))).ToArray();
    }

    public override int GetLength() => X.Size(0);

    public override Tensor[] GetItem(int index)
    {
        int i = CheckIndex(index);
        return [X.Select(0, i), Y.Select(0, i)];
    }

    public override Tensor[] GetBatch(IReadOnlyList<long> indices)
    {
        ThrowIfNull(indices);
        foreach (var i in indices) CheckIndex(i);
        var idx = Tensor.FromBuffer(indices.ToArray(), [indices.Count]);
        return [X.IndexSelect(0, idx), Y.IndexSelect(0, idx)];
    }

    public void Deconstruct(out Tensor x, out Tensor y)
    {
        x = X;
        y = Y;
    }

    public override string ToString() =>
        $"LabeledDataset(length={GetLength()}, x={Shapes.Format(X.Sizes)} {X.DType.TorchName()}, y={Shapes.Format(Y.Sizes)} {Y.DType.TorchName()}"
        + (Classes.Count > 0 ? $", classes=[{string.Join(", ", Classes)}])" : ")");
}
