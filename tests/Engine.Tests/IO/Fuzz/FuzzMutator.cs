using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using static NNTools.Tests.IO.IOTestSupport;

namespace NNTools.Tests.IO.Fuzz;

/// <summary>
/// Seeded mutations of a safetensors file: bytes (bit flips, interesting bytes, truncation,
/// appended bytes, the length prefix) and the header's JSON as text (numbers, dtypes, shapes,
/// offsets, duplicate keys, escapes such as lone surrogates, deep nesting, unknown fields, metadata),
/// re-framed with a correct length prefix so the mutation reaches the checks behind the framing.
/// </summary>
public sealed partial class FuzzMutator(int seed)
{
    private readonly System.Random _random = new(seed);

    private static readonly string[] Numbers =
        ["0", "-1", "1", "3", "7", "8", "1.5", "-0", "1e3", "1e400", "2147483647", "2147483648", "4294967296",
         "9223372036854775807", "9223372036854775808", "18446744073709551616", "100000000", "NaN", "\"4\"", "null"];

    private static readonly string[] DTypes =
        ["F32", "F64", "I64", "BOOL", "F16", "BF16", "U8", "I8", "I16", "U16", "I32", "U32", "U64", "F8_E4M3", "F33", "f32", "", "F32 "];

    private static readonly string[] Escapes = ["\\ud800", "\\udfff", "\\ud83d\\ude00", "\\ude00\\ud83d", "\\u0000", "\\\"", "\\n", "\\x", "\\u12"];

