using System.Text;
using NNTools.IO;
using static NNTools.Tests.IO.IOTestSupport;

namespace NNTools.Tests.IO;

/// <summary>
/// The header limits on <see cref="SafeTensors"/>: a header past one fails with its id and kind
/// LimitsExceeded after a streaming scan, before the document whose cost grows with the header is
/// built; a header at the limits still loads, quickly; the writer refuses what the reader would.
/// Lone surrogate escapes, legal JSON that no string can hold, are format errors like any other.
/// </summary>
public class SafeTensorsLimitsTests
{
    private const string Empty = "{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}";

    private static byte[] EmptyTensors(int count)
    {
        var header = new StringBuilder("{");
        for (int i = 0; i < count; i++) header.Append(i == 0 ? "" : ",").Append($"\"t{i}\":").Append(Empty);
        return MakeFile(header.Append('}').ToString());
    }

    [Fact]
    public void AHeaderAtTheTensorLimitLoadsInMemoryLinearInItsTensors()
    {
        // Bounded by what it allocates, not by a clock (a timed test fails on a busy machine): about
        // 1.5 KB per empty tensor today (148 MB for 100,000); 4 KB each leaves room, and anything
        // that grows faster than the tensor count blows through it.
        var file = EmptyTensors(SafeTensors.MaxTensorCount);
        var data = AllocatesUnder(SafeTensors.MaxTensorCount * 4096L, () => SafeTensors.Deserialize(file));
        Assert.Equal(SafeTensors.MaxTensorCount, data.Tensors.Count);
    }

    [Fact]
    public void OneTensorPastTheLimitFailsBeforeParsing()
    {
        var file = EmptyTensors(SafeTensors.MaxTensorCount + 1);
        var e = AllocatesUnder(file.Length + (1 << 20), () => Bad(file));
        Assert.Equal("TooManyTensors", e.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
        Assert.Contains("100,000", e.Message);
    }

    [Fact]
    public void MetadataEntriesAreBounded()
    {
        var header = new StringBuilder("{\"__metadata__\":{");
        for (int i = 0; i <= SafeTensors.MaxMetadataCount; i++) header.Append(i == 0 ? "" : ",").Append($"\"k{i}\":\"v\"");
        var file = MakeFile(header.Append("}}").ToString());
        var e = AllocatesUnder(file.Length + (1 << 20), () => Bad(file));
        Assert.Equal("TooManyMetadataEntries", e.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
    }

    [Fact]
    public void ValuesInFieldsTheFormatIgnoresAreBounded()
    {
        // An unknown field is allowed (the reference reader ignores it), but not one that would make
        // the parsed document gigabytes.
        var junk = string.Join(",", Enumerable.Repeat("0", SafeTensors.MaxHeaderValues));
        var file = MakeFile($"{{\"x\":{{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"junk\":[{junk}]}}}}");
        var e = AllocatesUnder(file.Length + (1 << 20), () => Bad(file));
        Assert.Equal("TooManyHeaderValues", e.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
        Assert.Single(SafeTensors.Deserialize(MakeFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"junk\":[1,{\"a\":2}]}}")).Tensors);
    }

    [Theory]
    [InlineData("{\"__metadata__\":{\"k\":\"\\ud800\"}}")]
    [InlineData("{\"__metadata__\":{\"\\udfff\":\"v\"}}")]
    [InlineData("{\"\\ud800x\":" + Empty + "}")]
    [InlineData("{\"x\":{\"dtype\":\"\\ud83d\",\"shape\":[0],\"data_offsets\":[0,0]}}")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"\\ude00\\ud83d\":1}}")]
    public void LoneSurrogateEscapesAreInvalidJson(string header)
    {
        var e = Bad(MakeFile(header));
        Assert.Equal("InvalidHeaderJson", e.ErrorId);
        Assert.Contains("lone UTF-16 surrogate", e.Message);
    }

    [Fact]
    public void SurrogatePairEscapesAreText()
    {
        var loaded = SafeTensors.Deserialize(MakeFile("{\"__metadata__\":{\"emoji\":\"\\ud83d\\ude00\"},\"\\u00e9\":" + Empty + "}"));
        Assert.Equal("\U0001F600", loaded.Metadata["emoji"]);
        Assert.True(loaded.Tensors.ContainsKey("é"));
    }

    [Fact]
    public void LoneSurrogatesInAFileAreNamedWithTheFile()
    {
        using var dir = new ScratchDir();
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, MakeFile("{\"__metadata__\":{\"k\":\"\\ud800\"}}"));
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path));
        Assert.Equal("InvalidHeaderJson", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void TheWriterRefusesWhatTheReaderWould()
    {
        var many = Enumerable.Range(0, SafeTensors.MaxTensorCount + 1).ToDictionary(i => $"t{i}", _ => Tensor.Zeros(0));
        Assert.Equal("TooManyTensors", Assert.Throws<TensorLimitException>(() => SafeTensors.Serialize(many)).ErrorId);
        var metadata = Enumerable.Range(0, SafeTensors.MaxMetadataCount + 1).ToDictionary(i => $"k{i}", _ => "v");
        Assert.Equal("TooManyMetadataEntries", Assert.Throws<TensorLimitException>(() => SafeTensors.Serialize(new Dictionary<string, Tensor>(), metadata)).ErrorId);
    }

    [Fact]
    public void WriterAndReaderCountHeaderValuesAlike()
    {
        // 1 root + 1 metadata object + 39,998 strings + 60,000 tensors x (entry, dtype, shape, 60
        // dims, offsets array, 2 offsets) is exactly the limit: written and read; one more is neither.
        var tensors = Enumerable.Range(0, 60_000).ToDictionary(i => $"t{i}", _ => Tensor.Zeros(Enumerable.Repeat(1, 60).ToArray()));
        var metadata = Enumerable.Range(0, 39_998).ToDictionary(i => $"k{i}", _ => "v");
        Assert.Equal(60_000, SafeTensors.Deserialize(SafeTensors.Serialize(tensors, metadata)).Tensors.Count);
        metadata["one more"] = "v";
        Assert.Equal("TooManyHeaderValues", Assert.Throws<TensorLimitException>(() => SafeTensors.Serialize(tensors, metadata)).ErrorId);
    }

    /// <summary>Runs a failing load and asserts what it allocated: the header's own bytes and little more.</summary>
    private static T AllocatesUnder<T>(long bytes, Func<T> load)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = load();
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, bytes);
        return result;
    }
}
