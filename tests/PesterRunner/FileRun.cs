using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using NNTools.PesterLite.Commands;

namespace NNTools.PesterLite;

/// <summary>
/// Runs one test file as Pester 5 does, in a runspace of its own. Discovery dot-sources the
/// file, and each Describe/Context body in a child scope, only to record blocks, setups and
/// tests. The run phase then builds the scopes again without the discovery code: a scope per
/// block holding its BeforeAll variables, and a scope per test, inside it, where BeforeEach,
/// the test body and AfterEach run. Variables set by code outside those blocks are therefore
/// not visible to tests, as in Pester 5; Set-StrictMode at the top of the file still applies.
/// </summary>
internal sealed class FileRun
{
    private static readonly ConditionalWeakTable<Runspace, FileRun> Runs = [];

    private readonly string _file;
    private readonly List<TestResult> _results = [];
    private readonly List<ErrorRecord> _writtenErrors = [];
    private EngineIntrinsics _engine = null!;
    private ScriptBlock _newScope = null!;
    private ScriptBlock _dotSource = null!;
    private ScriptBlock _dotSourceWithData = null!;
    private bool _inTest;

    private FileRun(string file, PSHost host)
    {
        _file = file;
        Host = host;
        Root = new Block(Path.GetFileName(file), null, null, false);
    }

    /// <summary>The host the file's runspace renders into (Out-String captures from it).</summary>
    public PSHost Host { get; }

    public Block Root { get; }

    /// <summary>The block whose body is being discovered; null outside discovery.</summary>
    public Block? Discovering { get; private set; }

    /// <summary>The run of the test file this runspace is executing.</summary>
    public static FileRun Current =>
        Runspace.DefaultRunspace is { } runspace && Runs.TryGetValue(runspace, out var run)
            ? run
            : throw new PSInvalidOperationException("Pester blocks only work in a test file run by the test runner.");

