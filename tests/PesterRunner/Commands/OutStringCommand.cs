using System.Management.Automation;
using NNTools.Hosting;

namespace NNTools.PesterLite.Commands;

/// <summary>
/// Out-String for the bare engine, which lacks it (it lives in Microsoft.PowerShell.Utility).
/// It renders what it collects exactly as the console would, by sending it through Out-Default
/// while the runner's host captures the text (VT codes stripped, at the host's width or
/// -Width), so `$x | Out-String | Should -Match ...` asserts what a user sees under pwsh.
/// </summary>
[Cmdlet(VerbsData.Out, "String")]
[OutputType(typeof(string))]
public sealed class OutStringCommand : PSCmdlet
{
    private readonly List<PSObject> _items = [];

    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter]
    [ValidateRange(2, int.MaxValue)]
    public int Width { get; set; }

    [Parameter]
    public SwitchParameter Stream { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null) _items.Add(InputObject);
    }

    protected override void EndProcessing()
    {
        if (FileRun.Current.Host is not ScriptHost host)
            throw new PSInvalidOperationException("Out-String needs the test runner's host to capture text.");
        var text = new StringWriter();
        using (host.Console.Capture(text, MyInvocation.BoundParameters.ContainsKey(nameof(Width)) ? Width : null))
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddCommand("Out-Default").Invoke(_items);
        }
        string rendered = text.ToString();
        if (!Stream)
        {
            WriteObject(rendered);
            return;
        }
        // -Stream writes one string per line, without the final line break.
        var lines = rendered.Split('\n');
        foreach (string line in rendered.EndsWith('\n') ? lines[..^1] : lines) WriteObject(line);
    }
}
