using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NNTools.Kernels;

namespace NNTools.IO;

/// <summary>
/// Writes the safetensors layout exactly as the reference serializer does, so a file from here is
/// byte-identical to one from safetensors.torch.save_file: tensors sorted by descending dtype order
/// (I64, F64, F32, ..., BOOL) then by name in UTF-8 byte order; the header is compact JSON with
/// "__metadata__" first and each entry as {"dtype","shape","data_offsets"}, strings escaped as
/// serde_json does, padded with spaces to a multiple of 8 bytes so every tensor's data is aligned.
/// The one choice the reference leaves open, the order of the metadata entries (a hash map there),
/// is UTF-8 byte order of the keys here.
/// </summary>
internal static class SafeTensorsWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private sealed record Item(string Name, byte[] NameBytes, Tensor Tensor, SafeTensorsDType DType, long Bytes);

    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var items = Prepare(tensors);
        CheckLimits(items, metadata);
        var header = Header(items, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var item in items) WriteData(stream, item.Tensor);
    }

    private static List<Item> Prepare(IReadOnlyDictionary<string, Tensor> tensors)
    {
        var items = new List<Item>();
        foreach (var (name, tensor) in tensors)
        {
            if (tensor is null) throw new TensorArgumentException("NullTensor", $"tensor '{name}' is null");
            if (name == "__metadata__")
            {
                throw new TensorArgumentException("ReservedTensorName", "'__metadata__' is reserved for the file's metadata and cannot name a tensor");
            }
            var dtype = SafeTensorsDType.Of(tensor.DType);
            items.Add(new Item(name, Utf8(name, "tensor name"), tensor, dtype, (long)tensor.Numel() * dtype.Size));
        }
        items.Sort((a, b) => a.DType.Order != b.DType.Order
            ? b.DType.Order.CompareTo(a.DType.Order)
            : a.NameBytes.AsSpan().SequenceCompareTo(b.NameBytes));
        return items;
    }

    /// <summary>Refuses, before anything is written, a file the reader would refuse for its limits (see <see cref="SafeTensors"/>).</summary>
    private static void CheckLimits(List<Item> items, IReadOnlyDictionary<string, string>? metadata)
    {
        if (items.Count > SafeTensors.MaxTensorCount)
        {
            throw new TensorLimitException("TooManyTensors", $"{items.Count} tensors are more than the {SafeTensors.MaxTensorCount} a file may hold; save them in several files");
        }
        if (metadata?.Count > SafeTensors.MaxMetadataCount)
        {
            throw new TensorLimitException("TooManyMetadataEntries", $"{metadata.Count} metadata entries are more than the {SafeTensors.MaxMetadataCount} a file may hold");
        }
        // The header's JSON values: the root and metadata objects, each metadata string, and per
        // tensor its entry object, dtype, shape array, dimensions, offsets array and two offsets.
        long values = 1 + (metadata is null ? 0 : 1 + metadata.Count) + items.Sum(i => 6L + i.Tensor.Dim());
        if (values > SafeTensors.MaxHeaderValues)
        {
            throw new TensorLimitException("TooManyHeaderValues", $"the header would hold {values} JSON values, more than the {SafeTensors.MaxHeaderValues} readers accept; save fewer tensors per file");
        }
    }

    private static byte[] Header(List<Item> items, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new StringBuilder("{");
        bool first = true;
        if (metadata is not null)
        {
            json.Append("\"__metadata__\":{");
            var entries = metadata.Select(kv => (kv.Key, Bytes: Utf8(kv.Key, "metadata key"), kv.Value)).ToList();
            entries.Sort((a, b) => a.Bytes.AsSpan().SequenceCompareTo(b.Bytes));
            for (int i = 0; i < entries.Count; i++)
            {
                if (entries[i].Value is null) throw new TensorArgumentException("InvalidMetadata", $"metadata '{entries[i].Key}' is null; values must be strings");
                Utf8(entries[i].Value, "metadata value");
                if (i > 0) json.Append(',');
                AppendString(json, entries[i].Key).Append(':');
                AppendString(json, entries[i].Value);
            }
            json.Append('}');
            first = false;
        }
        long offset = 0;
        foreach (var item in items)
        {
            if (!first) json.Append(',');
            first = false;
            AppendString(json, item.Name);
            json.Append(":{\"dtype\":\"").Append(item.DType.Name).Append("\",\"shape\":[")
                .Append(string.Join(",", item.Tensor.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))))
                .Append("],\"data_offsets\":[").Append(offset.ToString(CultureInfo.InvariantCulture)).Append(',');
            offset += item.Bytes;
            json.Append(offset.ToString(CultureInfo.InvariantCulture)).Append("]}");
        }
        json.Append('}');
        var raw = StrictUtf8.GetBytes(json.ToString());
        int padded = (raw.Length + 7) / 8 * 8;
        if (padded > SafeTensors.MaxHeaderSize)
        {
            throw new TensorLimitException("HeaderTooLarge",
                $"the header would be {padded} bytes, more than the {SafeTensors.MaxHeaderSize}-byte limit readers accept; save fewer tensors per file");
        }
        var header = new byte[padded];
        raw.CopyTo(header, 0);
        header.AsSpan(raw.Length).Fill((byte)' ');
        return header;
    }

    private static byte[] Utf8(string text, string what)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            throw new TensorArgumentException("InvalidName", $"the {what} '{text}' contains an unpaired surrogate and has no UTF-8 form");
        }
    }

    /// <summary>A JSON string as serde_json writes it: raw UTF-8, escapes only for '"', '\' and controls.</summary>
    private static StringBuilder AppendString(StringBuilder json, string s)
    {
        json.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        return json.Append('"');
    }

    private static void WriteData(Stream stream, Tensor tensor) => Backends.Backend.WriteBytes(stream, tensor.Detach(), SafeTensors.ChunkBytes);
}
