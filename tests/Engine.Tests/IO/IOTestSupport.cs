using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using NNTools.IO;

namespace NNTools.Tests.IO;

/// <summary>Helpers for the safetensors tests: hand-made files, bitwise comparison, scratch folders.</summary>
public static class IOTestSupport
{
    /// <summary>A file of the given header text (unpadded) and data bytes, with a correct length prefix.</summary>
    public static byte[] MakeFile(string header, int dataBytes = 0) => MakeFile(Encoding.UTF8.GetBytes(header), new byte[dataBytes]);

    public static byte[] MakeFile(byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    /// <summary>Same dtype, shape and bit pattern of every element (so NaN payloads and -0 count).</summary>
    public static void AssertBitwiseEqual(Tensor expected, Tensor actual, string name = "")
    {
        Assert.True(expected.DType == actual.DType, $"{name}: dtype {expected.DType} vs {actual.DType}");
        Assert.True(expected.Shape.SequenceEqual(actual.Shape), $"{name}: shape [{string.Join(",", expected.Shape)}] vs [{string.Join(",", actual.Shape)}]");
        Assert.Equal(Bits(expected), Bits(actual));
    }

    private static long[] Bits(Tensor t) => t.ToArray() switch
    {
        Array a when t.DType == DType.Float32 => a.Cast<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray(),
        Array a when t.DType == DType.Float64 => a.Cast<double>().Select(BitConverter.DoubleToInt64Bits).ToArray(),
        Array a when t.DType == DType.Int64 => a.Cast<long>().ToArray(),
        Array a => a.Cast<bool>().Select(b => b ? 1L : 0L).ToArray(),
    };

    /// <summary>A fresh empty directory under the temp folder, removed when disposed.</summary>
    public sealed class ScratchDir : IDisposable
    {
        public ScratchDir() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nntools-io-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>Fixtures/io in the source tree (for regenerating fixtures), found from this file's path.</summary>
    public static string SourceFixtureDir([CallerFilePath] string here = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "..", "Fixtures", "io"));

    public static SafeTensorsFormatException Bad(byte[] file) => Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Deserialize(file));
}

/// <summary>
/// A fact that runs only when NNTOOLS_REGENERATE_FIXTURES=1: it rewrites checked-in fixtures, so a
/// normal run skips it.
/// </summary>
public sealed class RegenerateFactAttribute : FactAttribute
{
    public RegenerateFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("NNTOOLS_REGENERATE_FIXTURES") != "1")
        {
            Skip = "rewrites fixtures; set NNTOOLS_REGENERATE_FIXTURES=1 to run";
        }
    }
}
