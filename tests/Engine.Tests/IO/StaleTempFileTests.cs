using NNTools.IO;
using static NNTools.Tests.IO.IOTestSupport;

namespace NNTools.Tests.IO;

/// <summary>
/// A save killed between creating its temporary file and renaming it (kill -9) leaves the file
/// behind; the next save of the same target removes it, and only it: not the temporary files of
/// other targets, not one a live writer still holds open.
/// </summary>
public class StaleTempFileTests
{
    private static readonly Dictionary<string, Tensor> Tensors = new() { ["x"] = Tensor.Ones(4) };

    /// <summary>A temporary file as a killed save of <paramref name="target"/> leaves it, written a minute ago.</summary>
    private static string LeaveTempFile(string target, string? name = null)
    {
        var temp = Path.Combine(Path.GetDirectoryName(target)!, name ?? $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temp, new byte[1000]);
        File.SetLastWriteTimeUtc(temp, DateTime.UtcNow.AddMinutes(-1));
        return temp;
    }

    [Fact]
    public void TheNextSaveRemovesItsTargetsStaleTempFiles()
    {
        using var dir = new ScratchDir();
        var path = dir.File("model.safetensors");
        var stale = new[] { LeaveTempFile(path), LeaveTempFile(path) };
        SafeTensors.Save(path, Tensors);
        Assert.All(stale, f => Assert.False(File.Exists(f), f));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void OtherFilesAreLeftAlone()
    {
        using var dir = new ScratchDir();
        var path = dir.File("model.safetensors");
        var guid = Guid.NewGuid().ToString("N");
        var others = new[]
        {
            LeaveTempFile(dir.File("other.safetensors")),
            LeaveTempFile(path, $".model.{guid}.tmp"),
            LeaveTempFile(path, $".model.safetensors.{guid.ToUpperInvariant()}.tmp"),
            LeaveTempFile(path, $".model.safetensors.{guid}x.tmp"),
            LeaveTempFile(path, $".model.safetensors.{guid[1..]}.tmp"),
            LeaveTempFile(path, $"model.safetensors.{guid}.tmp"),
            LeaveTempFile(path, $".model.safetensors.{guid}.tmp.bak"),
        };
        SafeTensors.Save(path, Tensors);
        Assert.All(others, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void ATempFileALiveWriterHoldsIsKept()
    {
        using var dir = new ScratchDir();
        var path = dir.File("model.safetensors");
        var temp = LeaveTempFile(path);
        // Held as AtomicFile holds its own while it writes (on Unix, .NET's flock: separate opens
        // conflict even within one process).
        using (var writer = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            SafeTensors.Save(path, Tensors, overwrite: true);
            Assert.True(File.Exists(temp));
        }
        Assert.True(File.Exists(temp));
        SafeTensors.Save(path, Tensors, overwrite: true);
        Assert.False(File.Exists(temp));
    }

    [Fact]
    public void AFreshTempFileIsKeptForASecond()
    {
        using var dir = new ScratchDir();
        var path = dir.File("model.safetensors");
        var fresh = LeaveTempFile(path);
        File.SetLastWriteTimeUtc(fresh, DateTime.UtcNow);
        SafeTensors.Save(path, Tensors);
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void AFailedSaveStillRemovesStaleFilesAndLeavesNoneOfItsOwn()
    {
        using var dir = new ScratchDir();
        var path = dir.File("model.safetensors");
        LeaveTempFile(path);
        Assert.Throws<TensorArgumentException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Ones(1) }));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
