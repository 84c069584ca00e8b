namespace NNTools.Plotting.Tests;

/// <summary>
/// The drawing tests pass only through NativeLibraries: SkiaSharp's native library lies in a
/// linux-x64/ folder (PowerShell's layout) and on none of the runtime's own search paths.
/// </summary>
public sealed class NativeLibrariesTests
{
    [Fact]
    public void TheLinuxNativesAreLaidOutBesideTheAssemblies()
    {
        var here = AppContext.BaseDirectory;
        Assert.True(File.Exists(Path.Combine(here, "linux-x64", "libSkiaSharp.so")));
        Assert.True(File.Exists(Path.Combine(here, "linux-x64", "libHarfBuzzSharp.so")));
    }

    [Fact]
    public void TheRuntimeIsNotToldWhereTheyAre()
    {
        var searchPaths = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(searchPaths, p => File.Exists(Path.Combine(p, "libSkiaSharp.so")));
    }
}
