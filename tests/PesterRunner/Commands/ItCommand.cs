using System.Management.Automation;

namespace NNTools.PesterLite.Commands;

/// <summary>It: records a test (one per -ForEach/-TestCases item); its body runs in the run phase.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "PesterIt")]
public sealed class ItCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public string Name { get; set; } = "";

    /// <summary>A test without a body is reported as skipped, as Pester reports it not run.</summary>
    [Parameter(Position = 1)]
    public ScriptBlock? Test { get; set; }

    [Parameter]
    [Alias("TestCases")]
    [AllowNull]
    public object[]? ForEach { get; set; }

    /// <summary>Accepted for Pester compatibility; this runner runs every tag.</summary>
    [Parameter]
    public string[] Tag { get; set; } = [];

    [Parameter]
    public SwitchParameter Skip { get; set; }

    [Parameter]
    public SwitchParameter Pending { get; set; }

    protected override void EndProcessing() =>
        PesterCall.Run(this, () => FileRun.Current.AddTest(Name, Test, PesterCall.Data(this, ForEach), Skip || Pending));
}
