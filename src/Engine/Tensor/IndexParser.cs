using System.Globalization;

namespace NNTools;

/// <summary>One component of an indexing expression, as Python's subscript elements.</summary>
internal abstract record IndexItem
{
    /// <summary>An integer: selects one position and removes the dim (negative counts from the end).</summary>
    internal sealed record Integer(long Value) : IndexItem;

    /// <summary>start:stop:step with Python's clamping; null bounds mean the ends. The step is positive.</summary>
    internal sealed record Range(long? Start, long? Stop, long Step) : IndexItem;

    /// <summary>None: inserts a dim of size 1.</summary>
    internal sealed record NewAxis : IndexItem;

    /// <summary>"...": as many full slices as the other components leave unindexed.</summary>
    internal sealed record Ellipsis : IndexItem;

    /// <summary>An int64 tensor (positions) or a bool tensor (mask): advanced indexing, which copies. A 0-d bool is Python's True / False.</summary>
    internal sealed record TensorIndex(Tensor Index) : IndexItem;
}

/// <summary>
/// Parses numpy's subscript syntax, the text between the brackets of <c>t[1, :2, None, ...]</c>,
/// so that PowerShell (which cannot pass a slice) can write <c>$t['1, :2']</c>.
/// </summary>
/// <remarks>
/// Grammar, whitespace allowed between tokens:
/// <code>
/// expr  := item (',' item)* [',']
/// item  := '...' | 'None' | 'True' | 'False' | list | [int] [':' [int] [':' [int]]]
/// list  := '[' elem (',' elem)* ']'    elem := list | int | 'True' | 'False'
/// </code>
/// A list is an advanced index (an int64 or bool tensor), as in numpy. Errors name the
/// offending text and its 0-based position.
/// </remarks>
internal sealed class IndexParser
{
    private readonly string _text;
    private int _pos;

    private IndexParser(string text) => _text = text;

    public static List<IndexItem> Parse(string text)
    {
        ThrowIfNull(text);
        return new IndexParser(text).ParseExpression();
    }

    private List<IndexItem> ParseExpression()
    {
        var items = new List<IndexItem>();
        SkipSpace();
        if (AtEnd) throw Raise(Error("an empty index; use ':' for a whole dim or '...' for all dims"));
        while (true)
        {
            items.Add(ParseItem());
            SkipSpace();
            if (AtEnd) return items;
            Expect(',');
            SkipSpace();
            if (AtEnd) return items;
        }
    }

    private IndexItem ParseItem()
    {
        if (TryWord("...")) return new IndexItem.Ellipsis();
        if (TryWord("None")) return new IndexItem.NewAxis();
        if (TryWord("True")) return new IndexItem.TensorIndex(Tensor.WrappedScalar(true));
        if (TryWord("False")) return new IndexItem.TensorIndex(Tensor.WrappedScalar(false));
        if (Peek == '[') return new IndexItem.TensorIndex(ParseListTensor());
        int start = _pos;
        long? first = TryInteger();
        SkipSpace();
        if (Peek != ':')
        {
            if (first is long index) return new IndexItem.Integer(index);
            throw Raise(Error("an integer, a slice (start:stop:step), None, '...' or a [list]", start));
        }
        _pos++;
        SkipSpace();
        long? stop = TryInteger();
        SkipSpace();
        long step = 1;
        if (Peek == ':')
        {
            _pos++;
            SkipSpace();
            int stepAt = _pos;
            long? s = TryInteger();
            if (s is long given)
            {
                if (given == 0) throw Raise(new TensorIndexException("SliceStep", $"slice step cannot be zero (at position {stepAt} in '{_text}')"));
                if (given < 0) throw Raise(new TensorIndexException("SliceStep", $"step must be greater than zero; negative steps are not supported (got {given} at position {stepAt} in '{_text}'); use Flip()"));
                step = given;
            }
        }
        return new IndexItem.Range(first, stop, step);
    }

    /// <summary>A bracketed, possibly nested list of integers or of True/False, as a tensor.</summary>
    private Tensor ParseListTensor()
    {
        int start = _pos;
        bool sawInt = false, sawBool = false;
        var value = ParseList(ref sawInt, ref sawBool);
        if (sawInt && sawBool) throw Raise(Error("a list of only integers or only True/False", start));
        return NestedData.ToTensor(value, sawBool ? DType.Bool : DType.Int64);
    }

    private object[] ParseList(ref bool sawInt, ref bool sawBool)
    {
        Expect('[');
        var elements = new List<object>();
        SkipSpace();
        if (Peek == ']')
        {
            _pos++;
            return [];
        }
        while (true)
        {
            SkipSpace();
            if (Peek == '[') elements.Add(ParseList(ref sawInt, ref sawBool));
            else if (TryWord("True")) { elements.Add(true); sawBool = true; }
            else if (TryWord("False")) { elements.Add(false); sawBool = true; }
            else
            {
                elements.Add(TryInteger() ?? throw Raise(Error("an integer, True, False or a nested [list]")));
                sawInt = true;
            }
            SkipSpace();
            if (Peek == ']')
            {
                _pos++;
                return elements.ToArray();
            }
            Expect(',');
        }
    }

    private long? TryInteger()
    {
        int start = _pos;
        if (Peek is '-' or '+') _pos++;
        int digits = _pos;
        while (!AtEnd && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos == digits)
        {
            _pos = start;
            return null;
        }
        var token = _text[start.._pos];
        if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw Raise(new TensorIndexException("IndexSyntax", $"integer '{token}' at position {start} in '{_text}' is too large"));
        }
        return value;
    }

    /// <summary>Consumes <paramref name="word"/> when it stands alone (not the start of a longer name).</summary>
    private bool TryWord(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
        int end = _pos + word.Length;
        if (end < _text.Length && char.IsLetterOrDigit(_text[end])) return false;
        _pos = end;
        return true;
    }

    private void Expect(char c)
    {
        if (Peek != c) throw Raise(Error($"'{c}'"));
        _pos++;
    }

    private char Peek => AtEnd ? '\0' : _text[_pos];

    private bool AtEnd => _pos >= _text.Length;

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private TensorIndexException Error(string expected, int? at = null)
    {
        int p = at ?? _pos;
        var found = p >= _text.Length ? "the end" : $"'{Token(p)}'";
        return new TensorIndexException("IndexSyntax", $"invalid index '{_text}': expected {expected} at position {p}, found {found}");
    }

    /// <summary>The run of characters at <paramref name="p"/> up to the next separator, to quote in a message.</summary>
    private string Token(int p)
    {
        int end = p;
        while (end < _text.Length && _text[end] is not (',' or ':' or ']' or '[') && !char.IsWhiteSpace(_text[end])) end++;
        return end == p ? _text[p].ToString() : _text[p..end];
    }
}
