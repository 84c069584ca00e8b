using NNTools.Kernels;

namespace NNTools;

/// <summary>The result of a min or max over a dim: the extreme values and their int64 positions along that dim.</summary>
public sealed record MinMaxResult(Tensor Values, Tensor Indices);

/// <summary>Min, max, their positions, and the logical reductions All and Any.</summary>
public sealed partial class Tensor
{
    /// <summary>The largest element as a 0-d tensor; NaN if any element is NaN. Ties share the gradient evenly.</summary>
    public Tensor Max() => ExtremeAll(min: false);

    /// <summary>The smallest element as a 0-d tensor; NaN if any element is NaN. Ties share the gradient evenly.</summary>
    public Tensor Min() => ExtremeAll(min: true);

    /// <summary>
    /// The largest values along <paramref name="dim"/> and the index of each (the first one on ties,
    /// the first NaN if any), as torch.max(input, dim). The gradient goes to the chosen index only.
    /// </summary>
    public MinMaxResult Max(int dim, bool keepDim = false) => ExtremeDim(dim, keepDim, min: false, "max");

    public MinMaxResult Min(int dim, bool keepDim = false) => ExtremeDim(dim, keepDim, min: true, "min");

    /// <summary>Elementwise maximum with broadcasting, as torch.max(input, other).</summary>
    public Tensor Max(Tensor other) => Maximum(other);

    /// <summary>Elementwise minimum with broadcasting, as torch.min(input, other).</summary>
    public Tensor Min(Tensor other) => Minimum(other);

    /// <summary>The int64 index of the largest element of the flattened tensor (row-major), as a 0-d tensor.</summary>
    public Tensor ArgMax() => ArgExtreme(null, false, min: false, "argmax");

    public Tensor ArgMax(int dim, bool keepDim = false) => ArgExtreme(dim, keepDim, min: false, "argmax");

    public Tensor ArgMin() => ArgExtreme(null, false, min: true, "argmin");

    public Tensor ArgMin(int dim, bool keepDim = false) => ArgExtreme(dim, keepDim, min: true, "argmin");

    /// <summary>The largest elements over all dims as a 0-d tensor, as torch.amax; see <see cref="Amax(int[], bool)"/>.</summary>
    public Tensor Amax() => Amax([], false);

    /// <summary>The largest elements along <paramref name="dim"/>, as torch.amax; see <see cref="Amax(int[], bool)"/>.</summary>
    public Tensor Amax(int dim, bool keepDim = false) => Amax([dim], keepDim);

    /// <summary>
    /// The largest elements over <paramref name="dims"/> (all when empty), as torch.amax: NaN where a
    /// reduced row holds NaN. Unlike Max(dim) the gradient is split evenly among the elements equal
    /// to the result (g / count at each), and no indices are returned.
    /// </summary>
    public Tensor Amax(int[] dims, bool keepDim = false) => AExtreme(dims, keepDim, min: false);

    /// <summary>The smallest elements over all dims as a 0-d tensor, as torch.amin.</summary>
    public Tensor Amin() => Amin([], false);

    /// <summary>The smallest elements along <paramref name="dim"/>, as torch.amin.</summary>
    public Tensor Amin(int dim, bool keepDim = false) => Amin([dim], keepDim);

    /// <summary>The smallest elements over <paramref name="dims"/> (all when empty), as torch.amin; ties share the gradient evenly.</summary>
    public Tensor Amin(int[] dims, bool keepDim = false) => AExtreme(dims, keepDim, min: true);

    private Tensor AExtreme(int[] dims, bool keepDim, bool min)
    {
        ThrowIfNull(dims);
        string name = min ? "amin" : "amax";
        var rd = ReductionDims(dims);
        if (Numel() == 0 && (dims.Length == 0 || Ndim == 0))
        {
            throw Raise(new TensorArgumentException("EmptyReduction",
                $"{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."));
        }
        CheckNonEmptyDim(rd, name);
        var result = ExtremeRows(rd, keepDim, min, out _);
        var shape = Sizes;
        // torch's scale_grad_by_count: a row whose result is NaN matches nothing, and 0 / 0 makes its gradient NaN as in PyTorch.
        return Record(result, min ? "AminBackward0" : "AmaxBackward0", [this], g =>
        {
            var hit = Eq(ExpandReduced(result, rd, keepDim, shape));
            return [ExpandReduced(g, rd, keepDim, shape) / hit.Sum(rd, keepDim: true) * hit];
        }, result);
    }

