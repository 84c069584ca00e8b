using System.Collections.ObjectModel;
using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// A catalogue entry's arguments (NNTools.Argument) as PowerShell dynamic parameters: typed and
/// validated from their kind, so completion, Get-Command and the binder know exactly what each
/// layer or optimizer type takes.
/// </summary>
public static class DynamicArguments
{
    /// <param name="arguments">The entry's arguments.</param>
    /// <param name="firstPosition">The position of the first positional argument; null to take every argument by name.</param>
    public static RuntimeDefinedParameterDictionary Parameters(IReadOnlyList<Argument> arguments, int? firstPosition)
    {
        var parameters = new RuntimeDefinedParameterDictionary();
        int? position = firstPosition;
        foreach (var argument in arguments)
        {
            var use = new ParameterAttribute { Mandatory = argument.Required, HelpMessage = argument.Help };
            if (argument.Positional && position is int p)
            {
                use.Position = p;
                position = p + 1;
            }
            var attributes = new Collection<Attribute> { use };
            foreach (var check in Validation(argument.Kind)) attributes.Add(check);
            if (argument.Choices is { } choices) attributes.Add(new ValidateSetAttribute([.. choices]) { IgnoreCase = true });
            parameters.Add(argument.Name, new RuntimeDefinedParameter(argument.Name, TypeOf(argument.Kind), attributes));
        }
        return parameters;
    }

    /// <summary>The values the user gave, by name; switches as bools.</summary>
    public static Dictionary<string, object?> Values(RuntimeDefinedParameterDictionary? parameters)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters?.Values ?? Enumerable.Empty<RuntimeDefinedParameter>())
        {
            if (parameter.IsSet)
            {
                values[parameter.Name] = parameter.Value switch
                {
                    SwitchParameter flag => flag.IsPresent,
                    ScriptBlock function => EpochFunction(function, parameter.Name),
                    var value => value,
                };
            }
        }
        return values;
    }

    // A scriptblock as a function of the epoch: $args[0] (or its first param) is the epoch, its one
    // output a number. It runs in the caller's runspace, on the thread that steps the schedule.
    private static Func<int, double> EpochFunction(ScriptBlock function, string name) => epoch =>
    {
        var output = function.Invoke(epoch);
        if (output.Count != 1 || !LanguagePrimitives.TryConvertTo<double>(output[0], System.Globalization.CultureInfo.InvariantCulture, out double value))
        {
            throw new TensorArgumentException("LambdaResult",
                $"the -{name} scriptblock must return one number for epoch {epoch}; it returned {output.Count} object(s)" +
                (output.Count == 1 ? $" of type {output[0]?.BaseObject.GetType().Name ?? "null"}" : ""));
        }
        return value;
    };

    private static Type TypeOf(ArgumentKind kind) => kind switch
    {
        ArgumentKind.Epochs or ArgumentKind.Shape => typeof(int[]),
        ArgumentKind.EpochFunction => typeof(ScriptBlock),
        ArgumentKind.Count or ArgumentKind.CountOrZero or ArgumentKind.Dim => typeof(int),
        ArgumentKind.Integer => typeof(long),
        ArgumentKind.Choice => typeof(string),
        ArgumentKind.Tensor => typeof(Tensor),
        ArgumentKind.Window or ArgumentKind.Padding => typeof(int[]),
        ArgumentKind.UnitInterval or ArgumentKind.NonNegative or ArgumentKind.Real => typeof(double),
        ArgumentKind.Betas => typeof(double[]),
        ArgumentKind.Switch => typeof(SwitchParameter),
        ArgumentKind.Generator => typeof(Generator),
        ArgumentKind.Schedulers => typeof(NNTools.Optim.Schedulers.ILRScheduler[]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static Attribute[] Validation(ArgumentKind kind) => kind switch
    {
        ArgumentKind.Count => [new ValidateRangeAttribute(1, int.MaxValue)],
        ArgumentKind.CountOrZero => [new ValidateRangeAttribute(0, int.MaxValue)],
        ArgumentKind.Tensor or ArgumentKind.EpochFunction => [new ValidateNotNullAttribute()],
        ArgumentKind.Epochs => [new ValidateRangeAttribute(0, int.MaxValue)],
        ArgumentKind.Shape => [new ValidateCountAttribute(1, 8), new ValidateRangeAttribute(1, int.MaxValue)],
        ArgumentKind.Window => [new ValidateCountAttribute(1, 2), new ValidateRangeAttribute(1, int.MaxValue)],
        ArgumentKind.Padding => [new ValidateCountAttribute(1, 2), new ValidateRangeAttribute(0, int.MaxValue)],
        ArgumentKind.UnitInterval => [new ValidateRangeAttribute(0.0, 1.0)],
        ArgumentKind.NonNegative => [new ValidateRangeAttribute(0.0, double.MaxValue)],
        ArgumentKind.Betas => [new ValidateCountAttribute(2, 2), new ValidateRangeAttribute(0.0, 1.0)],
        ArgumentKind.Generator => [new ValidateNotNullAttribute()],
        ArgumentKind.Schedulers => [new ValidateNotNullOrEmptyAttribute()],
        _ => [],
    };
}
