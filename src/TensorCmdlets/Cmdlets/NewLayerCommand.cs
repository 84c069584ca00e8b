using System.Management.Automation;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// New-Layer: one built-in layer by type name. Each type's arguments (LayerCatalog) become dynamic
/// parameters once -Type is known, so `New-Layer Linear -&lt;Tab&gt;` offers only Linear's, Get-Command
/// shows them, and PowerShell itself refuses the others and asks for the required ones.
/// </summary>
[Cmdlet(VerbsCommon.New, "Layer")]
[OutputType(typeof(Module))]
public sealed class NewLayerCommand : NNToolsCmdlet, IDynamicParameters
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet(typeof(LayerTypeNames))]
    public string Type { get; set; } = "";

    private RuntimeDefinedParameterDictionary? _arguments;

    public object? GetDynamicParameters()
    {
        var kind = LayerCatalog.TryFind(Type);
        _arguments = kind is null ? null : DynamicArguments.Parameters(kind.Arguments, firstPosition: 1);
        return _arguments;
    }

    protected override void ProcessRecord()
    {
        TryOrStop(() => WriteObject(LayerCatalog.Create(Type, DynamicArguments.Values(_arguments))));
    }
}