    private Tensor ExtremeAll(bool min)
    {
        string name = min ? "min" : "max";
        if (Numel() == 0)
        {
            throw Raise(new TensorArgumentException("EmptyReduction",
                $"{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."));
        }
        var rd = ReductionDims(null);
        var result = ExtremeRows(rd, false, min, out _);
        return Record(result, min ? "MinBackward1" : "MaxBackward1", [this], g =>
        {
            // Evenly distributed over the tied elements (all NaNs when the result is NaN).
            var hit = result.IsNan().ToBoolean() ? IsNan() : Eq(result);
            return [g * hit / hit.Sum()];
        }, result);
    }

    private MinMaxResult ExtremeDim(int dim, bool keepDim, bool min, string name)
    {
        var rd = DimOrAll(dim);
        CheckNonEmptyDim(rd, name);
        var values = ExtremeRows(rd, keepDim, min, out var indices);
        var shape = Sizes;
        values = Record(values, min ? "MinBackward0" : "MaxBackward0", [this],
            g => [ExpandReduced(g, rd, keepDim, shape) * OneHot(indices, rd)], indices);
        return new MinMaxResult(values, indices);
    }

    private Tensor ArgExtreme(int? dim, bool keepDim, bool min, string name)
    {
        if (DType == DType.Bool) throw Raise(new DTypeMismatchException("UnsupportedDType", $"\"{name}_cpu\" not implemented for 'Bool'"));
        if (dim is null && Numel() == 0)
        {
            throw Raise(new TensorArgumentException("EmptyReduction", $"{name}(): Expected reduction dim to be specified for input.numel() == 0."));
        }
        int[] rd = DimOrAll(dim);
        CheckNonEmptyDim(rd, name);
        ExtremeRows(rd, keepDim, min, out var indices);
        return indices;
    }

    /// <summary>The wrapped <paramref name="dim"/> as a one-element list, or all dims when null (none for a 0-d tensor, which accepts dim 0 and -1).</summary>
    private int[] DimOrAll(int? dim)
    {
        if (dim is not int d) return ReductionDims(null);
        int wrapped = Shapes.WrapDim(d, Ndim);
        return Ndim == 0 ? [] : [wrapped];
    }

    private void CheckNonEmptyDim(int[] rd, string name)
    {
        foreach (var d in rd)
        {
            if (Sizes[d] == 0)
            {
                throw Raise(new TensorIndexException("EmptyReduction", $"{name}(): Expected reduction dim {d} to have non-zero size."));
            }
        }
    }

    /// <summary>Extreme values over <paramref name="rd"/> (no autograd) and their int64 indices within each row.</summary>
    internal Tensor ExtremeRows(int[] rd, bool keepDim, bool min, out Tensor indices)
    {
        // Bool and the narrow integers compare as int64, which orders them the same; the values convert back exactly.
        var compute = DType.IsFloating() ? DType : DType.Int64;
        var src = CastRaw(compute).RowsForReduction(rd, out int rows, out int len);
        var shape = ReducedShape(rd, keepDim);
        var values = Empty(shape, compute);
        indices = Empty(shape, DType.Int64);
        ExtremeKernels.ExtremeRows(src, rows, len, min, values, indices);
        return values.CastRaw(DType);
    }

    /// <summary>A bool tensor of this tensor's shape, true at the positions <paramref name="indices"/> picked along the reduced dim.</summary>
    private Tensor OneHot(Tensor indices, int[] rd)
    {
        int len = 1;
        foreach (var d in rd) len *= Sizes[d];
        var mask = Empty([Numel()], DType.Bool);
        ExtremeKernels.MarkPicked(indices, len, mask);
        return FromRows(mask, rd);
    }

    /// <summary>True when every element is non-zero (true for an empty tensor), as a 0-d bool tensor.</summary>
    public Tensor All() => Logical(null, false, all: true);

    public Tensor All(int dim, bool keepDim = false) => Logical(dim, keepDim, all: true);

    /// <summary>True when some element is non-zero (false for an empty tensor), as a 0-d bool tensor.</summary>
    public Tensor Any() => Logical(null, false, all: false);

    public Tensor Any(int dim, bool keepDim = false) => Logical(dim, keepDim, all: false);

    private Tensor Logical(int? dim, bool keepDim, bool all)
    {
        int[] rd = DimOrAll(dim);
        var src = CastRaw(DType.Bool).RowsForReduction(rd, out int rows, out int len);
        var result = Empty(ReducedShape(rd, keepDim), DType.Bool);
        ExtremeKernels.AllAnyRows(src, rows, len, all, result);
        // torch 1.13 keeps uint8 for all() and any() of a uint8 tensor (every other dtype gives bool).
        return DType == DType.UInt8 ? result.CastRaw(DType.UInt8) : result;
    }
}
