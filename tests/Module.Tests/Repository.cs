namespace NNTools.ModuleTests;

/// <summary>Where the tests find the repository's files and the module they were built with.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PesterFolder => Path.Combine(Root, "tests", "Pester");

    /// <summary>The manifest the build laid beside NNTools.dll in this test's output.</summary>
    public static string BuiltManifest => Path.Combine(AppContext.BaseDirectory, "NNTools.psd1");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NNTools.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No NNTools.slnx above {AppContext.BaseDirectory}.");
    }
}
