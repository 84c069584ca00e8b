using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NNTools.Commands;

/// <summary>Tab completion from a fixed list of names, matched case-insensitively by prefix.</summary>
public abstract class NameCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Names { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? "").Trim('\'', '"');
        foreach (var name in Names)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
            }
        }
    }
}

/// <summary>Activation names (New-Mlp -Activation, -OutputActivation).</summary>
public sealed class ActivationCompleter : NameCompleter
{
    protected override IEnumerable<string> Names => NN.Layers.ActivationNames;
}

/// <summary>Loss names (Start-Training -Loss, Test-Model -Loss).</summary>
public sealed class LossNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names => Catalog.LossNames;
}

/// <summary>Data set names (Get-Dataset -Name).</summary>
public sealed class DatasetNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names => Data.Datasets.Names;
}
