namespace NNTools.IO;

/// <summary>
/// Writes a file so that the destination is never seen half-written: the content goes to a
/// temporary file in the same directory (so the final rename stays on one file system), is
/// flushed to disk, and then replaces the destination in one rename. If anything fails before the
/// rename, the temporary file is removed and the old destination, if any, is untouched; one left
/// by a killed process is removed by the next save of the same destination.
/// Public so the libraries beside the engine (the plotting library) write files the same way.
/// </summary>
public static partial class AtomicFile
{
    /// <summary>
    /// Checks, before any work, that <paramref name="path"/> can be saved to and returns its full
    /// path. Throws <see cref="FileExistsException"/> when the file exists and
    /// <paramref name="overwrite"/> is false, TensorArgumentException (PathIsDirectory) for a
    /// directory, <see cref="TensorFileException"/> (DirectoryNotFound) when the folder is missing.
    /// </summary>
    public static string CheckTarget(string path, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new TensorArgumentException("PathIsDirectory", $"'{full}' is a directory; give a file name such as '{Path.Combine(full, "model.safetensors")}'");
        }
        if (!overwrite && File.Exists(full)) throw new FileExistsException(full);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw FileErrors.DirectoryNotFound(full, directory);
        return full;
    }

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>, after the checks of
    /// <see cref="CheckTarget"/>. A failure of the file system (a read-only folder, a full disk)
    /// is a <see cref="TensorFileException"/> (FileWriteFailed) that names <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, bool overwrite, Action<Stream> write)
    {
        var full = CheckTarget(path, overwrite);
        RemoveStaleTempFiles(full);
        var temp = TempPath(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, full, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(full))
            {
                // Another writer created the destination after the check above: still never clobber it.
                throw new FileExistsException(full);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw FileErrors.WriteFailed(full, temp, e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Cleanup that must not hide the error that made it necessary.</summary>
    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting; the next save removes the file.
        }
    }
}
