using System.Runtime.CompilerServices;
using NNTools.Autograd;

namespace NNTools;

/// <summary>
/// Python-style indexing: integers, slices, None, ellipsis (views, through Select, Slice and
/// Unsqueeze, so autograd follows them) and int64 / bool index tensors (PyTorch's advanced
/// indexing, which copies), read and assigned.
/// </summary>
/// <remarks>
/// The indexers are named "At" ([IndexerName]) because C# calls an indexer "Item" by default,
/// and <see cref="Item"/> is torch's item(). Every invalid index throws a
/// <see cref="TensorIndexException"/>: PowerShell hides indexer exceptions outside strict mode,
/// so an indexer must never answer null.
/// </remarks>
public sealed partial class Tensor
{
    /// <summary>
    /// numpy's subscript syntax as a string: <c>t[":, None"]</c>, <c>t["1, :2"]</c>, <c>t["..., 0"]</c>,
    /// <c>t["::2, -1"]</c>, <c>t["[0, 2], 1:"]</c> (a bracketed list is an advanced index). Negative
    /// steps are refused, as in PyTorch. Setting writes into the selection in place.
    /// </summary>
    [IndexerName("At")]
    public Tensor this[string index]
    {
        get => Index(index);
        set => IndexPut_([index], value);
    }

    /// <summary>Position <paramref name="index"/> along dim 0 (a view; negative counts from the end).</summary>
    [IndexerName("At")]
    public Tensor this[int index]
    {
        get => Select(0, index);
        set => IndexPut_([index], value);
    }

    /// <summary>A bool mask (elements where true, as a 1-d copy for a full mask) or int64 positions along dim 0.</summary>
    [IndexerName("At")]
    public Tensor this[Tensor index]
    {
        get => Index(index);
        set => IndexPut_([index], value);
    }

    /// <summary>A number as a 0-d tensor that promotes like a Python number, so that <c>t["0"] = 1.5</c> compiles.</summary>
    public static implicit operator Tensor(double value) => WrappedScalar(value);

    public static implicit operator Tensor(long value) => WrappedScalar(value);

    public static implicit operator Tensor(int value) => WrappedScalar((long)value);

    public static implicit operator Tensor(bool value) => WrappedScalar(value);

    /// <summary>
    /// x[i0, i1, ...] as PyTorch evaluates it. Each element is an int or long; a string, parsed as
    /// by the string indexer ("1:3", ":", "...", "None", or several comma-separated items); null
    /// (None, a new axis); a C# Range (1..^1); a bool (True adds a dim, False adds an empty one);
    /// an int64 or bool tensor, or an array (nested to any depth) of integers or of bools (advanced
    /// indexing). Basic indices alone give a view; with advanced ones the result is a copy whose
    /// gradient scatter-adds back.
    /// </summary>
    public Tensor Index(params object?[]? indices) => IndexWith(ToIndexItems(indices));

    private Tensor IndexWith(List<IndexItem> items)
    {
        var advanced = new List<(int Dim, Tensor Index)>();
        var view = ApplyBasic(items, advanced);
        if (advanced.Count == 0) return ReferenceEquals(view, this) ? AliasView() : view;
        var plan = AdvancedIndex.Create(view, advanced);
        var result = plan.Gather(view);
        var shape = view.Sizes;
        return Record(result, "IndexBackward0", [view], g => [Put(g)]);

        // The backward scatter-adds g into zeros; the adjoint of that is the gather again, and so on at every order.
        Tensor Put(Tensor g)
        {
            var z = Empty(shape, view.DType);
            plan.Put(z, g, accumulate: true);
            return LinearInGrad(z, g, "IndexBackwardBackward0", Take);
        }
        Tensor Take(Tensor gz) => LinearInGrad(plan.Gather(gz), gz, "IndexBackward0", Put);
    }

    /// <summary>
    /// x[indices] = value in place, as torch's index_put_: <paramref name="value"/> (a tensor or a
    /// number) is broadcast to the selection and converted to this dtype. Where advanced indices
    /// repeat a position the last write wins, or the values add up when <paramref name="accumulate"/>.
    /// </summary>
    /// <remarks>
    /// Refused on a leaf that requires grad unless inside <see cref="GradMode.NoGrad"/>. On a tensor
    /// autograd tracks, or with a value that requires grad, the write is recorded as PyTorch records it:
    /// basic indices write through a view (CopySlices on this tensor), advanced ones are an
    /// IndexPutBackward0 node; the value receives the gradient of the elements it was written to.
    /// </remarks>
    public Tensor IndexPut_(object?[] indices, Tensor value, bool accumulate = false)
    {
        ThrowIfNull(value);
        CheckInPlace();
        var advanced = new List<(int Dim, Tensor Index)>();
        var view = ApplyBasic(ToIndexItems(indices), advanced);
        bool recorded = view.RecordsInPlace(value);
        if (advanced.Count == 0)
        {
            var v = FitValue(value, view.Sizes);
            if (recorded) _ = accumulate ? view.Add_(v) : view.Copy_(v);
            else
            {
                view.CheckNoPartialOverlap(v);
                if (accumulate)
                {
                    using (GradMode.NoGrad()) v = view.Add(v);
                }
                view.CopyRaw(v);
            }
            return this;
        }
        var plan = AdvancedIndex.Create(view, advanced);
        var fitted = FitValue(value, plan.ResultShape);
        if (recorded)
        {
            view.InPlaceRecorded(c => IndexPutRecorded(c, plan, fitted, accumulate));
            return this;
        }
        plan.Put(view, fitted.ExpandRaw(plan.ResultShape), accumulate);
        BumpVersion();
        return this;
    }

