using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using NNTools.IO;
using NNTools.Tests.Support;
using static NNTools.Tests.IO.IOTestSupport;

namespace NNTools.Tests.IO;

/// <summary>
/// Writing and reading every dtype and shape, the reference implementation's own byte vectors,
/// and files written by PyTorch through the reference algorithm (Fixtures/io/make_io.py).
/// </summary>
public class SafeTensorsRoundTripTests
{
    private static Dictionary<string, Tensor> Sample()
    {
        var g = new Generator(5);
        return new()
        {
            ["f32"] = Tensor.Randn([3, 4], DType.Float32, g),
            ["f64"] = Tensor.Randn([2, 2, 2], DType.Float64, g),
            ["i64"] = Tensor.From(new long[] { long.MinValue, -1, 0, long.MaxValue }),
            ["bool"] = Tensor.From(new[] { true, false, true }),
            ["scalar"] = Tensor.Scalar(2.5),
            ["scalar_i64"] = Tensor.Scalar(-7, DType.Int64),
            ["empty"] = Tensor.Zeros([0, 5], DType.Float64),
            ["empty_bool"] = Tensor.Zeros([3, 0, 2], DType.Bool),
            ["large"] = Tensor.Randn([300, 257], DType.Float32, g),
            ["specials"] = Tensor.From(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon }),
        };
    }

    [Fact]
    public void EveryDTypeAndShapeRoundTripsBitForBit()
    {
        var tensors = Sample();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcødé \"quoted\" \n line", ["empty"] = "" };
        var loaded = SafeTensors.Deserialize(SafeTensors.Serialize(tensors, metadata));
        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), loaded.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, t) in tensors) AssertBitwiseEqual(t, loaded.Tensors[name], name);
        Assert.Equal(metadata, loaded.Metadata);
    }

    [Fact]
    public void NonContiguousViewsAreWrittenInRowMajorOrder()
    {
        var t = Tensor.Arange(12).Reshape(3, 4);
        var loaded = SafeTensors.Deserialize(SafeTensors.Serialize(new Dictionary<string, Tensor> { ["t"] = t.T, ["s"] = t.Slice(1, 1, 3) }));
        AssertBitwiseEqual(t.T.Contiguous(), loaded.Tensors["t"]);
        AssertBitwiseEqual(t.Slice(1, 1, 3).Contiguous(), loaded.Tensors["s"]);
    }

    [Fact]
    public void FileRoundTripAndStreamOverloads()
    {
        using var dir = new ScratchDir();
        var path = dir.File("t.safetensors");
        SafeTensors.Save(path, Sample());
        var fromFile = SafeTensors.Load(path);
        Assert.Equal(SafeTensors.Serialize(Sample()), File.ReadAllBytes(path));
        Assert.Empty(fromFile.Metadata);
        using var stream = new MemoryStream();
        stream.Write([1, 2, 3]);
        SafeTensors.Save(stream, Sample());
        stream.Position = 3;
        var fromStream = SafeTensors.Load(stream);
        foreach (var (name, t) in fromFile.Tensors) AssertBitwiseEqual(t, fromStream.Tensors[name], name);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void MatchesTheReferenceSerializerByteVectors()
    {
        // The reference implementation's own tests (safetensors/src/tensor.rs): one F32 [1, 2, 3]
        // tensor "attn.0" gives a 64-byte header that needs no padding, and an empty file is "{}" + 6 spaces.
        var attn = Tensor.Arange(0, 6, 1, DType.Float32).Reshape(1, 2, 3);
        var bytes = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["attn.0"] = attn });
        var header = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        Assert.Equal(64UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal(header, Encoding.UTF8.GetString(bytes, 8, 64));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64 }, bytes[72..]);

        var aligned = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["attn0"] = attn.Reshape(1, 1, 2, 3) });
        Assert.Equal(72UL, BinaryPrimitives.ReadUInt64LittleEndian(aligned));
        Assert.Equal("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ", Encoding.UTF8.GetString(aligned, 8, 72));

        Assert.Equal(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32 }, SafeTensors.Serialize(new Dictionary<string, Tensor>()));
        var withMeta = SafeTensors.Serialize(new Dictionary<string, Tensor>(), new Dictionary<string, string> { ["framework"] = "pt" });
        Assert.Equal("{\"__metadata__\":{\"framework\":\"pt\"}}     ", Encoding.UTF8.GetString(withMeta, 8, 40));
    }

    [Fact]
    public void OrdersTensorsByDescendingDTypeThenName()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["b"] = Tensor.Zeros(1), ["flag"] = Tensor.Zeros([1], DType.Bool), ["a"] = Tensor.Zeros(1),
            ["m"] = Tensor.Zeros([1], DType.Float64), ["z"] = Tensor.Zeros([1], DType.Int64),
        };
        var loaded = SafeTensors.Deserialize(SafeTensors.Serialize(tensors));
        Assert.Equal(["z", "m", "a", "b", "flag"], loaded.Tensors.Keys);
    }

    [Fact]
    public void WritesTheSameBytesAsThePyTorchFixture()
    {
        using var doc = FixtureTensor.Load("io", "layout.json");
        var tensors = doc.RootElement.GetProperty("tensors").EnumerateObject().ToDictionary(p => p.Name, p => FixtureTensor.Read(p.Value));
        var metadata = doc.RootElement.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var expected = File.ReadAllBytes(FixtureTensor.PathOf("io", "layout.safetensors"));
        Assert.Equal(expected, SafeTensors.Serialize(tensors, metadata));
        var loaded = SafeTensors.Deserialize(expected);
        foreach (var (name, t) in tensors) AssertBitwiseEqual(t, loaded.Tensors[name], name);
        Assert.Equal(metadata, loaded.Metadata);
    }

    [Fact]
    public void ReadsEveryDTypePyTorchWrites()
    {
        using var doc = FixtureTensor.Load("io", "dtypes.json");
        var loaded = SafeTensors.Load(FixtureTensor.PathOf("io", "dtypes.safetensors"));
        var expected = doc.RootElement.GetProperty("tensors").EnumerateObject().ToList();
        Assert.Equal(expected.Select(p => p.Name).Order(StringComparer.Ordinal), loaded.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var p in expected) FixtureTensor.AssertClose(FixtureTensor.Read(p.Value), loaded.Tensors[p.Name], 0, 0, p.Name);
        Assert.Equal("h\u00e9llo \u2713", loaded.Metadata["unicode"]);
        Assert.Equal(DType.Float32, loaded.Tensors["f16"].DType);
        Assert.Equal(DType.UInt8, loaded.Tensors["u8"].DType);
        Assert.Equal(DType.Int32, loaded.Tensors["i32"].DType);
        Assert.Equal(DType.Int64, loaded.Tensors["i16"].DType);
        Assert.Empty(loaded.Tensors["scalar"].Shape);
        Assert.Equal([2, 0], loaded.Tensors["empty_bool"].Shape);
    }

    [Fact]
    public void MetadataIsWrittenOnlyWhenGiven()
    {
        var none = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["x"] = Tensor.Zeros(1) });
        var empty = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["x"] = Tensor.Zeros(1) }, new Dictionary<string, string>());
        Assert.DoesNotContain("__metadata__", Encoding.UTF8.GetString(none));
        Assert.StartsWith("{\"__metadata__\":{},\"x\"", Encoding.UTF8.GetString(empty, 8, empty.Length - 8));
    }

    [Fact]
    public void RejectsNamesTheFormatCannotHold()
    {
        var e = Assert.Throws<TensorArgumentException>(() => SafeTensors.Serialize(new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Zeros(1) }));
        Assert.Equal("ReservedTensorName", e.ErrorId);
        e = Assert.Throws<TensorArgumentException>(() => SafeTensors.Serialize(new Dictionary<string, Tensor> { ["bad\ud800"] = Tensor.Zeros(1) }));
        Assert.Equal("InvalidName", e.ErrorId);
    }

    [Fact]
    public void HeaderJsonParsesAsJsonAndIsPaddedToEightBytes()
    {
        var bytes = SafeTensors.Serialize(Sample(), new Dictionary<string, string> { ["k"] = "\u0001\t" });
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        using var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)n));
        Assert.Equal("\u0001\t", doc.RootElement.GetProperty("__metadata__").GetProperty("k").GetString());
        Assert.Contains("\\u0001", Encoding.UTF8.GetString(bytes, 8, (int)n));
    }
}
