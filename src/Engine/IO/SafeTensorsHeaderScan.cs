using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NNTools.IO;

/// <summary>
/// One streaming pass over a safetensors header's JSON tokens, run before any document is built.
/// It counts tensors, metadata entries, dimensions per shape and JSON values against the limits on
/// <see cref="SafeTensors"/>, so a header whose parse would cost seconds and gigabytes (a million
/// empty tensors fit in a legal 100 MB header) fails as soon as a count passes its limit; and it
/// refuses strings that escape a lone UTF-16 surrogate ("\ud800"), legal JSON that has no UTF-8 form
/// and that System.Text.Json reports with an InvalidOperationException. A syntax error ends the scan
/// quietly: the full parse that follows reports it with its line and byte.
/// </summary>
internal static class SafeTensorsHeaderScan
{
    private const string MetadataKey = "__metadata__";

    public static void Check(ReadOnlySpan<byte> header)
    {
        var reader = new Utf8JsonReader(header);
        int tensors = 0, metadata = 0, values = 0, dims = 0;
        bool inMetadata = false, shapeNext = false, inShape = false;
        ReadOnlySpan<byte> tensor = default;
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (reader.ValueIsEscaped) CheckEscapes(ref reader);
                if (token == JsonTokenType.PropertyName)
                {
                    if (reader.CurrentDepth == 1)
                    {
                        inMetadata = reader.ValueTextEquals(MetadataKey);
                        tensor = reader.ValueSpan;
                        if (!inMetadata && ++tensors > SafeTensors.MaxTensorCount) throw TooMany("TooManyTensors", "tensors", SafeTensors.MaxTensorCount);
                    }
                    else if (reader.CurrentDepth == 2)
                    {
                        if (inMetadata && ++metadata > SafeTensors.MaxMetadataCount) throw TooMany("TooManyMetadataEntries", "metadata entries", SafeTensors.MaxMetadataCount);
                        shapeNext = !inMetadata && reader.ValueTextEquals("shape");
                    }
                    continue;
                }
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    inShape &= reader.CurrentDepth != 2;
                    continue;
                }
                if (++values > SafeTensors.MaxHeaderValues) throw TooMany("TooManyHeaderValues", "JSON values", SafeTensors.MaxHeaderValues);
                if (inShape && reader.CurrentDepth == 3 && ++dims > SafeTensors.MaxRank)
                {
                    throw new SafeTensorsFormatException("RankTooLarge",
                        $"tensor '{Encoding.UTF8.GetString(tensor)}': the shape has more than {SafeTensors.MaxRank} dimensions, the limit", ErrorKind.LimitsExceeded);
                }
                if (shapeNext && reader.CurrentDepth == 2)
                {
                    inShape = token == JsonTokenType.StartArray;
                    dims = 0;
                    shapeNext = false;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the document parse reports where, with the line and byte this reader lacks.
        }
    }

    private static void CheckEscapes(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new SafeTensorsFormatException("InvalidHeaderJson",
                $"the header's string at byte {reader.TokenStartIndex} escapes a lone UTF-16 surrogate ({Snippet(reader.ValueSpan)}), which no text can hold");
        }
    }

    private static string Snippet(ReadOnlySpan<byte> raw) =>
        "\"" + Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, 40)]) + (raw.Length > 40 ? "..." : "") + "\"";

    private static SafeTensorsFormatException TooMany(string id, string what, int limit) =>
        new(id, string.Create(CultureInfo.InvariantCulture, $"the header holds more than {limit:N0} {what}, the limit; the file is corrupt or too large for this reader"), ErrorKind.LimitsExceeded);
}
