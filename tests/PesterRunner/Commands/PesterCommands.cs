using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace NNTools.PesterLite.Commands;

/// <summary>
/// Registers the Pester vocabulary: cmdlets (which need nothing beyond the bare engine),
/// named Invoke-Pester* because cmdlet names must be Verb-Noun, and Pester's names as aliases.
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
    }
}
