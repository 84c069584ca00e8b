using NNTools.Autograd;

namespace NNTools;

/// <summary>Rearranging elements or dims: Roll, Tile, Movedim, Swapaxes and Swapdims.</summary>
public sealed partial class Tensor
{
    /// <summary>The flattened elements shifted by <paramref name="shifts"/> places (wrapping around), in this shape, as torch.roll without dims.</summary>
    public Tensor Roll(int shifts) => Roll([shifts], []);

    /// <summary>The elements shifted by <paramref name="shifts"/> places along <paramref name="dim"/>, wrapping around, as torch.roll.</summary>
    public Tensor Roll(int shifts, int dim) => Roll([shifts], [dim]);

    /// <summary>
    /// Each dims[i] rolled by shifts[i] (a copy), as torch.roll; with no dims the flattened tensor
    /// is rolled by the single shift. The gradient is the incoming one rolled back.
    /// </summary>
    public Tensor Roll(int[] shifts, int[] dims)
    {
        ThrowIfNull(shifts);
        ThrowIfNull(dims);
        if (dims.Length == 0 && shifts.Length == 1)
        {
            Tensor flat;
            using (GradMode.NoGrad()) flat = Flatten().Roll(shifts, [0]).Reshape(Sizes);
            return Record(flat, "RollBackward0", [this], g => [g.Roll(shifts.Select(s => -s).ToArray(), dims)]);
        }
        if (shifts.Length != dims.Length || shifts.Length == 0)
        {
            throw Raise(new TensorArgumentException("RollDims", $"shifts and dimensions must align. shifts: {shifts.Length}, dims:{dims.Length}"));
        }
        var wrapped = dims.Select(d => Shapes.WrapDim(d, Ndim)).ToArray();
        Tensor result = this;
        using (GradMode.NoGrad())
        {
            for (int i = 0; i < wrapped.Length; i++)
            {
                int d = wrapped[i], n = Ndim == 0 ? 1 : Sizes[d];
                int s = n == 0 ? 0 : ((shifts[i] % n) + n) % n;
                if (s != 0) result = Cat([result.Narrow(d, n - s, s), result.Narrow(d, 0, n - s)], d);
            }
            if (ReferenceEquals(result, this)) result = ContiguousCopy();
        }
        return Record(result, "RollBackward0", [this], g => [g.Roll(shifts.Select(s => -s).ToArray(), wrapped)]);
    }

    /// <summary>
    /// Repeats the tensor reps[i] times along dim i, as torch.tile: unlike <see cref="Repeat"/> fewer
    /// reps than dims are allowed and padded with leading ones.
    /// </summary>
    public Tensor Tile(params int[] reps)
    {
        ThrowIfNull(reps);
        return Repeat(Enumerable.Repeat(1, Math.Max(0, Ndim - reps.Length)).Concat(reps).ToArray());
    }

    /// <summary>The dim <paramref name="source"/> moved to position <paramref name="destination"/>, the others keeping their order, as torch.movedim (a view).</summary>
    public Tensor Movedim(int source, int destination) => Movedim([source], [destination]);

    /// <summary>
    /// Dims source[i] moved to positions destination[i], the other dims filling the remaining
    /// positions in their order, as torch.movedim (a permute view).
    /// </summary>
    public Tensor Movedim(int[] source, int[] destination)
    {
        ThrowIfNull(source);
        ThrowIfNull(destination);
        if (source.Length != destination.Length)
        {
            throw Raise(new TensorArgumentException("MovedimDims",
                $"movedim: Invalid source or destination dims: source ({Shapes.Format(source)} dims) should contain the same number of dims as destination ({Shapes.Format(destination)} dims)"));
        }
        var src = source.Select(d => Shapes.WrapDim(d, Ndim)).ToArray();
        var dst = destination.Select(d => Shapes.WrapDim(d, Ndim)).ToArray();
        if (src.Distinct().Count() != src.Length) throw Raise(new TensorArgumentException("MovedimRepeatedDim", $"movedim: repeated dim in `source` ({Shapes.Format(source)})"));
        if (dst.Distinct().Count() != dst.Length) throw Raise(new TensorArgumentException("MovedimRepeatedDim", $"movedim: repeated dim in `destination` ({Shapes.Format(destination)})"));
        if (Ndim == 0) return Permute();
        var order = Enumerable.Repeat(-1, Ndim).ToArray();
        for (int i = 0; i < src.Length; i++) order[dst[i]] = src[i];
        using var rest = Enumerable.Range(0, Ndim).Where(d => !src.Contains(d)).GetEnumerator();
        for (int i = 0; i < Ndim; i++)
        {
            if (order[i] >= 0) continue;
            rest.MoveNext();
            order[i] = rest.Current;
        }
        return Permute(order);
    }

    /// <summary>Swaps two dims, as torch.swapaxes (another name for <see cref="Transpose"/>).</summary>
    public Tensor Swapaxes(int axis0, int axis1) => Transpose(axis0, axis1);

    /// <summary>Swaps two dims, as torch.swapdims (another name for <see cref="Transpose"/>).</summary>
    public Tensor Swapdims(int dim0, int dim1) => Transpose(dim0, dim1);
}
