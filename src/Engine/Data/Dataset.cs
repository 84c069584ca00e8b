namespace NNTools.Data;

/// <summary>
/// A map-style data set, as torch.utils.data.Dataset: a length and an item by index, each item a
/// small array of tensors (usually input and target). Subclass it in C# or PowerShell; override
/// <see cref="GetBatch"/> when a whole batch can be gathered faster than item by item.
/// </summary>
public abstract class Dataset
{
    /// <summary>The number of items (__len__).</summary>
    public abstract int GetLength();

    /// <summary>The item at <paramref name="index"/> (__getitem__), e.g. [input, target].</summary>
    public abstract Tensor[] GetItem(int index);

    /// <summary>The number of items, as len(dataset): what PowerShell's .Count reads (it gave 1 for one object).</summary>
    public int Count => GetLength();

    /// <summary>The table preprocessing and class names behind the items, where they came from rows (New-Dataset); a model trained on them takes them.</summary>
    public virtual Preprocessing? Preprocessing => null;

    /// <summary>The item at <paramref name="index"/>, as dataset[i]: $data[0] in PowerShell.</summary>
    public Tensor[] this[int index] => GetItem(CheckIndex(index));

    /// <summary>
    /// The items at <paramref name="indices"/> collated into one tensor per component by stacking
    /// along a new first dim, as PyTorch's default_collate.
    /// </summary>
    public virtual Tensor[] GetBatch(IReadOnlyList<long> indices)
    {
        ThrowIfNull(indices);
        var items = indices.Select(i => GetItem(CheckIndex(i))).ToList();
        if (items.Count == 0) return [];
        int components = items[0].Length;
        var batch = new Tensor[components];
        for (int c = 0; c < components; c++)
        {
            var parts = new Tensor[items.Count];
            for (int k = 0; k < items.Count; k++)
            {
                if (items[k].Length != components)
                {
                    throw Raise(new TensorArgumentException("InconsistentItems",
                        $"each item of a batch must have the same number of tensors: item {indices[k]} has {items[k].Length}, item {indices[0]} has {components}"));
                }
                parts[k] = items[k][c];
            }
            batch[c] = Tensor.Stack(parts);
        }
        return batch;
    }

    protected int CheckIndex(long index)
    {
        int n = GetLength();
        if (index < 0 || index >= n)
        {
            throw Raise(new TensorIndexException("DatasetIndexOutOfRange", $"index {index} is out of range for a data set of {n} items"));
        }
        return (int)index;
    }

    public override string ToString() => $"{GetType().Name}(length={GetLength()})";
}

/// <summary>
/// Tensors that share their first dim, item i being the i-th row of each, as TensorDataset.
/// Batches are gathered with one IndexSelect per tensor.
/// </summary>
public sealed class TensorDataset : Dataset
{
    private readonly Tensor[] _tensors;

    public TensorDataset(params Tensor[] tensors)
    {
        if (tensors is null || tensors.Length == 0)
        {
            throw Raise(new TensorArgumentException("EmptyTensorDataset", "a TensorDataset needs at least one tensor"));
        }
        foreach (var t in tensors)
        {
            ThrowIfNull(t, nameof(tensors));
            if (t.Ndim == 0)
            {
                throw Raise(new ShapeMismatchException("DatasetTensorRank",
                    $"a TensorDataset indexes samples along the first dim, but one of its tensors is 0-d (shape [], value {t.ToDouble()}); give it a dim of samples"));
            }
            if (t.Size(0) != tensors[0].Size(0))
            {
                throw Raise(new ShapeMismatchException("SizeMismatchBetweenTensors",
                    $"Size mismatch between tensors: every tensor needs the same first dim, got shapes {string.Join(" and ", tensors.Select(x => Shapes.Format(x.Sizes)))}"));
            }
        }
        _tensors = tensors;
    }

    /// <summary>The tensors, in the order items list them.</summary>
    public IReadOnlyList<Tensor> Tensors => _tensors;

    public override int GetLength() => _tensors[0].Size(0);

    public override Tensor[] GetItem(int index)
    {
        int i = CheckIndex(index);
        return _tensors.Select(t => t.Select(0, i)).ToArray();
    }

    public override Tensor[] GetBatch(IReadOnlyList<long> indices)
    {
        ThrowIfNull(indices);
        foreach (var i in indices) CheckIndex(i);
        var idx = Tensor.FromBuffer(indices.ToArray(), [indices.Count]);
        return _tensors.Select(t => t.IndexSelect(0, idx)).ToArray();
    }

    public override string ToString() =>
        $"TensorDataset(length={GetLength()}, tensors=[{string.Join(", ", _tensors.Select(t => Shapes.Format(t.Sizes) + " " + t.DType.TorchName()))}])";
}

/// <summary>The items of another data set at the given indices, as torch.utils.data.Subset.</summary>
public sealed class Subset : Dataset
{
    private readonly long[] _indices;

    public Subset(Dataset dataset, IReadOnlyList<long> indices)
    {
        Dataset = dataset ?? throw Raise(NullArgument(nameof(dataset), nameof(Subset)));
        _indices = indices.ToArray();
    }

    public Dataset Dataset { get; }

    public override Preprocessing? Preprocessing => Dataset.Preprocessing;

    public IReadOnlyList<long> Indices => _indices;

    public override int GetLength() => _indices.Length;

    public override Tensor[] GetItem(int index) => Dataset.GetItem((int)_indices[CheckIndex(index)]);

    public override Tensor[] GetBatch(IReadOnlyList<long> indices)
    {
        ThrowIfNull(indices);
        return Dataset.GetBatch(indices.Select(i => _indices[CheckIndex(i)]).ToArray());
    }
}
