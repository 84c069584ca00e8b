using NNTools.Hosting;

namespace NNTools.PesterLite;

/// <summary>Runs Pester 5 test files on the bare engine, each in a fresh runspace.</summary>
public static class TestRunner
{
    /// <summary>The *.Tests.ps1 files of a folder (recursively, in name order), or the file itself.</summary>
    public static IReadOnlyList<string> FindTestFiles(string path) =>
        Directory.Exists(path)
            ? [.. Directory.GetFiles(path, "*.Tests.ps1", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [path];

    /// <summary>Runs one file; what its tests write to the host goes to <paramref name="hostOutput"/>.</summary>
    public static IReadOnlyList<TestResult> RunFile(string path, TextWriter? hostOutput = null) =>
        FileRun.Run(path, new ScriptHost(hostOutput ?? TextWriter.Null));

    /// <summary>The closing line: "N passed, N failed", with ", N skipped" when some were.</summary>
    public static string Summary(IEnumerable<TestResult> results)
    {
        var list = results.ToList();
        int skipped = list.Count(r => r.Outcome == TestOutcome.Skipped);
        return $"{list.Count(r => r.Outcome == TestOutcome.Passed)} passed, {list.Count(r => r.Outcome == TestOutcome.Failed)} failed"
             + (skipped > 0 ? $", {skipped} skipped" : "");
    }
}
