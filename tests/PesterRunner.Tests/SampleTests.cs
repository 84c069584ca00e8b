using System.Text.RegularExpressions;

namespace NNTools.PesterLite.Tests;

/// <summary>
/// Runs the sample files and checks every outcome. A test's name says what must happen to it:
/// "(fails)" or "(fails with: message)" must fail (with that message; a trailing * matches the
/// rest), "(skipped)" must be skipped, anything else must pass. The counts per file guard
/// against a runner that silently finds or runs nothing.
/// </summary>
public partial class SampleTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "Samples");

    public static TheoryData<string, int, int, int> Files => new()
    {
        { "DataDriven.Tests.ps1", 16, 1, 0 },
        { "DiscoveryError.Tests.ps1", 0, 1, 0 },
        { "EmptyForEach.Tests.ps1", 0, 1, 0 },
        { "Misuse.Tests.ps1", 0, 2, 0 },
        { "NoStrictMode.Tests.ps1", 2, 1, 0 },
        { "Scoping.Tests.ps1", 11, 0, 0 },
        { "SetupFailures.Tests.ps1", 3, 9, 0 },
        { "Should.Tests.ps1", 14, 0, 0 },
        { "ShouldFailures.Tests.ps1", 0, 29, 0 },
        { "Skip.Tests.ps1", 1, 0, 6 },
        { "StrictMode.Tests.ps1", 1, 2, 0 },
        { "Throw.Tests.ps1", 8, 8, 0 },
    };

    [GeneratedRegex(@"\((fails|skipped)(?: with: (.*))?\)$")]
    private static partial Regex Expectation();

    [Theory]
    [MemberData(nameof(Files))]
    public void OutcomesMatchTestNames(string file, int passed, int failed, int skipped)
    {
        var results = TestRunner.RunFile(Path.Combine(Samples, file));
        foreach (var result in results)
        {
            var expectation = Expectation().Match(result.Name);
            // A teardown or discovery failure has no test of its own to carry the marker.
            var expected = result.Name.EndsWith("(AfterAll)") || result.Name == "(discovery)" ? TestOutcome.Failed
                : !expectation.Success ? TestOutcome.Passed
                : expectation.Groups[1].Value == "fails" ? TestOutcome.Failed : TestOutcome.Skipped;
            Assert.True(expected == result.Outcome, $"expected {expected}:\n{result}");
            if (expectation.Groups[2].Success) AssertMessage(expectation.Groups[2].Value, result);
        }
        Assert.Equal((passed, failed, skipped), Count(results));
    }

    [Fact]
    public void EverySampleIsChecked()
    {
        var listed = Files.Select(row => (string)row[0]).Order();
        var present = Directory.GetFiles(Samples, "*.Tests.ps1").Select(Path.GetFileName).Order();
        Assert.Equal(present, listed);
    }

    [Fact]
    public void ExpandsNameTemplatesFromTestAndBlockData()
    {
        var names = TestRunner.RunFile(Path.Combine(Samples, "DataDriven.Tests.ps1")).Select(r => r.Name).ToList();
        Assert.Contains("Test cases adds 1 and 2 to make 3", names);
        Assert.Contains("Test cases adds 2 and 2 to make 4", names);
        Assert.Contains("Test cases takes plain values: y", names);
        Assert.Contains("Test cases expands properties: Ada", names);
        Assert.Contains("Test cases keeps an unknown template: <missing>", names);
        Assert.Contains("Block data second generates tests from block data during discovery: second 2", names);
        Assert.Contains("Block data first Nested context of first sees outer and inner data", names);
    }

    [Fact]
    public void FailsDiscoveryOnAnEmptyForEach()
    {
        var result = Assert.Single(TestRunner.RunFile(Path.Combine(Samples, "EmptyForEach.Tests.ps1")));
        Assert.Equal("(discovery)", result.Name);
        Assert.StartsWith("PSArgumentException: -ForEach (or -TestCases) is empty", result.Message);
    }

    [Fact]
    public void ReportsWhereAFailureHappened()
    {
        var failure = TestRunner.RunFile(Path.Combine(Samples, "SetupFailures.Tests.ps1"))
            .Single(r => r.Name == "Errors inside tests stops at the first failed Should (fails with: Expected 2, but got 1.)");
        Assert.EndsWith("SetupFailures.Tests.ps1:60: 1 | Should -Be 2", failure.Location);
        Assert.Contains("Expected 2, but got 1.", failure.ToString());
    }

    [Fact]
    public void SummarizesAsTheClosingLine()
    {
        var results = TestRunner.RunFile(Path.Combine(Samples, "Skip.Tests.ps1"));
        Assert.Equal("1 passed, 0 failed, 6 skipped", TestRunner.Summary(results));
        Assert.Equal("0 passed, 0 failed", TestRunner.Summary([]));
    }

    private static void AssertMessage(string expected, TestResult result)
    {
        string actual = result.Message ?? "";
        if (expected.EndsWith('*')) Assert.StartsWith(expected[..^1], actual);
        else Assert.Equal(expected, actual);
    }

    private static (int, int, int) Count(IReadOnlyList<TestResult> results) =>
        (results.Count(r => r.Outcome == TestOutcome.Passed),
         results.Count(r => r.Outcome == TestOutcome.Failed),
         results.Count(r => r.Outcome == TestOutcome.Skipped));
}
