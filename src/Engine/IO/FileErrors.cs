namespace NNTools.IO;

/// <summary>
/// The <see cref="TensorFileException"/>s of reading and saving, built in one place so that every
/// reader and writer (safetensors, models, pictures, and the module's own checks) reports a file
/// the same way, by the path the caller gave.
/// </summary>
public static class FileErrors
{
    /// <summary>
    /// Opens a file to read, reporting a missing file, a folder and an unreadable file by id. Opening
    /// a FIFO still blocks here: .NET has no file type on Unix, so the cmdlets refuse those first.
    /// </summary>
    internal static FileStream OpenRead(string path)
    {
        if (Directory.Exists(path)) throw NotRegular(path, "a directory");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ReadFailed(path, e);
        }
    }

    public static TensorFileException NotFound(string path) =>
        new("FileNotFound", $"the file '{path}' does not exist", ErrorKind.ObjectNotFound, path);

    /// <summary>A path that names something other than a regular file; <paramref name="what"/> says what ("a directory").</summary>
    public static TensorFileException NotRegular(string path, string what) =>
        new("FileNotRegular", $"'{path}' is {what}, not a regular file; give the path of a safetensors file", ErrorKind.InvalidArgument, path);

    public static TensorFileException ReadFailed(string path, Exception e) =>
        new("FileReadFailed", $"cannot read '{path}': {Reason(e, path)}", ErrorKind.ReadError, path, e);

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
    private static string Reason(Exception e, string path) => e is UnauthorizedAccessException
        ? "permission denied"
        : e.Message.Replace($" : '{path}'", "", StringComparison.Ordinal).Replace(path, "the file", StringComparison.Ordinal);
}
