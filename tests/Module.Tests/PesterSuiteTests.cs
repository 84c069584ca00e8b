using NNTools.PesterLite;

namespace NNTools.ModuleTests;

/// <summary>
/// One xunit test per tests/Pester file, run in place (so $PSScriptRoot is the source folder)
/// against the module manifest built into this test's output.
/// </summary>
public class PesterSuiteTests
{
    public static TheoryData<string> Files => [.. TestRunner.FindTestFiles(Repository.PesterFolder).Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Files))]
    public void PesterFilePasses(string file)
    {
        Environment.SetEnvironmentVariable("NNTOOLS_MODULE", Repository.BuiltManifest);
        var results = TestRunner.RunFile(Path.Combine(Repository.PesterFolder, file));
        string report = string.Join("\n", results) + "\n" + TestRunner.Summary(results);
        Assert.True(results.Count > 0, $"{file} has no tests");
        Assert.True(results.All(r => r.Outcome != TestOutcome.Failed), report);
    }
}
