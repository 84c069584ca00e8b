using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace NNTools.PesterLite.Commands;

/// <summary>
/// Registers the Pester vocabulary: cmdlets (which need nothing beyond the bare engine),
/// named Invoke-Pester* because cmdlet names must be Verb-Noun, and Pester's names as aliases;
/// and Out-String where the engine lacks it.
/// </summary>
internal static class PesterCommands
{
    public static void AddTo(InitialSessionState state)
    {
        (string Name, Type Type)[] commands =
        [
            ("Describe", typeof(DescribeCommand)),
            ("Context", typeof(ContextCommand)),
            ("It", typeof(ItCommand)),
            ("BeforeAll", typeof(BeforeAllCommand)),
            ("BeforeEach", typeof(BeforeEachCommand)),
            ("AfterEach", typeof(AfterEachCommand)),
            ("AfterAll", typeof(AfterAllCommand)),
            ("Should", typeof(ShouldCommand)),
        ];
        foreach (var (name, type) in commands)
        {
            string cmdlet = "Invoke-Pester" + name;
            state.Commands.Add(new SessionStateCmdletEntry(cmdlet, type, null));
            state.Commands.Add(new SessionStateAliasEntry(name, cmdlet, "", ScopedItemOptions.ReadOnly));
        }
        // The bare engine has no Out-String; tests assert rendered views through it, as under pwsh.
        if (state.Commands["Out-String"].Count == 0)
            state.Commands.Add(new SessionStateCmdletEntry("Out-String", typeof(OutStringCommand), null));
    }
}
