using System.Collections;

namespace NNTools.Data;

/// <summary>One batch from a <see cref="DataLoader"/>: its tensors, with Input and Target for the usual pair.</summary>
public sealed class Batch(Tensor[] tensors)
{
    public Tensor[] Tensors { get; } = tensors;

    /// <summary>The first tensor (the model's input).</summary>
    public Tensor Input => Tensors[0];

    /// <summary>The second tensor (the target); null when the data set has only inputs.</summary>
    public Tensor? Target => Tensors.Length > 1 ? Tensors[1] : null;

    /// <summary>The number of items in the batch.</summary>
    public int Size => Tensors.Length == 0 ? 0 : Tensors[0].Size(0);

    public void Deconstruct(out Tensor input, out Tensor? target)
    {
        input = Input;
        target = Target;
    }

    public override string ToString() => $"Batch({string.Join(", ", Tensors.Select(t => Shapes.Format(t.Sizes)))})";
}

/// <summary>
/// Batches over a data set, as torch.utils.data.DataLoader with a sequential or random sampler.
/// Enumerating it is one epoch; with <see cref="Shuffle"/> every epoch has a new order, drawn as
/// PyTorch's RandomSampler draws it: from the explicit generator when one is given, otherwise from
/// a fresh generator seeded by one draw of the default generator, so one ManualSeed repeats a run.
/// </summary>
public sealed class DataLoader : IEnumerable<Batch>
{
    public DataLoader(Dataset dataset, int batchSize = 1, bool shuffle = false, bool dropLast = false, Generator? generator = null)
    {
        Dataset = dataset ?? throw Raise(NullArgument(nameof(dataset), nameof(DataLoader)));
        if (batchSize <= 0)
        {
            throw Raise(new TensorArgumentException("InvalidBatchSize", $"batch_size should be a positive integer value, but got batch_size={batchSize}"));
        }
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Generator = generator;
    }

    public Dataset Dataset { get; }

    public int BatchSize { get; }

    public bool Shuffle { get; }

    public bool DropLast { get; }

    public Generator? Generator { get; }

    /// <summary>The number of batches in one epoch (len(loader)).</summary>
    public int Count
    {
        get
        {
            int n = Dataset.GetLength();
            return DropLast ? n / BatchSize : (n + BatchSize - 1) / BatchSize;
        }
    }

    /// <summary>
    /// One epoch. Like PyTorch's _BaseDataLoaderIter, starting an epoch first draws a 64-bit base
    /// seed (for worker processes, unused here) from the loader's generator or the default one, so
    /// that a seeded run consumes the generator exactly as PyTorch does, shuffled or not; the
    /// shuffled order is drawn when the first batch is requested.
    /// </summary>
    public IEnumerator<Batch> GetEnumerator()
    {
        (Generator ?? NNTools.Generator.Default).NextUInt64();
        return Batches();
    }

    private IEnumerator<Batch> Batches()
    {
        int n = Dataset.GetLength();
        Generator? sampler = null;
        long[] order;
        if (Shuffle)
        {
            // RandomSampler: without an explicit generator, a fresh one seeded from the default
            // generator (seed = int(torch.empty((), dtype=torch.int64).random_().item())).
            sampler = Generator ?? new Generator((long)(NNTools.Generator.Default.NextUInt64() % (1UL << 63)));
            order = sampler.Randperm(n);
        }
        else
        {
            order = new long[n];
            for (int i = 0; i < n; i++) order[i] = i;
        }
        for (int start = 0; start < order.Length; start += BatchSize)
        {
            int len = Math.Min(BatchSize, order.Length - start);
            bool partial = len < BatchSize;
            // PyTorch's RandomSampler ends with randperm(n)[:0] once its items run out: one more
            // permutation drawn when the sampler is exhausted, which BatchSampler reaches before a
            // final partial batch and after the last full one.
            if (partial) sampler?.Randperm(n);
            if (partial && DropLast) yield break;
            yield return new Batch(Dataset.GetBatch(new ArraySegment<long>(order, start, len)));
            if (partial) yield break;
        }
        sampler?.Randperm(n);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        $"DataLoader(dataset={Dataset}, batch_size={BatchSize}, shuffle={Shuffle}, drop_last={DropLast}, batches={Count})";
}

/// <summary>Splitting data sets, as torch.utils.data.random_split.</summary>
public static class DataSplit
{
    /// <summary>
    /// Non-overlapping random subsets of the given lengths (which must add up to the data set's
    /// length), from one randperm of the generator (the default one when null).
    /// </summary>
    public static Subset[] RandomSplit(Dataset dataset, IReadOnlyList<int> lengths, Generator? generator = null)
    {
        ThrowIfNull(dataset);
        ThrowIfNull(lengths);
        int n = dataset.GetLength();
        if (lengths.Any(l => l < 0) || lengths.Sum() != n)
        {
            throw Raise(new TensorArgumentException("SplitLengths",
                $"Sum of input lengths ({string.Join(" + ", lengths)} = {lengths.Sum()}) does not equal the length of the input dataset ({n})"));
        }
        var perm = (generator ?? Generator.Default).Randperm(n);
        var result = new Subset[lengths.Count];
        int offset = 0;
        for (int i = 0; i < lengths.Count; i++)
        {
            result[i] = new Subset(dataset, new ArraySegment<long>(perm, offset, lengths[i]));
            offset += lengths[i];
        }
        return result;
    }

    /// <summary>
    /// Random subsets by fractions that add up to 1, as random_split with fractional lengths:
    /// floor(n * f) each, the remainder handed out one by one round-robin from the first.
    /// </summary>
    public static Subset[] RandomSplit(Dataset dataset, IReadOnlyList<double> fractions, Generator? generator = null)
    {
        ThrowIfNull(dataset);
        ThrowIfNull(fractions);
        if (fractions.Any(f => f < 0 || f > 1) || Math.Abs(fractions.Sum() - 1) > 1e-9)
        {
            throw Raise(new TensorArgumentException("SplitFractions", $"fractions must each lie in [0, 1] and sum to 1, got [{string.Join(", ", fractions)}]"));
        }
        int n = dataset.GetLength();
        var lengths = fractions.Select(f => (int)Math.Floor(n * f)).ToArray();
        int remainder = n - lengths.Sum();
        for (int i = 0; i < remainder; i++) lengths[i % lengths.Length]++;
        return RandomSplit(dataset, lengths, generator);
    }
}
