using System.Globalization;
using System.Text;

namespace NNTools;

/// <summary>
/// Renders a tensor exactly as PyTorch 1.13's repr(tensor) (torch/_tensor_str.py): one element
/// format chosen for the whole tensor, nested brackets indented under "tensor(", rows wrapped at
/// the line width, large tensors summarised with "...", then the dtype / grad suffixes.
/// </summary>
internal static class TensorFormatter
{
    private const string Prefix = "tensor(";

    public static string Format(Tensor tensor, PrintSettings options)
    {
        int indent = Prefix.Length;
        var suffixes = new List<string>();
        string body;
        if (tensor.Numel() == 0)
        {
            // numpy shows the shape of an empty tensor unless it is (0,); with no elements to
            // tell an int from a float, every dtype but the default float is named.
            if (tensor.Ndim != 1) suffixes.Add("size=" + PythonTuple(tensor.Sizes));
            if (tensor.DType != DTypes.DefaultFloat) suffixes.Add("dtype=" + tensor.DType.TorchName());
            body = "[]";
        }
        else
        {
            if (tensor.DType != DTypes.DefaultFloat && tensor.DType is not (DType.Int64 or DType.Bool)) suffixes.Add("dtype=" + tensor.DType.TorchName());
            body = new Layout(tensor, options).Render(indent);
        }
        if (tensor.GradFn is not null) suffixes.Add($"grad_fn=<{tensor.GradFn.Name}>");
        else if (tensor.RequiresGrad) suffixes.Add("requires_grad=True");
        return AddSuffixes(Prefix + body, suffixes, indent, options.LineWidth);
    }

    /// <summary>_add_suffixes: each suffix after ", " or, when the line would pass the width, on a new indented line.</summary>
    private static string AddSuffixes(string text, List<string> suffixes, int indent, int lineWidth)
    {
        var sb = new StringBuilder(text);
        // PyTorch's own arithmetic, including its +1 (and +2 when there is no newline): kept so wrapping matches.
        int lastLineLength = text.Length - text.LastIndexOf('\n') + 1;
        foreach (var suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > lineWidth)
            {
                sb.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                sb.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }
        return sb.Append(')').ToString();
    }

    /// <summary>Python's str(tuple): "(2, 0)", and "(0,)" for one item.</summary>
    private static string PythonTuple(int[] sizes) =>
        sizes.Length == 1 ? $"({sizes[0]},)" : "(" + string.Join(", ", sizes) + ")";

    /// <summary>
    /// The bracket structure of one non-empty tensor. Elements are read in place through the
    /// tensor's strides (positions in its storage), so printing a summarised view of a huge
    /// tensor touches only the elements shown and records nothing in the autograd graph.
    /// </summary>
    private sealed class Layout
    {
        private readonly PrintSettings _options;
        private readonly int[] _sizes;
        private readonly int[] _strides;
        private readonly int _offset;
        private readonly bool _summarize;
        private readonly ElementFormatter _formatter;

        public Layout(Tensor tensor, PrintSettings options)
        {
            _options = options;
            _sizes = tensor.Sizes;
            _strides = tensor.StrideArray;
            _offset = tensor.Offset;
            _summarize = tensor.Numel() > options.Threshold;
            var shown = new List<int>();
            CollectShown(0, _offset, shown);
            _formatter = new ElementFormatter(tensor.Storage, shown, options);
        }

        public string Render(int indent) => _sizes.Length == 0 ? _formatter.Format(_offset) : Render(0, _offset, indent);

        /// <summary>True when dim <paramref name="dim"/> shows only its first and last edge items.</summary>
        private bool Elided(int dim) => _summarize && _sizes[dim] > 2 * _options.EdgeItems;

        /// <summary>The indices of dim <paramref name="dim"/> that are printed (get_summarized_data keeps the same ones).</summary>
        private IEnumerable<int> ShownIndices(int dim)
        {
            int size = _sizes[dim], edge = _options.EdgeItems;
            if (!Elided(dim)) return Enumerable.Range(0, size);
            return Enumerable.Range(0, edge).Concat(Enumerable.Range(size - edge, edge));
        }

        /// <summary>The storage positions of every printed element: the formatter measures these only.</summary>
        private void CollectShown(int dim, int offset, List<int> shown)
        {
            if (dim == _sizes.Length)
            {
                shown.Add(offset);
                return;
            }
            foreach (var i in ShownIndices(dim)) CollectShown(dim + 1, offset + i * _strides[dim], shown);
        }

