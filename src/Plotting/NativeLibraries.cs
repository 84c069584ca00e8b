using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace NNTools.Plotting;

/// <summary>
/// Finds SkiaSharp's and HarfBuzzSharp's native libraries in a &lt;rid&gt; folder (linux-x64/) beside the
/// assemblies. That is the layout PowerShell 7 itself probes for a module's natives (its
/// PowerShellAssemblyLoadContext.NativeDllHandler), so pwsh finds them without this hook; other hosts
/// of the library (a test runner, a C# program) do not, and nothing lists the files in a deps.json
/// (see Directory.Build.targets), so without this hook their first drawing call fails with
/// DllNotFoundException.
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

    /// <summary>&lt;rid&gt;/ beside SkiaSharp.dll and beside this assembly (the same folder in a module).</summary>
    private static IEnumerable<string> CandidateDirectories(Assembly requester)
    {
        var rid = RuntimeIdentifier();
        foreach (var assembly in new[] { requester, typeof(NativeLibraries).Assembly })
        {
            var folder = Path.GetDirectoryName(assembly.Location);
            if (!string.IsNullOrEmpty(folder)) yield return Path.Combine(folder, rid);
        }
    }

    /// <summary>The folder name PowerShell probes too: linux-x64, osx-arm64, win-x64 and so on.</summary>
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
