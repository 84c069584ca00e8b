using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NNTools.Commands;

/// <summary>Tab completion for -DType: the six dtypes by their PyTorch names.</summary>
public sealed class DTypeCompleter : IArgumentCompleter
{
    private static readonly (string Name, string Description)[] Names =
    [
        ("float32", "32-bit float, the default for floating data"),
        ("float64", "64-bit float (double), advised for gradient checks"),
        ("int64", "64-bit integer (long), the default for integer data"),
        ("int32", "32-bit integer (int), wrapping on overflow"),
        ("uint8", "8-bit unsigned integer (byte), 0..255 wrapping, as images hold pixels"),
        ("bool", "true/false"),
    ];

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = wordToComplete.Trim('\'', '"');
        foreach (var (name, description) in Names)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, description);
        }
    }
}
