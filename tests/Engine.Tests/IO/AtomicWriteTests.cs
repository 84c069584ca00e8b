using System.Collections;
using NNTools.IO;
using NNTools.NN;
using static NNTools.Tests.IO.IOTestSupport;

namespace NNTools.Tests.IO;

/// <summary>Saves never leave a half-written file and never replace one unless told to.</summary>
public class AtomicWriteTests
{
    private static Dictionary<string, Tensor> One(float v) => new() { ["x"] = Tensor.Full([4], v) };

    [Fact]
    public void RefusesToOverwriteWithoutPermission()
    {
        using var dir = new ScratchDir();
        var path = dir.File("t.safetensors");
        SafeTensors.Save(path, One(1));
        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<FileExistsException>(() => SafeTensors.Save(path, One(2)));
        Assert.Equal("FileExists", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidOperation, e.Kind);
        Assert.Contains(path, e.Message);
        Assert.Contains("-Force", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Throws<FileExistsException>(() => ModelFile.Save(path, new Linear(2, 2)));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void OverwriteReplacesTheFile()
    {
        using var dir = new ScratchDir();
        var path = dir.File("t.safetensors");
        SafeTensors.Save(path, One(1));
        SafeTensors.Save(path, One(2), overwrite: true);
        Assert.Equal(2f, SafeTensors.Load(path).Tensors["x"].ToFloatArray()[0]);
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AFailureWhileWritingLeavesTheOldFileIntact()
    {
        using var dir = new ScratchDir();
        var path = dir.File("t.safetensors");
        SafeTensors.Save(path, One(1));
        var before = File.ReadAllBytes(path);
        Assert.Throws<InvalidOperationException>(() => SafeTensors.Save(path, new ThrowingTensors(), overwrite: true));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AFullDiskIsAWriteErrorNamingTheTargetNotTheTemporaryFile()
    {
        using var dir = new ScratchDir();
        var path = dir.File("t.safetensors");
        SafeTensors.Save(path, One(1));
        var before = File.ReadAllBytes(path);
        string? temp = null;
        var e = Assert.Throws<TensorFileException>(() => AtomicFile.Write(path, overwrite: true, stream =>
        {
            temp = ((FileStream)stream).Name;
            stream.Write(new byte[100_000]);
            stream.Flush();
            throw new IOException($"No space left on device : '{temp}'");
        }));
        Assert.Equal("FileWriteFailed", e.ErrorId);
        Assert.Equal(ErrorKind.WriteError, e.Kind);
        Assert.Equal($"cannot write '{path}': No space left on device; any file there before is unchanged", e.Message);
        Assert.Equal(path, e.Path);
        Assert.IsType<IOException>(e.InnerException);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AFailedFirstSaveLeavesNoFile()
    {
        using var dir = new ScratchDir();
        var path = dir.File("new.safetensors");
        Assert.Throws<InvalidOperationException>(() => SafeTensors.Save(path, new ThrowingTensors()));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void DirectoriesAreNotFiles()
    {
        using var dir = new ScratchDir();
        var e = Assert.Throws<TensorArgumentException>(() => SafeTensors.Save(dir.Path, One(1), overwrite: true));
        Assert.Equal("PathIsDirectory", e.ErrorId);
    }

    [Fact]
    public void AMissingFolderIsNamedBeforeAnythingIsWritten()
    {
        using var dir = new ScratchDir();
        var folder = Path.Combine(dir.Path, "missing");
        var path = Path.Combine(folder, "t.safetensors");
        var e = Assert.Throws<TensorFileException>(() => SafeTensors.Save(path, One(1)));
        Assert.Equal("DirectoryNotFound", e.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, e.Kind);
        Assert.Equal($"cannot write '{path}': the folder '{folder}' does not exist", e.Message);
        Assert.Equal("DirectoryNotFound", Assert.Throws<TensorFileException>(() => ModelFile.Save(path, new Linear(2, 2))).ErrorId);
        Assert.Equal("DirectoryNotFound", Assert.Throws<TensorFileException>(() => AtomicFile.CheckTarget(path, overwrite: true)).ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    /// <summary>A state dict whose enumeration fails part way, as a tensor that cannot be read would.</summary>
    private sealed class ThrowingTensors : IReadOnlyDictionary<string, Tensor>
    {
        public Tensor this[string key] => throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => ["a", "b"];

        public IEnumerable<Tensor> Values => [];

        public int Count => 2;

        public bool ContainsKey(string key) => false;

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Tensor value) => throw new KeyNotFoundException(key);

        public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
        {
            yield return new("a", Tensor.Ones(1000));
            throw new InvalidOperationException("the state dict changed while it was being saved");
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