    /// <summary>
    /// <paramref name="old"/> with <paramref name="value"/> put at the plan's positions, recorded: the old
    /// value's gradient is zero where it was overwritten (kept everywhere when accumulating), and the
    /// value's is the gradient at the positions it went to, summed over the dims it was broadcast along.
    /// </summary>
    private static Tensor IndexPutRecorded(Tensor old, AdvancedIndex plan, Tensor value, bool accumulate)
    {
        var result = old.ContiguousCopy();
        plan.Put(result, value.ExpandRaw(plan.ResultShape), accumulate);
        return Record(result, "IndexPutBackward0", [old, value], g =>
        {
            RefuseDoubleBackward("IndexPutBackward0");
            return
            [
                GradFor(old, () =>
                {
                    if (accumulate) return g;
                    var z = g.ContiguousCopy();
                    plan.Put(z, Full(plan.ResultShape, 0, g.DType), accumulate: false);
                    return z;
                }),
                GradFor(value, () => plan.Gather(g)),
            ];
        });
    }

    /// <summary>
    /// x[indices] = value for a value given as a tensor, a number, a bool or nested arrays of them
    /// (PowerShell passes any of them); non-tensor values are read straight into this dtype, so no
    /// precision is lost on the way.
    /// </summary>
    public Tensor IndexPut_(object?[] indices, object value, bool accumulate = false) =>
        IndexPut_(indices, value as Tensor ?? NestedData.ToTensor(value, DType), accumulate);

    /// <summary>
    /// <paramref name="value"/> without the leading size-1 dims it has beyond the rank of <paramref name="shape"/>
    /// (as PyTorch's setitem drops them), checked to broadcast to that shape; a recorded view when it requires grad.
    /// </summary>
    private static Tensor FitValue(Tensor value, int[] shape)
    {
        var v = value;
        int drop = 0;
        while (v.Ndim - drop > shape.Length && v.Sizes[drop] == 1) drop++;
        if (drop > 0) v = NeedsGrad(v) ? v.View(v.Sizes[drop..]) : new Tensor(v.Storage, v.Sizes[drop..], v.StrideArray[drop..], v.Offset);
        bool fits = v.Ndim <= shape.Length;
        for (int i = 0; fits && i < v.Ndim; i++)
        {
            int own = v.Sizes[v.Ndim - 1 - i], target = shape[shape.Length - 1 - i];
            fits = own == target || own == 1;
        }
        if (!fits)
        {
            throw Raise(new ShapeMismatchException("IndexPutShape",
                $"shape mismatch: value tensor of shape {Shapes.Format(value.Sizes)} cannot be broadcast to indexing result of shape {Shapes.Format(shape)}"));
        }
        return v;
    }

