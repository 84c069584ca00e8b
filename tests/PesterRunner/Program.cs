using NNTools.PesterLite;

// NNTools.PesterRunner [-Module <psd1>] [paths...]
// Runs *.Tests.ps1 files (default: tests/Pester), prints each failure and a closing
// "N passed, N failed" line, and exits 1 when any test failed. Test files import the module
// from $env:NNTOOLS_MODULE, which defaults to the manifest built beside this runner.
var paths = new List<string>();
string module = Environment.GetEnvironmentVariable("NNTOOLS_MODULE") is { Length: > 0 } fromEnv
    ? fromEnv
    : Path.Combine(AppContext.BaseDirectory, "NNTools.psd1");
for (int i = 0; i < args.Length; i++)
{
    if (args[i].Equals("-Module", StringComparison.OrdinalIgnoreCase) && i + 1 < args.Length) module = args[++i];
    else paths.Add(args[i]);
}
if (paths.Count == 0) paths.Add(Path.Combine("tests", "Pester"));
Environment.SetEnvironmentVariable("NNTOOLS_MODULE", Path.GetFullPath(module));

var all = new List<TestResult>();
foreach (string file in paths.SelectMany(TestRunner.FindTestFiles))
{
    var results = TestRunner.RunFile(file, Console.Out);
    Console.WriteLine($"{Path.GetRelativePath(Environment.CurrentDirectory, file)}: {TestRunner.Summary(results)}");
    foreach (var failure in results.Where(r => r.Outcome == TestOutcome.Failed))
        Console.WriteLine("  " + failure.ToString().Replace("\n", "\n  "));
    all.AddRange(results);
}
Console.WriteLine(TestRunner.Summary(all));
return all.Any(r => r.Outcome == TestOutcome.Failed) ? 1 : 0;
