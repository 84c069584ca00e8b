using System.Management.Automation;
using NNTools.IO;

namespace NNTools.Commands;

/// <summary>
/// Refuses a path that is not a regular file before anything opens it. Opening a FIFO to read
/// blocks until a writer appears, in a system call Ctrl+C cannot interrupt, and a device such as
/// /dev/zero never ends. .NET has no file type on Unix (FileInfo calls a FIFO "Normal"), and
/// stat(2) through P/Invoke needs a struct layout per OS and architecture; PowerShell's FileSystem
/// provider already calls it on Linux and macOS and gives each item its fields as UnixStat, so the
/// type comes from there (ItemType: its UnixMode string shows a FIFO as '-' in 7.6). On Windows
/// items have no UnixStat and no file system path opens a pipe that waits for a writer; there the
/// engine's own checks (directories, unseekable streams) apply.
/// </summary>
internal static class RegularFile
{
    public static void Require(ProviderIntrinsics provider, string path)
    {
        if (Directory.Exists(path)) throw FileErrors.NotRegular(path, "a directory");
        var target = FinalTarget(path);
        if (!target.Exists) throw FileErrors.NotFound(path);
        var item = provider.Item.Get([target.FullName], force: true, literalPath: true).FirstOrDefault();
        var type = item?.Properties["UnixStat"]?.Value is { } stat ? PSObject.AsPSObject(stat).Properties["ItemType"]?.Value?.ToString() : null;
        if (type is not null && type != "File") throw FileErrors.NotRegular(path, Describe(type));
    }

    /// <summary>The provider describes a symbolic link itself; the file read is the link's final target.</summary>
    private static FileInfo FinalTarget(string path)
    {
        var file = new FileInfo(path);
        try
        {
            return file.LinkTarget is null ? file : (FileInfo?)file.ResolveLinkTarget(returnFinalTarget: true) ?? file;
        }
        catch (IOException e)
        {
            // A loop of links ("Too many levels of symbolic links").
            throw FileErrors.ReadFailed(path, e);
        }
    }

    private static string Describe(string itemType) => itemType switch
    {
        "NamedPipe" => "a named pipe (FIFO)",
        "CharacterDevice" => "a character device",
        "BlockDevice" => "a block device",
        "Socket" => "a socket",
        "Directory" => "a directory",
        _ => $"a {itemType}",
    };
}
