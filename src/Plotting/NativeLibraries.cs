using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace NNTools.Plotting;

/// <summary>
/// Finds SkiaSharp's and HarfBuzzSharp's native libraries under runtimes/&lt;rid&gt;/native beside the
/// assemblies. An application's deps.json would point the runtime there, but a PowerShell module has
/// none of its own: pwsh probes only its own folders and the managed assembly's folder, so without
/// this hook the first drawing call fails with DllNotFoundException.
/// </summary>
internal static class NativeLibraries
{
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Installs the resolver once, before anything calls into SkiaSharp.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            // The event fires on the load context of the assembly that declares the P/Invoke.
            var skia = typeof(SkiaSharp.SKBitmap).Assembly;
            var context = AssemblyLoadContext.GetLoadContext(skia) ?? AssemblyLoadContext.Default;
            context.ResolvingUnmanagedDll += Resolve;
            registered = true;
        }
    }

    private static IntPtr Resolve(Assembly requester, string name)
    {
        if (!name.Contains("SkiaSharp", StringComparison.Ordinal) && !name.Contains("HarfBuzzSharp", StringComparison.Ordinal)) return IntPtr.Zero;
        foreach (var directory in CandidateDirectories(requester))
        {
            foreach (var file in FileNames(name))
            {
                var path = Path.Combine(directory, file);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
            }
        }
        return IntPtr.Zero;
    }

    /// <summary>runtimes/&lt;rid&gt;/native beside SkiaSharp.dll and beside this assembly (the same folder in a module).</summary>
    private static IEnumerable<string> CandidateDirectories(Assembly requester)
    {
        var rid = RuntimeIdentifier();
        foreach (var assembly in new[] { requester, typeof(NativeLibraries).Assembly })
        {
            var folder = Path.GetDirectoryName(assembly.Location);
            if (!string.IsNullOrEmpty(folder)) yield return Path.Combine(folder, "runtimes", rid, "native");
        }
    }

    /// <summary>The portable RID NuGet lays natives out by: linux-x64, osx-arm64, win-x64 and so on.</summary>
    private static string RuntimeIdentifier()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return $"{os}-{arch}";
    }

    private static IEnumerable<string> FileNames(string name)
    {
        yield return name;
        if (OperatingSystem.IsWindows()) yield return name + ".dll";
        else if (OperatingSystem.IsMacOS()) yield return name + ".dylib";
        else yield return name + ".so";
    }
}
