using System.Management.Automation;

namespace NNTools.PesterLite.Commands;

/// <summary>Describe and Context: record a block and discover its body, once per -ForEach item.</summary>
public abstract class BlockCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    public ScriptBlock Fixture { get; set; } = null!;

    /// <summary>Accepted for Pester compatibility; this runner runs every tag.</summary>
    [Parameter]
    public string[] Tag { get; set; } = [];

    [Parameter]
    public SwitchParameter Skip { get; set; }

    [Parameter]
    [AllowNull]
    public object[]? ForEach { get; set; }

    protected override void EndProcessing() =>
        PesterCall.Run(this, () => FileRun.Current.AddBlock(Name, Fixture, PesterCall.Data(this, ForEach), Skip));
}

[Cmdlet(VerbsLifecycle.Invoke, "PesterDescribe")]
public sealed class DescribeCommand : BlockCommand;

[Cmdlet(VerbsLifecycle.Invoke, "PesterContext")]
public sealed class ContextCommand : BlockCommand;
