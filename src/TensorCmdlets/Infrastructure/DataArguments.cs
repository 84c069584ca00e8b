using System.Management.Automation;
using NNTools.Data;

namespace NNTools.Commands;

/// <summary>
/// Data parameters that take either a loader or a data set: a data set is batched with the
/// cmdlet's -BatchSize and -Shuffle, a loader is used as it is.
/// </summary>
internal static class DataArguments
{
    public static DataLoader? ToLoader(object? value, int batchSize, bool shuffle) =>
        (value is PSObject p ? p.BaseObject : value) switch
        {
            DataLoader loader => loader,
            Dataset dataset => new DataLoader(dataset, batchSize, shuffle),
            _ => null,
        };

    public static ErrorRecord NotData(string parameter, object? value) => new(
        new ArgumentException($"-{parameter} takes a DataLoader (New-DataLoader) or a data set (New-Dataset, Get-Dataset), got {(value is PSObject p ? p.BaseObject : value)?.GetType().FullName ?? "null"}"),
        "InvalidDataArgument", ErrorCategory.InvalidArgument, value);
}
