using System.Management.Automation;

namespace NNTools.PesterLite;

/// <summary>A Describe or Context block (or a file's root) found during discovery.</summary>
internal sealed class Block(string name, Block? parent, DataItem? data, bool skip)
{
    public string Name { get; } = name;
    public Block? Parent { get; } = parent;
    public DataItem? Data { get; } = data;
    public bool Skip { get; } = skip || (parent?.Skip ?? false);
    public List<object> Children { get; } = [];
    public Dictionary<SetupKind, ScriptBlock> Setups { get; } = [];

    /// <summary>Names from the outermost Describe down to this block; the file root has none.</summary>
    public string Path => Parent is null ? "" : (Parent.Path.Length == 0 ? Name : Parent.Path + " " + Name);

    public IEnumerable<Block> SelfAndAncestors()
    {
        for (Block? b = this; b is not null; b = b.Parent) yield return b;
    }

    public IEnumerable<TestCase> AllTests() =>
        Children.SelectMany(c => c is Block b ? b.AllTests() : [(TestCase)c]);
}

/// <summary>An It found during discovery, one per -ForEach item.</summary>
internal sealed class TestCase(string name, Block parent, ScriptBlock? body, DataItem? data, bool skip)
{
    public string Name { get; } = name;
    public Block Parent { get; } = parent;
    public ScriptBlock? Body { get; } = body;
    public DataItem? Data { get; } = data;
    public bool Skip { get; } = skip || parent.Skip || body is null;
    public string Path => Parent.Path + " " + Name;
}

/// <summary>One -ForEach item: a hashtable's keys become variables, and $_ is the item itself.</summary>
internal sealed record DataItem(object? Item);

public enum SetupKind { BeforeAll, BeforeEach, AfterEach, AfterAll }

public enum TestOutcome { Passed, Failed, Skipped }

/// <summary>The outcome of one test, or of a file or block whose setup failed outside any test.</summary>
public sealed record TestResult(string File, string Name, TestOutcome Outcome, string? Message = null, string? Location = null)
{
    public override string ToString() => Outcome switch
    {
        TestOutcome.Failed => $"[-] {Name}\n    {Message?.Replace("\n", "\n    ")}" + (Location is null ? "" : $"\n    at {Location}"),
        TestOutcome.Skipped => $"[!] {Name}",
        _ => $"[+] {Name}",
    };
}
