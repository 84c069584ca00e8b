using System.Reflection;
using System.Runtime.Loader;

namespace NNTools.Commands;

/// <summary>
/// The module's own load context for its third-party assemblies (MathNet, ScottPlot, SkiaSharp,
/// HarfBuzzSharp, System.Numerics.Tensors), which the packaged module keeps in a dependencies/
/// folder that PowerShell does not probe. Another module's copy of one of them, loaded earlier in
/// the default context at another version, then cannot clash with ours. NNTools' own assemblies
/// stay in the default context, so scripts reach their types by name ([NNTools.Tensor]).
/// </summary>
internal sealed class DependencyLoadContext(string folder) : AssemblyLoadContext("NNTools dependencies")
{
    private static readonly Lock Gate = new();
    private static DependencyLoadContext? installed;

    /// <summary>
    /// Answers the default context's failed lookups for the assemblies in <paramref name="folder"/>,
    /// once per process; a module folder without dependencies/ (a build output) is left to PowerShell.
    /// </summary>
    public static void Install(string moduleFolder)
    {
        string folder = Path.Combine(moduleFolder, "dependencies");
        lock (Gate)
        {
            if (installed is not null || !Directory.Exists(folder)) return;
            installed = new DependencyLoadContext(folder);
            Default.Resolving += installed.ResolveForDefault;
        }
    }

    private Assembly? ResolveForDefault(AssemblyLoadContext context, AssemblyName name) =>
        File.Exists(PathOf(name)) ? LoadFromAssemblyName(name) : null;

    /// <summary>A dependency's own references: from the folder when they are there, else the default context's (the framework).</summary>
    protected override Assembly? Load(AssemblyName name) => File.Exists(PathOf(name)) ? LoadFromAssemblyPath(PathOf(name)) : null;

    private string PathOf(AssemblyName name) => Path.Combine(folder, name.Name + ".dll");
}
