using System.Management.Automation;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>Lets a Loss parameter take a loss object or its name ('MSE', 'CrossEntropy', ...).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class LossTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? value = inputData is PSObject p ? p.BaseObject : inputData;
        try
        {
            return value switch
            {
                Loss loss => loss,
                string name => Catalog.CreateLoss(name),
                _ => throw new ArgumentTransformationMetadataException(
                    $"expected a loss object or one of the names {string.Join(", ", Catalog.LossNames)}, got {value?.GetType().Name ?? "null"}"),
            };
        }
        catch (Exception e) when (EngineErrors.Find(e) is { } error)
        {
            throw new ArgumentTransformationMetadataException(error.Message, error);
        }
    }
}
