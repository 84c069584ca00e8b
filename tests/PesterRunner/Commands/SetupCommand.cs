using System.Management.Automation;

namespace NNTools.PesterLite.Commands;

/// <summary>BeforeAll, BeforeEach, AfterEach, AfterAll: attach a script block to the block being discovered.</summary>
public abstract class SetupCommand(SetupKind kind) : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public ScriptBlock Scriptblock { get; set; } = null!;

    protected override void EndProcessing() =>
        PesterCall.Run(this, () => FileRun.Current.AddSetup(kind, Scriptblock));
}

[Cmdlet(VerbsLifecycle.Invoke, "PesterBeforeAll")]
public sealed class BeforeAllCommand() : SetupCommand(SetupKind.BeforeAll);

[Cmdlet(VerbsLifecycle.Invoke, "PesterBeforeEach")]
public sealed class BeforeEachCommand() : SetupCommand(SetupKind.BeforeEach);

[Cmdlet(VerbsLifecycle.Invoke, "PesterAfterEach")]
public sealed class AfterEachCommand() : SetupCommand(SetupKind.AfterEach);

[Cmdlet(VerbsLifecycle.Invoke, "PesterAfterAll")]
public sealed class AfterAllCommand() : SetupCommand(SetupKind.AfterAll);
