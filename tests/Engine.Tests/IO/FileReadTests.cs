using NNTools.IO;
using NNTools.NN;
using static NNTools.Tests.IO.IOTestSupport;

namespace NNTools.Tests.IO;

/// <summary>Reading a file: what is not a readable file is named by id, and a long read stops when cancelled.</summary>
public class FileReadTests
{
    [Fact]
    public void AMissingFileIsObjectNotFound()
    {
        using var dir = new ScratchDir();
        var path = dir.File("none.safetensors");
        var e = Assert.Throws<TensorFileException>(() => SafeTensors.Load(path));
        Assert.Equal("FileNotFound", e.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, e.Kind);
        Assert.Contains(path, e.Message);
        Assert.Equal("FileNotFound", Assert.Throws<TensorFileException>(() => ModelFile.Load(Path.Combine(path, "deeper"))).ErrorId);
    }

    [Fact]
    public void ADirectoryIsNotARegularFile()
    {
        using var dir = new ScratchDir();
        var e = Assert.Throws<TensorFileException>(() => ModelFile.LoadInto(dir.Path, new Linear(2, 2)));
        Assert.Equal("FileNotRegular", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"'{dir.Path}' is a directory, not a regular file; give the path of a safetensors file", e.Message);
    }

    [Fact]
    public void ReadingStopsBetweenChunksWhenCancelled()
    {
        // Three chunks of data; the token is cancelled while the first is read.
        var bytes = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["big"] = Tensor.Zeros(SafeTensors.ChunkBytes / 4 * 5 / 2) });
        using var cancellation = new CancellationTokenSource();
        using var stream = new CancellingStream(bytes, cancellation, afterBytes: bytes.Length / 3);
        Assert.ThrowsAny<OperationCanceledException>(() => SafeTensors.Load(stream, cancellation.Token));
        Assert.InRange(stream.Position, bytes.Length / 3, bytes.Length / 3 + SafeTensors.ChunkBytes);
    }

    /// <summary>A file whose reader is told to stop (Ctrl+C) once it has read <c>afterBytes</c>.</summary>
    private sealed class CancellingStream(byte[] data, CancellationTokenSource cancellation, long afterBytes) : MemoryStream(data, writable: false)
    {
        // A derived MemoryStream reads spans through this overload.
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = base.Read(buffer, offset, count);
            if (Position >= afterBytes) cancellation.Cancel();
            return n;
        }
    }
}