    /// <summary>
    /// Applies integers, slices, None and ellipsis as views (recorded for autograd when grad mode
    /// is on) and collects the index tensors with the dim of the view each one starts at.
    /// </summary>
    private Tensor ApplyBasic(List<IndexItem> items, List<(int Dim, Tensor Index)> advanced)
    {
        // A 0-d integer tensor indexes as the integer it holds (a view, not an advanced index), as in torch;
        // a uint8 index is a mask, as torch 1.13 still reads one (with a deprecation warning).
        items = items.Select(item => item switch
        {
            IndexItem.TensorIndex { Index: { DType: DType.Int64 or DType.Int32, Ndim: 0 } t } => new IndexItem.Integer(t.ToInt64()),
            IndexItem.TensorIndex { Index: { DType: DType.UInt8 } t } => new IndexItem.TensorIndex(t.CastRaw(DType.Bool)),
            _ => item,
        }).ToList();
        // Python's True is an advanced index of shape [1] when other advanced indices (another True
        // included) are present: it then broadcasts with them instead of adding a dim of its own.
        // Alone it is just a new dim, which keeps x[True] a view.
        bool otherAdvanced = items.Count(item => item is IndexItem.TensorIndex) > 1;
        int consumed = 0, ellipses = 0;
        foreach (var item in items)
        {
            switch (item)
            {
                case IndexItem.Integer or IndexItem.Range: consumed++; break;
                case IndexItem.TensorIndex { Index: var t }: consumed += t.DType == DType.Bool ? t.Ndim : 1; break;
                case IndexItem.Ellipsis: ellipses++; break;
            }
        }
        if (ellipses > 1) throw Raise(new TensorIndexException("IndexMultipleEllipsis", "an index can only have a single ellipsis ('...')"));
        if (consumed > Ndim)
        {
            throw Raise(new TensorIndexException("TooManyIndices",
                Ndim == 0 ? "invalid index of a 0-dim tensor. Use Item() to convert a 0-dim tensor to a number" : $"too many indices for tensor of dimension {Ndim}"));
        }
        var result = this;
        int dim = 0, sourceDim = 0;
        foreach (var item in items)
        {
            switch (item)
            {
                case IndexItem.Integer { Value: var i }:
                    int n = result.Sizes[dim];
                    // PyTorch names the dim of the indexed tensor, not of the partly indexed view.
                    if (i < -n || i >= n) throw Raise(new TensorIndexException("IndexOutOfRange", $"index {i} is out of bounds for dimension {sourceDim} with size {n}"));
                    result = result.Select(dim, (int)i);
                    sourceDim++;
                    break;
                case IndexItem.Range r:
                    result = result.Slice(dim, ClampBound(r.Start), ClampBound(r.Stop), (int)Math.Min(r.Step, int.MaxValue));
                    dim++;
                    sourceDim++;
                    break;
                case IndexItem.NewAxis:
                    result = result.Unsqueeze(dim);
                    dim++;
                    break;
                case IndexItem.Ellipsis:
                    dim += Ndim - consumed;
                    sourceDim += Ndim - consumed;
                    break;
                case IndexItem.TensorIndex { Index: var t } when t.DType == DType.Bool && t.Ndim == 0:
                    // As Python's True / False: a new dim of size 1, emptied by False.
                    result = result.Unsqueeze(dim);
                    if (!t.ToBoolean()) advanced.Add((dim, Empty([0], DType.Int64)));
                    else if (otherAdvanced) advanced.Add((dim, Empty([1], DType.Int64)));
                    dim++;
                    break;
                case IndexItem.TensorIndex { Index: var t }:
                    if (t.DType is not (DType.Int64 or DType.Bool))
                    {
                        throw Raise(new TensorIndexException("IndexDType", $"tensors used as indices must be long, byte or bool tensors, got {t.DType.TorchName()}"));
                    }
                    advanced.Add((dim, t));
                    dim += t.DType == DType.Bool ? t.Ndim : 1;
                    sourceDim += t.DType == DType.Bool ? t.Ndim : 1;
                    break;
            }
        }
        return result;
    }

    private static int? ClampBound(long? bound) => bound is long b ? (int)Math.Clamp(b, -int.MaxValue, int.MaxValue) : null;

    private static List<IndexItem> ToIndexItems(object?[]? indices)
    {
        var items = new List<IndexItem>();
        foreach (var raw in indices ?? [null])
        {
            var o = raw is null || NestedData.Unwrapper is not { } unwrap ? raw : unwrap(raw);
            switch (o)
            {
                case null: items.Add(new IndexItem.NewAxis()); break;
                case string s: items.AddRange(IndexParser.Parse(s)); break;
                case int or long or short or byte or sbyte or uint: items.Add(new IndexItem.Integer(Convert.ToInt64(o, System.Globalization.CultureInfo.InvariantCulture))); break;
                case bool b: items.Add(new IndexItem.TensorIndex(WrappedScalar(b))); break;
                case Tensor t: items.Add(new IndexItem.TensorIndex(t)); break;
                case System.Range r: items.Add(new IndexItem.Range(RangeBound(r.Start), RangeBound(r.End), 1)); break;
                case Array { Length: 0 }: items.Add(new IndexItem.TensorIndex(Empty([0], DType.Int64))); break;
                case Array a when NestedData.ToTensor(a, null) is { DType: DType.Int64 or DType.Bool } t: items.Add(new IndexItem.TensorIndex(t)); break;
                // A .NET int[] or byte[] stands for a Python list of ints: int64 positions.
                case Array a when NestedData.ToTensor(a, null) is { DType: DType.Int32 or DType.UInt8 } t: items.Add(new IndexItem.TensorIndex(t.CastRaw(DType.Int64))); break;
                default: throw Raise(NotAnIndex(o));
            }
        }
        return items;
    }

    private static TensorIndexException NotAnIndex(object o) => new("IndexType",
        $"only integers, slices (`:`), ellipsis (`...`), None and long or bool tensors are valid indices (got {o.GetType().Name})");

    /// <summary>A C# range bound as a Python slice bound: ^k is -k, and ^0 (the end) is past every dim.</summary>
    private static long RangeBound(System.Index i) => !i.IsFromEnd ? i.Value : i.Value == 0 ? int.MaxValue : -i.Value;
}
