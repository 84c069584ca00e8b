using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// Lets -DType take PyTorch's names as well as the enum's: float32, float, double, float64,
/// long, int64, int, int32, byte, uint8, bool, each with or without "torch.". An unknown name fails parameter binding
/// with the engine's message, which lists the valid names (the role ValidateSet plays elsewhere).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DTypeTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is not string name) return value;
        try
        {
            return DTypes.Parse(name);
        }
        catch (Exception e) when (EngineErrors.Find(e) is TensorArgumentException error)
        {
            throw new ArgumentTransformationMetadataException(error.Message, error);
        }
    }
}
