using System.Buffers.Binary;
using System.Text;
using NNTools.IO;
using static NNTools.Tests.IO.IOTestSupport;

namespace NNTools.Tests.IO;

/// <summary>
/// Broken and hostile files: each gets a <see cref="SafeTensorsFormatException"/> with its own
/// ErrorId and a message naming the tensor and the numbers, and none allocates from the sizes it
/// claims (an absurd size would otherwise show up as OutOfMemoryException, not these errors).
/// </summary>
public class SafeTensorsCorruptionTests
{
    private const string Good = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]}}";

    private static byte[] Valid => SafeTensors.Serialize(new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2, 3), ["b"] = Tensor.Zeros(3) });

    [Fact]
    public void HandMadeGoodFileLoads()
    {
        var loaded = SafeTensors.Deserialize(MakeFile(Good, 16));
        Assert.Equal([2], loaded.Tensors["a"].Shape);
    }

    [Fact]
    public void FilesShorterThanTheLengthPrefix()
    {
        foreach (var size in new[] { 0, 1, 7 })
        {
            var e = Bad(new byte[size]);
            Assert.Equal("HeaderTooSmall", e.ErrorId);
            Assert.Contains($"{size} bytes", e.Message);
        }
    }

    [Theory]
    [InlineData(1UL << 60)]
    [InlineData(100_000_001UL)]
    public void OversizedHeaderLengthIsRefusedBeforeReading(ulong n)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, n);
        using var file = new ClaimedLength(bytes, (long)n + 8);
        var e = AllocatesLittle(() => Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(file)));
        Assert.Equal("HeaderTooLarge", e.ErrorId);
        Assert.Contains(n.ToString(), e.Message);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
    }

    [Theory]
    [InlineData(1UL << 60)]
    [InlineData(ulong.MaxValue)]
    public void HeaderLengthBeyondTheFileIsTruncationNotALimit(ulong n)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, n);
        var e = AllocatesLittle(() => Bad(bytes));
        Assert.Equal("HeaderTruncated", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
    }

    [Fact]
    public void HeaderLongerThanTheFile()
    {
        var bytes = Valid[..20];
        var e = Bad(bytes);
        Assert.Equal("HeaderTruncated", e.ErrorId);
        Assert.Contains("12 bytes", e.Message);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 99_999_999);
        e = AllocatesLittle(() => Bad(bytes));
        Assert.Equal("HeaderTruncated", e.ErrorId);
        Assert.Contains("99999999", e.Message);
    }

    [Fact]
    public void TruncatedDataAndTrailingBytes()
    {
        var valid = Valid;
        var e = Bad(valid[..^1]);
        Assert.Equal("DataTruncated", e.ErrorId);
        Assert.Contains("'w'", e.Message);
        e = Bad([.. valid, 0]);
        Assert.Equal("TrailingBytes", e.ErrorId);
        Assert.Contains("1 bytes belong to no tensor", e.Message);
    }

    [Fact]
    public void NonUtf8Header()
    {
        var e = Bad(MakeFile([(byte)'{', 0xC3, 0x28, (byte)'}'], []));
        Assert.Equal("InvalidHeaderUtf8", e.ErrorId);
    }

    [Theory]
    [InlineData("", "InvalidHeaderStart")]
    [InlineData(" {}", "InvalidHeaderStart")]
    [InlineData("[1, 2]", "InvalidHeaderStart")]
    [InlineData("{\"a\": ", "InvalidHeaderJson")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},}", "InvalidHeaderJson")]
    [InlineData("{} {}", "InvalidHeaderJson")]
    [InlineData("{\"a\":1}", "InvalidTensorEntry")]
    [InlineData("{\"a\":{\"shape\":[],\"data_offsets\":[0,0]}}", "InvalidTensorEntry")]
    [InlineData("{\"a\":{\"dtype\":3,\"shape\":[],\"data_offsets\":[0,0]}}", "InvalidTensorEntry")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,0]}}", "InvalidTensorEntry")]
    [InlineData("{\"__metadata__\":[]}", "InvalidMetadata")]
    [InlineData("{\"__metadata__\":{\"epoch\":3}}", "InvalidMetadata")]
    [InlineData("{\"__metadata__\":{\"nested\":{\"a\":\"b\"}}}", "InvalidMetadata")]
    public void MalformedHeaders(string header, string errorId)
    {
        Assert.Equal(errorId, Bad(MakeFile(header)).ErrorId);
    }

    [Fact]
    public void DuplicateKeysAreRejectedAndNamed()
    {
        var e = Bad(MakeFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", 4));
        Assert.Equal("DuplicateKey", e.ErrorId);
        Assert.Contains("'a'", e.Message);
        e = Bad(MakeFile("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,4]}}", 4));
        Assert.Equal("DuplicateKey", e.ErrorId);
        Assert.Contains("'dtype' (in a)", e.Message);
        e = Bad(MakeFile("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}"));
        Assert.Equal("DuplicateKey", e.ErrorId);
    }

    [Theory]
    [InlineData("F33", 8, "InvalidDType")]
    [InlineData("f32", 8, "InvalidDType")]
    [InlineData("F8_E4M3", 1, "UnsupportedDType")]
    [InlineData("U64", 8, "UnsupportedDType")]
    public void DTypes(string dtype, int size, string errorId)
    {
        var e = Bad(MakeFile($"{{\"x\":{{\"dtype\":\"{dtype}\",\"shape\":[1],\"data_offsets\":[0,{size}]}}}}", size));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains($"'x'", e.Message);
        Assert.Contains(dtype, e.Message);
    }

    [Theory]
    [InlineData("[-1]")]
    [InlineData("[1.5]")]
    [InlineData("[\"2\"]")]
    [InlineData("[1e3]")]
    [InlineData("[18446744073709551616]")]
    public void ShapesMustBeNonNegativeIntegers(string shape)
    {
        var e = Bad(MakeFile($"{{\"x\":{{\"dtype\":\"F32\",\"shape\":{shape},\"data_offsets\":[0,4]}}}}", 4));
        Assert.Equal("InvalidShape", e.ErrorId);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void RankIsBounded()
    {
        var shape = "[" + string.Join(",", Enumerable.Repeat(1, 65)) + "]";
        var e = Bad(MakeFile($"{{\"x\":{{\"dtype\":\"F32\",\"shape\":{shape},\"data_offsets\":[0,4]}}}}", 4));
        Assert.Equal("RankTooLarge", e.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
        Assert.Contains("'x'", e.Message);
        Assert.Contains("64", e.Message);
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[0,4,8]")]
    [InlineData("[-1,4]")]
    [InlineData("[8,4]")]
    [InlineData("[0,4.0]")]
    [InlineData("{\"b\":0}")]
    public void OffsetsMustBeAnOrderedPair(string offsets)
    {
        var e = Bad(MakeFile($"{{\"x\":{{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":{offsets}}}}}", 4));
        Assert.Contains(e.ErrorId, new[] { "InvalidOffsets", "InvalidTensorEntry" });
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void OverlappingAndGappedOffsets()
    {
        var e = Bad(MakeFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12));
        Assert.Equal("OffsetsOverlap", e.ErrorId);
        Assert.Contains("'b' starts at byte 4, inside tensor 'a' [0, 8)", e.Message);
        e = Bad(MakeFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16));
        Assert.Equal("OffsetsGap", e.ErrorId);
        Assert.Contains("4 bytes belong to no tensor", e.Message);
        e = Bad(MakeFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8));
        Assert.Equal("OffsetsGap", e.ErrorId);
        Assert.Contains("the start of the data", e.Message);
        e = Bad(MakeFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8));
        Assert.Equal("OffsetsOverlap", e.ErrorId);
    }

    [Fact]
    public void ShapeAndLengthMustAgree()
    {
        var e = Bad(MakeFile("{\"a\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,40]}}", 40));
        Assert.Equal("ShapeLengthMismatch", e.ErrorId);
        Assert.Contains("'a': shape [2, 3] of F64 needs 48 bytes but data_offsets [0, 40] hold 40", e.Message);
    }

    [Fact]
    public void HugeShapesOverflowOrExceedTheFileWithoutAllocating()
    {
        var e = AllocatesLittle(() => Bad(MakeFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483648,2147483648],\"data_offsets\":[0,16]}}", 16)));
        Assert.Equal("ShapeOverflow", e.ErrorId);
        Assert.Contains("[2147483648, 2147483648]", e.Message);
        e = AllocatesLittle(() => Bad(MakeFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[1073741824],\"data_offsets\":[0,4294967296]}}", 16)));
        Assert.Equal("DataTruncated", e.ErrorId);
        Assert.Contains("4294967296", e.Message);
        e = Bad(MakeFile("{\"a\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904,2],\"data_offsets\":[0,0]}}"));
        Assert.Equal("ShapeOverflow", e.ErrorId);
    }

    /// <summary>Runs a failing load and asserts it allocated under 1 MB, however large the sizes it was shown.</summary>
    private static T AllocatesLittle<T>(Func<T> load)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = load();
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
        return result;
    }

    [Fact]
    public void ValidButTooBigForThisEngine()
    {
        var e = Bad(MakeFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[0,3000000000],\"data_offsets\":[0,0]}}"));
        Assert.Equal("TensorTooLarge", e.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
    }

    [Fact]
    public void BoolBytesMustBeZeroOrOne()
    {
        var file = MakeFile(Encoding.UTF8.GetBytes("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}"), [1, 0, 2]);
        var e = Bad(file);
        Assert.Equal("InvalidBoolValue", e.ErrorId);
        Assert.Contains("element 2", e.Message);
    }

    [Fact]
    public void EveryTruncationOfAValidFileFailsCleanly()
    {
        var valid = Valid;
        for (int i = 0; i < valid.Length; i++)
        {
            var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Deserialize(valid[..i]));
            Assert.False(string.IsNullOrEmpty(e.ErrorId));
        }
    }

    [Fact]
    public void EverySingleByteCorruptionOfTheHeaderFailsCleanlyOrStillDescribesTheData()
    {
        var valid = Valid;
        int n = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        var rng = new System.Random(1);
        for (int i = 0; i < 8 + n; i++)
        {
            var bytes = (byte[])valid.Clone();
            bytes[i] ^= (byte)rng.Next(1, 256);
            try
            {
                var loaded = SafeTensors.Deserialize(bytes);
                Assert.Equal(valid.Length - 8 - n, loaded.Tensors.Values.Sum(t => t.Numel() * t.DType.ElementSize()));
            }
            catch (SafeTensorsFormatException e)
            {
                Assert.False(string.IsNullOrEmpty(e.ErrorId));
            }
        }
    }

    [Fact]
    public void NonSeekableStreamsAreRefused()
    {
        using var pipe = new NonSeekable(Valid);
        var e = Assert.Throws<TensorArgumentException>(() => SafeTensors.Load(pipe));
        Assert.Equal("StreamNotSeekable", e.ErrorId);
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A file that claims to be longer than the bytes it holds: a huge file, as far as the checks before reading can tell.</summary>
    private sealed class ClaimedLength(byte[] data, long length) : MemoryStream(data)
    {
        public override long Length => length;
    }
}
