namespace NNTools.Data;

/// <summary>
/// Features and labels as tensors: X is [n, features] (float32 unless asked otherwise); Y is int64 [n]
/// for classification and float [n, 1] for regression. Deconstructs as (x, y), like scikit-learn's
/// (X, y) tuples.
/// </summary>
public sealed record SampleSet(Tensor X, Tensor Y)
{
    /// <summary>The names of X's columns, where the data set has them (empty for the synthetic sets).</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>The names of the classes, indexed by label (empty for regression).</summary>
    public IReadOnlyList<string> TargetNames { get; init; } = [];
}

/// <summary>
/// A real data set shipped with the engine, shaped like scikit-learn's Bunch: Data [n, features]
/// (float32 unless asked otherwise), Target int64 [n], the feature and class names scikit-learn uses.
/// </summary>
public sealed record RealDataset(Tensor Data, Tensor Target, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> TargetNames)
{
    /// <summary>Digits only: Data viewed as [n, 8, 8] images (scikit-learn's digits.images); null otherwise.</summary>
    public Tensor? Images { get; init; }

    /// <summary>The same tensors as an (X, Y) pair, names kept.</summary>
    public SampleSet ToSampleSet() => new(Data, Target) { FeatureNames = FeatureNames, TargetNames = TargetNames };
}