    public static IReadOnlyList<TestResult> Run(string file, PSHost host)
    {
        var state = InitialSessionState.CreateDefault2();
        PesterCommands.AddTo(state);
        using var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        var run = new FileRun(Path.GetFullPath(file), host);
        Runs.Add(runspace, run);
        using var ps = PowerShell.Create(runspace);
        ps.AddScript("$args[0].Execute($ExecutionContext)", useLocalScope: true).AddArgument(run);
        // Non-terminating errors reach this stream synchronously, while their test is running.
        ps.Streams.Error.DataAdded += (_, e) => run.OnErrorWritten(ps.Streams.Error[e.Index]);
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException e)
        {
            run.Record("(runner)", TestOutcome.Failed, Failure.Of(e));
        }
        return run._results;
    }

    /// <summary>Called from the runspace: discovery, then the run.</summary>
    public void Execute(EngineIntrinsics engine)
    {
        _engine = engine;
        _newScope = engine.InvokeCommand.NewScriptBlock("$args[0].Invoke()");
        // try/catch makes every error that stops a statement stop the whole block, as in Pester.
        _dotSource = engine.InvokeCommand.NewScriptBlock("try { . $args[0] } catch { throw }");
        // A test's -ForEach hashtable is also splatted onto its param() block, as Pester 5 does,
        // so `param($Name, $Script)` binds the data instead of shadowing it with $null.
        _dotSourceWithData = engine.InvokeCommand.NewScriptBlock(
            "try { $__pesterLiteData = $args[1]; . $args[0] @__pesterLiteData } catch { throw }");
        InNewScope(() =>
        {
            if (!Discover(out var strictMode)) return;
            if (strictMode is not null)
                DotSource(engine.InvokeCommand.NewScriptBlock($"Set-StrictMode -Version {strictMode}"));
            RunBlock(Root);
        });
    }

    // Dot-sources the file into a scope of its own, then reads the strict mode it left there.
    private bool Discover(out Version? strictMode)
    {
        Version? mode = null;
        bool ok = true;
        InNewScope(() =>
        {
            Discovering = Root;
            try
            {
                DotSource(_file);
                mode = StrictModeProbe.Read(_engine);
            }
            catch (RuntimeException e)
            {
                Record("(discovery)", TestOutcome.Failed, Failure.Of(e));
                ok = false;
            }
            finally
            {
                Discovering = null;
            }
        });
        strictMode = mode;
        return ok;
    }

    public void AddBlock(string name, ScriptBlock body, object[]? forEach, bool skip)
    {
        var parent = Discovering ?? throw Misplaced("Describe and Context");
        foreach (var data in DataItems(forEach))
        {
            var block = new Block(TestName.Expand(name, data, parent), parent, data, skip);
            parent.Children.Add(block);
            Discovering = block;
            try
            {
                InNewScope(() =>
                {
                    DefineData(data);
                    DotSource(body);
                });
            }
            finally
            {
                Discovering = parent;
            }
        }
    }

    public void AddTest(string name, ScriptBlock? body, object[]? forEach, bool skip)
    {
        var parent = Discovering ?? throw Misplaced("It");
        if (parent == Root) throw new PSInvalidOperationException($"It '{name}' must be inside a Describe or Context block.");
        foreach (var data in DataItems(forEach))
            parent.Children.Add(new TestCase(TestName.Expand(name, data, parent), parent, body, data, skip));
    }

    public void AddSetup(SetupKind kind, ScriptBlock body)
    {
        var block = Discovering ?? throw Misplaced(kind.ToString());
        if (!block.Setups.TryAdd(kind, body))
            throw new PSInvalidOperationException($"{kind} is defined twice in '{block.Name}': a block has at most one.");
    }

    private static PSInvalidOperationException Misplaced(string what) =>
        new($"{what} must be called directly in a test file or a Describe/Context body, not inside It or a setup block.");

    // No -ForEach means one item without data; an empty one is a mistake Pester also reports.
    private static IEnumerable<DataItem?> DataItems(object[]? forEach)
    {
        if (forEach is null) return [null];
        if (forEach.Length == 0) throw new PSArgumentException("-ForEach (or -TestCases) is empty, so no test would run.");
        return forEach.Select(item => new DataItem(item));
    }

    private void RunBlock(Block block)
    {
        InNewScope(() =>
        {
            DefineData(block.Data);
            if (block.Skip)
            {
                foreach (var test in block.AllTests()) Record(test.Path, TestOutcome.Skipped);
                return;
            }
            if (TryRun(block, SetupKind.BeforeAll, out var setupError))
            {
                foreach (var child in block.Children)
                {
                    if (child is Block inner) RunBlock(inner);
                    else RunTest((TestCase)child);
                }
            }
            else
            {
                foreach (var test in block.AllTests()) Record(test.Path, TestOutcome.Failed, setupError, "BeforeAll failed: ");
            }
            if (!TryRun(block, SetupKind.AfterAll, out var teardownError))
                Record(block.Path + " (AfterAll)", TestOutcome.Failed, teardownError);
        });
    }

    private void RunTest(TestCase test)
    {
        if (test.Skip)
        {
            Record(test.Path, TestOutcome.Skipped);
            return;
        }
        InNewScope(() =>
        {
            DefineData(test.Data);
            _inTest = true;
            _writtenErrors.Clear();
            ErrorRecord? failure = null;
            try
            {
                // BeforeEach from the outermost block in; AfterEach from the innermost out.
                var blocks = test.Parent.SelfAndAncestors().ToList();
                foreach (var block in Enumerable.Reverse(blocks))
                    if (!TryRun(block, SetupKind.BeforeEach, out failure)) break;
                if (failure is null)
                {
                    try { DotSourceTest(test); }
                    catch (RuntimeException e) { failure = Failure.Of(e); }
                }
                foreach (var block in blocks)
                    if (!TryRun(block, SetupKind.AfterEach, out var teardownError)) failure ??= teardownError;
            }
            finally
            {
                _inTest = false;
            }
            failure ??= _writtenErrors.FirstOrDefault();
            Record(test.Path, failure is null ? TestOutcome.Passed : TestOutcome.Failed, failure);
        });
    }

    private bool TryRun(Block block, SetupKind kind, out ErrorRecord? error)
    {
        error = null;
        if (!block.Setups.TryGetValue(kind, out var body)) return true;
        try
        {
            DotSource(body);
            return true;
        }
        catch (RuntimeException e)
        {
            error = Failure.Of(e);
            return false;
        }
    }

    private void OnErrorWritten(ErrorRecord error)
    {
        if (_inTest) _writtenErrors.Add(error);
    }

    // Hashtable keys become variables, and $_ is the item, as Pester defines them.
    private void DefineData(DataItem? data)
    {
        if (data is null) return;
        var variables = _engine.SessionState.PSVariable;
        if (PSObject.AsPSObject(data.Item).BaseObject is IDictionary table)
            foreach (DictionaryEntry entry in table) variables.Set(entry.Key.ToString()!, entry.Value);
        variables.Set("_", data.Item);
    }

    private void DotSourceTest(TestCase test)
    {
        if (test.Data is not null && PSObject.AsPSObject(test.Data.Item).BaseObject is IDictionary table)
            _engine.InvokeCommand.InvokeScript(false, _dotSourceWithData, null, test.Body!, table);
        else
            DotSource(test.Body!);
    }

    private void DotSource(object scriptOrPath) =>
        _engine.InvokeCommand.InvokeScript(false, _dotSource, null, scriptOrPath);

    // Runs C# inside a fresh child scope of the current one: what `& { }` does in script.
    private void InNewScope(Action action)
    {
        ExceptionDispatchInfo? error = null;
        Action guarded = () =>
        {
            try { action(); }
            catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
        };
        _engine.InvokeCommand.InvokeScript(true, _newScope, null, guarded);
        error?.Throw();
    }

    private void Record(string name, TestOutcome outcome, ErrorRecord? error = null, string prefix = "") =>
        _results.Add(new TestResult(_file, name, outcome,
            error is null ? null : prefix + Failure.Message(error),
            error is null ? null : Failure.Location(error)));
}