    private static readonly string[] Fragments = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "-", "1e999", "\"__metadata__\":{},", " "];

    private static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x7F, 0x80, (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)'\\', (byte)'-', (byte)'9', 0xC3, 0xED];

    private static readonly ulong[] Lengths = [0, 1, 2, 7, 8, 0x7FFF_FFFF, 0x8000_0000, 0x1_0000_0000, 100_000_000, 100_000_001, 1UL << 63, ulong.MaxValue];

    /// <summary>One to three mutations of <paramref name="file"/>, and what they were.</summary>
    public (byte[] Bytes, string Description) Mutate(byte[] file)
    {
        var bytes = file;
        var done = new List<string>();
        for (int n = _random.Next(1, 4); n > 0; n--)
        {
            // Edits that keep the JSON well-formed are the likelier, so most cases reach the checks behind the parse.
            (bytes, var what) = _random.Next(20) switch
            {
                0 or 1 => FlipBits(bytes),
                2 => SetBytes(bytes),
                3 => Truncate(bytes),
                4 => Append(bytes),
                5 => SetLength(bytes),
                >= 6 and <= 9 => EditHeader(bytes, "number", h => ReplaceMatch(h, NumberPattern(), Pick(Numbers))),
                10 or 11 => EditHeader(bytes, "dtype", h => ReplaceMatch(h, DTypePattern(), $"\"dtype\":\"{Pick(DTypes)}\"")),
                12 => EditHeader(bytes, "duplicate entry", DuplicateEntry),
                13 => EditHeader(bytes, "escape", h => InsertInString(h, Pick(Escapes))),
                14 => EditHeader(bytes, "delete", DeleteSpan),
                15 => EditHeader(bytes, "fragment", h => h.Insert(_random.Next(h.Length + 1), Pick(Fragments))),
                16 => EditHeader(bytes, "nesting", h => AddField(h, Nested(_random.Next(1, 300)))),
                17 => EditHeader(bytes, "shape", h => ReplaceMatch(h, ShapePattern(), $"\"shape\":[{string.Join(",", Enumerable.Range(0, _random.Next(0, 70)).Select(_ => Pick(Numbers)))}]")),
                18 => EditHeader(bytes, "offsets", h => ReplaceMatch(h, OffsetsPattern(), $"\"data_offsets\":[{string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Pick(Numbers)))}]")),
                _ => EditHeader(bytes, "metadata", h => SetMetadata(h, Pick(["[]", "{\"k\":1}", "{\"k\":{\"a\":\"b\"}}", "\"text\"", "{\"nntools.architecture\":\"{}\"}", "{\"k\":\"" + new string('x', 10_000) + "\"}"]))),
            };
            done.Add(what);
        }
        return (bytes, string.Join(" + ", done));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private (byte[], string) FlipBits(byte[] bytes)
    {
        if (bytes.Length == 0) return (bytes, "flip nothing");
        var copy = (byte[])bytes.Clone();
        int header = (int)Math.Min((ulong)copy.Length, 8 + Math.Min(HeaderLength(copy), (ulong)copy.Length));
        var at = new List<int>();
        for (int k = _random.Next(1, 9); k > 0; k--)
        {
            // Three flips in four hit the prefix or the header, where the checks are.
            int i = _random.Next(4) > 0 ? _random.Next(header) : _random.Next(copy.Length);
            copy[i] ^= (byte)(1 << _random.Next(8));
            at.Add(i);
        }
        return (copy, $"flip bits at {string.Join(",", at)}");
    }

    private (byte[], string) SetBytes(byte[] bytes)
    {
        if (bytes.Length == 0) return (bytes, "set nothing");
        var copy = (byte[])bytes.Clone();
        int i = _random.Next(copy.Length);
        copy[i] = Pick(InterestingBytes);
        return (copy, $"byte {i} = 0x{copy[i]:X2}");
    }

    private (byte[], string) Truncate(byte[] bytes)
    {
        int n = _random.Next(bytes.Length + 1);
        return (bytes[..n], $"truncate to {n}");
    }

    private (byte[], string) Append(byte[] bytes)
    {
        var extra = new byte[_random.Next(1, 65)];
        _random.NextBytes(extra);
        return ([.. bytes, .. extra], $"append {extra.Length}");
    }

    private (byte[], string) SetLength(byte[] bytes)
    {
        if (bytes.Length < 8) return (bytes, "no prefix");
        var copy = (byte[])bytes.Clone();
        ulong n = _random.Next(3) switch { 0 => Pick(Lengths), 1 => (ulong)Math.Max(0, copy.Length - 8 + _random.Next(-3, 4)), _ => HeaderLength(copy) + (ulong)_random.Next(-8, 9) };
        BinaryPrimitives.WriteUInt64LittleEndian(copy, n);
        return (copy, $"length {n}");
    }

    private static ulong HeaderLength(byte[] bytes) => bytes.Length < 8 ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(bytes);

    /// <summary>Applies a text edit to the header and re-frames it with its data and a correct prefix.</summary>
    private static (byte[], string) EditHeader(byte[] bytes, string what, Func<string, string> edit)
    {
        if (bytes.Length < 8) return (bytes, $"{what}: no header");
        ulong n = Math.Min(HeaderLength(bytes), (ulong)(bytes.Length - 8));
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        return (MakeFile(Encoding.UTF8.GetBytes(edit(header)), bytes[(8 + (int)n)..]), what);
    }

    private string ReplaceMatch(string header, Regex pattern, string replacement)
    {
        var matches = pattern.Matches(header);
        if (matches.Count == 0) return header;
        var m = matches[_random.Next(matches.Count)];
        return header[..m.Index] + replacement + header[(m.Index + m.Length)..];
    }

    private string DeleteSpan(string header)
    {
        if (header.Length == 0) return header;
        int at = _random.Next(header.Length);
        return header.Remove(at, Math.Min(_random.Next(1, 10), header.Length - at));
    }

    private string InsertInString(string header, string escape)
    {
        var quotes = Enumerable.Range(0, header.Length).Where(i => header[i] == '"').ToList();
        return quotes.Count == 0 ? header : header.Insert(Pick(quotes) + 1, escape);
    }

    /// <summary>A copy of the first tensor entry, under its own name (a duplicate key) or another (overlapping offsets).</summary>
    private string DuplicateEntry(string header)
    {
        var m = EntryPattern().Match(header);
        if (!m.Success) return header;
        var copy = _random.Next(2) == 0 ? m.Value : "\"copy\"" + m.Value[m.Value.IndexOf(':')..];
        return header.Insert(m.Index, copy + ",");
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>A field added to the top-level object.</summary>
    private static string AddField(string header, string value, string name = "junk")
    {
        int open = header.IndexOf('{');
        return open < 0 ? header : header.Insert(open + 1, $"\"{name}\":{value},");
    }

    /// <summary>"__metadata__" given <paramref name="value"/>: a flat metadata object is replaced, else one is added.</summary>
    private static string SetMetadata(string header, string value)
    {
        var m = MetadataPattern().Match(header);
        return m.Success ? header[..m.Index] + $"\"__metadata__\":{value}" + header[(m.Index + m.Length)..] : AddField(header, value, "__metadata__");
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][+-]?\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("\"dtype\":\"[^\"]*\"")]
    private static partial Regex DTypePattern();

    [GeneratedRegex(@"""shape"":\[[^\]]*\]")]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"""data_offsets"":\[[^\]]*\]")]
    private static partial Regex OffsetsPattern();

    [GeneratedRegex(@"""[^""]+"":\{""dtype""[^}]*\}")]
    private static partial Regex EntryPattern();

    [GeneratedRegex(@"""__metadata__"":\{[^{}]*\}")]
    private static partial Regex MetadataPattern();
}