        private string Render(int dim, int offset, int indent)
        {
            if (dim == _sizes.Length - 1) return RenderVector(offset, indent);
            var slices = new List<string>();
            int edge = _options.EdgeItems;
            foreach (var i in ShownIndices(dim))
            {
                if (Elided(dim) && i == _sizes[dim] - edge) slices.Add("...");
                slices.Add(Render(dim + 1, offset + i * _strides[dim], indent + 1));
            }
            var separator = "," + new string('\n', _sizes.Length - dim - 1) + new string(' ', indent + 1);
            return "[" + string.Join(separator, slices) + "]";
        }

        /// <summary>_vector_str: as many elements per line as fit in the line width after the indent.</summary>
        private string RenderVector(int offset, int indent)
        {
            int dim = _sizes.Length - 1;
            int elementLength = _formatter.Width + 2;
            int perLine = Math.Max(1, (int)Math.Floor((double)(_options.LineWidth - indent) / elementLength));
            var items = new List<string>();
            foreach (var i in ShownIndices(dim))
            {
                if (Elided(dim) && i == _sizes[dim] - _options.EdgeItems) items.Add(" ...");
                items.Add(_formatter.Format(offset + i * _strides[dim]));
            }
            var lines = items.Chunk(perLine).Select(line => string.Join(", ", line));
            return "[" + string.Join(",\n" + new string(' ', indent + 1), lines) + "]";
        }
    }

    /// <summary>
    /// PyTorch's _Formatter: one width and one notation for every element, chosen from the
    /// printed elements. Floats whose non-zero finite values are all integers print as "3.";
    /// others with <see cref="PrintSettings.Precision"/> digits; scientific notation when the
    /// largest / smallest magnitude exceeds 1000, the largest exceeds 1e8 or (non-integers)
    /// the smallest is below 1e-4. Float32 values are widened to double first, as item() does.
    /// </summary>
    private sealed class ElementFormatter
    {
        private readonly Storage _storage;
        private readonly int _precision;
        private readonly bool _intMode = true;
        private readonly bool _sciMode;

        public int Width { get; } = 1;

        public ElementFormatter(Storage storage, List<int> shown, PrintSettings options)
        {
            _storage = storage;
            _precision = options.Precision;
            if (!storage.DType.IsFloating())
            {
                foreach (var i in shown) Width = Math.Max(Width, Raw(i).Length);
                return;
            }
            var finite = shown.Select(FloatAt).Where(v => double.IsFinite(v) && v != 0).ToArray();
            // With nothing to measure PyTorch returns early, before the sci_mode option applies.
            if (finite.Length == 0) return;
            double min = finite.Min(Math.Abs), max = finite.Max(Math.Abs);
            _intMode = finite.All(v => v == Math.Ceiling(v));
            _sciMode = max / min > 1000.0 || max > 1.0e8 || (!_intMode && min < 1.0e-4);
            Func<double, int> measure = _sciMode ? v => PythonFloatFormat.Scientific(v, _precision).Length
                : _intMode ? v => PythonFloatFormat.Fixed(v, 0).Length + 1
                : v => PythonFloatFormat.Fixed(v, _precision).Length;
            foreach (var v in finite) Width = Math.Max(Width, measure(v));
            if (options.SciMode is bool forced) _sciMode = forced;
        }

        /// <summary>The element at storage position <paramref name="i"/>, right-aligned to <see cref="Width"/>.</summary>
        public string Format(int i) => Raw(i).PadLeft(Width);

        /// <summary>A floating element widened to double (exact for float32), the value Python formats after item().</summary>
        private double FloatAt(int i) => _storage.DType == DType.Float32 ? ((float[])_storage.Buffer)[i] : ((double[])_storage.Buffer)[i];

        private string Raw(int i)
        {
            if (_storage.DType == DType.Int64) return ((long[])_storage.Buffer)[i].ToString(CultureInfo.InvariantCulture);
            if (_storage.DType == DType.Int32) return ((int[])_storage.Buffer)[i].ToString(CultureInfo.InvariantCulture);
            if (_storage.DType == DType.UInt8) return ((byte[])_storage.Buffer)[i].ToString(CultureInfo.InvariantCulture);
            if (_storage.DType == DType.Bool) return ((bool[])_storage.Buffer)[i] ? "True" : "False";
            double v = FloatAt(i);
            if (_sciMode) return PythonFloatFormat.Scientific(v, _precision);
            if (_intMode) return PythonFloatFormat.Fixed(v, 0) + (double.IsFinite(v) ? "." : "");
            return PythonFloatFormat.Fixed(v, _precision);
        }
    }
}
