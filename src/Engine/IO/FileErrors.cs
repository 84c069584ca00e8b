namespace NNTools.IO;

/// <summary>
/// The <see cref="TensorFileException"/>s of saving, built in one place so that every writer
/// (safetensors, models, pictures) reports a file the same way, by the path the caller gave.
/// </summary>
internal static class FileErrors
{
    internal static TensorFileException DirectoryNotFound(string path, string directory) =>
        new("DirectoryNotFound", $"cannot write '{path}': the folder '{directory}' does not exist", ErrorKind.ObjectNotFound, path);

    /// <summary>
    /// A save that failed after its checks (a read-only folder, a full disk), named by its target:
    /// the system's reason loses the temporary file's path, which means nothing to the caller.
    /// </summary>
    internal static TensorFileException WriteFailed(string path, string temp, Exception e)
    {
        var reason = e is UnauthorizedAccessException ? $"permission denied in the folder '{Path.GetDirectoryName(path)}'" : Reason(e, temp);
        return new("FileWriteFailed", $"cannot write '{path}': {reason}; any file there before is unchanged", ErrorKind.WriteError, path, e);
    }

    /// <summary>The system's reason without the path .NET appends to it ("No space left on device : '/path'").</summary>
    private static string Reason(Exception e, string path) =>
        e.Message.Replace($" : '{path}'", "", StringComparison.Ordinal).Replace(path, "the file", StringComparison.Ordinal);
}
