namespace NNTools.IO;

public static partial class AtomicFile
{
    private const string TempExtension = ".tmp";
    private const int GuidLength = 32;

    /// <summary>
    /// A file written less than this long ago is never taken for stale. It covers the one moment a
    /// live writer's file is unlocked: .NET on Unix creates the file, then locks it.
    /// </summary>
    private static readonly TimeSpan MinStaleAge = TimeSpan.FromSeconds(1);

    /// <summary>The temporary file of one save of <paramref name="full"/>: hidden, beside it, unique.</summary>
    private static string TempPath(string full) => Path.Combine(Path.GetDirectoryName(full)!, $"{TempPrefix(full)}{Guid.NewGuid():N}{TempExtension}");

    private static string TempPrefix(string full) => $".{Path.GetFileName(full)}.";

    /// <summary>
    /// Removes the temporary files that earlier saves of <paramref name="full"/> left behind when
    /// their process was killed (kill -9, a power cut): files named as <see cref="TempPath"/> names
    /// them for this target and no other, that no writer holds. A writer holds its file open with
    /// FileShare.None from creation to rename, which Windows enforces as a share mode and .NET on Unix
    /// turns into an exclusive advisory lock (flock LOCK_EX | LOCK_NB, taken just after the file is
    /// created, hence <see cref="MinStaleAge"/>); so an exclusive open of a file still being written
    /// fails, and that file is left alone. Where .NET takes no lock (a file system without flock, or
    /// DOTNET_SYSTEM_IO_DISABLEFILELOCKING set), a live writer's file older than a second can be
    /// removed: that save then fails with FileWriteFailed, and its target is still never torn.
    /// </summary>
    private static void RemoveStaleTempFiles(string full)
    {
        var prefix = TempPrefix(full);
        // Dot files count as hidden on Unix, and the default options would skip them.
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, MatchType = MatchType.Simple };
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(full)!, "*" + TempExtension, options))
            {
                if (IsTempName(Path.GetFileName(file), prefix) && DateTime.UtcNow - File.GetLastWriteTimeUtc(file) >= MinStaleAge) TryRemoveUnheld(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be listed: the save itself reports what is wrong with it, if anything.
        }
    }

    private static bool IsTempName(string name, string prefix) =>
        name.Length == prefix.Length + GuidLength + TempExtension.Length
        && name.StartsWith(prefix, StringComparison.Ordinal)
        && name.EndsWith(TempExtension, StringComparison.Ordinal)
        && name.AsSpan(prefix.Length, GuidLength).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>Deletes <paramref name="file"/> only through an exclusive open, which fails while a writer holds it.</summary>
    private static void TryRemoveUnheld(string file)
    {
        try
        {
            using var stale = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Held by a live writer, gone already, or not ours to remove.
        }
    }
}
