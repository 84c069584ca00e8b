using System.Collections.ObjectModel;
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
        var kind = LayerCatalog.Kinds.FirstOrDefault(k => string.Equals(k.Name, Type, StringComparison.OrdinalIgnoreCase));
        _arguments = kind is null ? null : Parameters(kind);
        return _arguments;
    }

    /// <summary>The PowerShell parameters for a layer type's arguments: typed, validated, positional after -Type.</summary>
    public static RuntimeDefinedParameterDictionary Parameters(LayerKind kind)
    {
        var parameters = new RuntimeDefinedParameterDictionary();
        int position = 1;
        foreach (var argument in kind.Arguments)
        {
            var use = new ParameterAttribute { Mandatory = argument.Required, HelpMessage = argument.Help };
            if (argument.Positional) use.Position = position++;
            var attributes = new Collection<Attribute> { use };
            foreach (var check in Validation(argument.Kind)) attributes.Add(check);
            parameters.Add(argument.Name, new RuntimeDefinedParameter(argument.Name, TypeOf(argument.Kind), attributes));
        }
        return parameters;
    }

    private static Type TypeOf(LayerArgumentKind kind) => kind switch
    {
        LayerArgumentKind.Count or LayerArgumentKind.Dim => typeof(int),
        LayerArgumentKind.Window or LayerArgumentKind.Padding => typeof(int[]),
        LayerArgumentKind.Probability or LayerArgumentKind.Real => typeof(double),
        LayerArgumentKind.Switch => typeof(SwitchParameter),
        LayerArgumentKind.Generator => typeof(Generator),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static Attribute[] Validation(LayerArgumentKind kind) => kind switch
    {
        LayerArgumentKind.Count => [new ValidateRangeAttribute(1, int.MaxValue)],
        LayerArgumentKind.Window => [new ValidateCountAttribute(1, 2), new ValidateRangeAttribute(1, int.MaxValue)],
        LayerArgumentKind.Padding => [new ValidateCountAttribute(1, 2), new ValidateRangeAttribute(0, int.MaxValue)],
        LayerArgumentKind.Probability => [new ValidateRangeAttribute(0.0, 1.0)],
        LayerArgumentKind.Generator => [new ValidateNotNullAttribute()],
        _ => [],
    };

    protected override void ProcessRecord()
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in _arguments?.Values ?? Enumerable.Empty<RuntimeDefinedParameter>())
        {
            if (parameter.IsSet) values[parameter.Name] = parameter.Value is SwitchParameter flag ? flag.IsPresent : parameter.Value;
        }
        TryOrStop(() => WriteObject(LayerCatalog.Create(Type, values)));
    }
}
