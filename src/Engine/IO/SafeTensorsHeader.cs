using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace NNTools.IO;

/// <summary>One tensor's entry in a safetensors header: its dtype, shape and byte range in the data buffer.</summary>
internal sealed record SafeTensorsEntry(string Name, SafeTensorsDType DType, long[] Shape, long Begin, long End)
{
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}

/// <summary>
/// Parses and validates a safetensors header as the reference reader does, and more strictly:
/// the JSON must be a UTF-8 object starting with '{' with no duplicate keys; "__metadata__" maps
/// strings to strings; every other key is a tensor with a known dtype, a shape of non-negative
/// integers and data_offsets [begin, end] with
/// begin &lt;= end; sorted by offset, the tensors tile the data buffer exactly (no gap, no overlap,
/// nothing left over) and each range holds exactly numel x element size bytes, computed with
/// overflow checks. The counts the limits on <see cref="SafeTensors"/> bound are checked by
/// <see cref="SafeTensorsHeaderScan"/> before the JSON document is built. Nothing is allocated from
/// the sizes the header claims: callers allocate only
/// after <see cref="Parse"/> has proven every range lies inside a data buffer of known length.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private const string MetadataKey = "__metadata__";

    private SafeTensorsHeader(List<SafeTensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The tensors in data-offset order.</summary>
    public List<SafeTensorsEntry> Entries { get; }

    public Dictionary<string, string> Metadata { get; }

    /// <summary>
    /// Checks the 8-byte length prefix against the header cap and the file length, before anything is
    /// read or allocated, and returns the header length.
    /// </summary>
    public static int CheckHeaderLength(ulong n, long fileLength)
    {
        if (fileLength < 8)
        {
            throw new SafeTensorsFormatException("HeaderTooSmall",
                $"the file is {fileLength} bytes long, shorter than the 8-byte header length that starts every safetensors file");
        }
        if (n > (ulong)(fileLength - 8))
        {
            throw new SafeTensorsFormatException("HeaderTruncated",
                $"the header length is {n} bytes but the file has only {fileLength - 8} bytes after the 8-byte length");
        }
        if (n > SafeTensors.MaxHeaderSize)
        {
            throw new SafeTensorsFormatException("HeaderTooLarge",
                $"the header length is {n} bytes, more than the {SafeTensors.MaxHeaderSize}-byte limit", ErrorKind.LimitsExceeded);
        }
        return (int)n;
    }

    /// <summary>Parses the header bytes and validates them against a data buffer of <paramref name="dataLength"/> bytes.</summary>
    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> header, long dataLength)
    {
        if (!Utf8.IsValid(header))
        {
            throw new SafeTensorsFormatException("InvalidHeaderUtf8", $"the {header.Length}-byte header is not valid UTF-8");
        }
        if (header.Length == 0 || header[0] != (byte)'{')
        {
            throw new SafeTensorsFormatException("InvalidHeaderStart",
                $"the header must be a JSON object starting with '{{', but it starts with {Describe(header)}");
        }
        SafeTensorsHeaderScan.Check(header);
        using var doc = ParseJson(header);
        var entries = new List<SafeTensorsEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata);
            else entries.Add(ReadEntry(property.Name, property.Value));
        }
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        CheckLayout(entries, dataLength);
        return new SafeTensorsHeader(entries, metadata);
    }

    private static string Describe(ReadOnlySpan<byte> header) =>
        header.Length == 0 ? "nothing (the header is empty)" : $"byte 0x{header[0]:X2}";

    private static JsonDocument ParseJson(ReadOnlySpan<byte> header)
    {
        var bytes = header.ToArray();
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException strict)
        {
            // The strict parser does not say which key was repeated; a lenient parse that succeeds
            // proves a duplicate was the only problem, and a walk finds it for the message.
            JsonDocument lenient;
            try
            {
                lenient = JsonDocument.Parse(bytes);
            }
            catch (JsonException)
            {
                throw new SafeTensorsFormatException("InvalidHeaderJson",
                    $"the header is not valid JSON (line {strict.LineNumber + 1}, byte {strict.BytePositionInLine + 1}): {strict.Message}", inner: strict);
            }
            using (lenient)
            {
                var key = FindDuplicate(lenient.RootElement, "") ?? "?";
                throw new SafeTensorsFormatException("DuplicateKey", $"the header has the key {key} more than once");
            }
        }
    }

    private static string? FindDuplicate(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject())
            {
                var where = path.Length == 0 ? $"'{p.Name}'" : $"'{p.Name}' (in {path})";
                if (!seen.Add(p.Name)) return where;
                if (FindDuplicate(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name) is { } inner) return inner;
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in e.EnumerateArray())
            {
                if (FindDuplicate(item, $"{path}[{i++}]") is { } inner) return inner;
            }
        }
        return null;
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException("InvalidMetadata", $"__metadata__ must be an object of strings, not a JSON {Kind(value)}");
        }
        foreach (var p in value.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException("InvalidMetadata",
                    $"__metadata__ values must be strings, but '{p.Name}' is a JSON {Kind(p.Value)}");
            }
            metadata[p.Name] = p.Value.GetString()!;
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException("InvalidTensorEntry", $"tensor '{name}': the entry must be an object, not a JSON {Kind(value)}");
        }
        var dtypeName = Field(name, value, "dtype", JsonValueKind.String).GetString()!;
        var dtype = SafeTensorsDType.Find(dtypeName) ?? throw new SafeTensorsFormatException("InvalidDType",
            $"tensor '{name}': unknown dtype '{dtypeName}'; this reader reads {SafeTensorsDType.Readable}");
        var shapeArray = Field(name, value, "shape", JsonValueKind.Array);
        var shape = new long[shapeArray.GetArrayLength()];
        int i = 0;
        foreach (var d in shapeArray.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out shape[i]) || shape[i] < 0)
            {
                throw new SafeTensorsFormatException("InvalidShape",
                    $"tensor '{name}': shape dimension {i} is {d.GetRawText()}, not a non-negative integer below 2^63");
            }
            i++;
        }
        var offsets = Field(name, value, "data_offsets", JsonValueKind.Array);
        var bounds = offsets.EnumerateArray().ToArray();
        if (bounds.Length != 2 || !NonNegative(bounds[0], out long begin) || !NonNegative(bounds[1], out long end))
        {
            throw new SafeTensorsFormatException("InvalidOffsets",
                $"tensor '{name}': data_offsets must be [begin, end] with non-negative integers, got {offsets.GetRawText()}");
        }
        if (end < begin)
        {
            throw new SafeTensorsFormatException("InvalidOffsets", $"tensor '{name}': data_offsets [{begin}, {end}] end before they begin");
        }
        return new SafeTensorsEntry(name, dtype, shape, begin, end);
    }

    private static bool NonNegative(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value) && value >= 0;
    }

    private static JsonElement Field(string tensor, JsonElement entry, string field, JsonValueKind kind)
    {
        if (!entry.TryGetProperty(field, out var v))
        {
            throw new SafeTensorsFormatException("InvalidTensorEntry", $"tensor '{tensor}': the entry has no \"{field}\"");
        }
        if (v.ValueKind != kind)
        {
            throw new SafeTensorsFormatException("InvalidTensorEntry",
                $"tensor '{tensor}': \"{field}\" must be a JSON {kind.ToString().ToLowerInvariant()}, not a JSON {Kind(v)}");
        }
        return v;
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    /// <summary>The offsets tile [0, dataLength) in order and each range has numel x size bytes.</summary>
    private static void CheckLayout(List<SafeTensorsEntry> entries, long dataLength)
    {
        long position = 0;
        SafeTensorsEntry? previous = null;
        foreach (var e in entries)
        {
            if (e.Begin < position)
            {
                throw new SafeTensorsFormatException("OffsetsOverlap",
                    $"tensor '{e.Name}' starts at byte {e.Begin}, inside tensor '{previous!.Name}' [{previous.Begin}, {previous.End})");
            }
            if (e.Begin > position)
            {
                var after = previous is null ? "the start of the data" : $"tensor '{previous.Name}' ends at byte {position}";
                throw new SafeTensorsFormatException("OffsetsGap",
                    $"tensor '{e.Name}' starts at byte {e.Begin} but {after}: {e.Begin - position} bytes belong to no tensor");
            }
            long bytes = ByteLength(e);
            if (e.End - e.Begin != bytes)
            {
                throw new SafeTensorsFormatException("ShapeLengthMismatch",
                    $"tensor '{e.Name}': shape {e.ShapeText} of {e.DType.Name} needs {bytes} bytes but data_offsets [{e.Begin}, {e.End}] hold {e.End - e.Begin}");
            }
            if (e.End > dataLength)
            {
                throw new SafeTensorsFormatException("DataTruncated",
                    $"tensor '{e.Name}' ends at byte {e.End} of the data but the file holds only {dataLength} data bytes");
            }
            position = e.End;
            previous = e;
        }
        if (position != dataLength)
        {
            throw new SafeTensorsFormatException("TrailingBytes",
                $"the tensors cover {position} bytes of data but the file holds {dataLength}: {dataLength - position} bytes belong to no tensor");
        }
    }

    /// <summary>numel x element size in checked 64-bit arithmetic.</summary>
    private static long ByteLength(SafeTensorsEntry e)
    {
        try
        {
            long numel = 1;
            foreach (var d in e.Shape) numel = checked(numel * d);
            return checked(numel * e.DType.Size);
        }
        catch (OverflowException)
        {
            throw new SafeTensorsFormatException("ShapeOverflow",
                $"tensor '{e.Name}': shape {e.ShapeText} of {e.DType.Name} needs more than 2^63 bytes");
        }
    }

    /// <summary>The engine dtype and int shape of an entry, or an error when this engine cannot hold it.</summary>
    public static (DType DType, int[] Shape) Target(SafeTensorsEntry e)
    {
        var dtype = e.DType.Target ?? throw new SafeTensorsFormatException("UnsupportedDType",
            $"tensor '{e.Name}' has dtype {e.DType.Name}, which this reader cannot convert without loss; it reads {SafeTensorsDType.Readable}");
        long numel = 1;
        foreach (var d in e.Shape) numel *= d;
        if (numel > Array.MaxLength || e.Shape.Any(d => d > int.MaxValue))
        {
            throw new SafeTensorsFormatException("TensorTooLarge",
                string.Create(CultureInfo.InvariantCulture, $"tensor '{e.Name}' of shape {e.ShapeText} has {numel} elements, more than a tensor here can hold ({Array.MaxLength})"),
                ErrorKind.LimitsExceeded);
        }
        return (dtype, e.Shape.Select(d => (int)d).ToArray());
    }
}
