namespace NNTools;

/// <summary>
/// The settings torch keeps per process and a host may keep per session (PowerShell: per runspace):
/// today the default floating dtype. <see cref="HostIntegration.DefaultSettings"/> picks the
/// calling context's.
/// </summary>
public sealed class TensorDefaults
{
    /// <summary>The dtype of Python floats and of float factories given no dtype (torch.get_default_dtype()).</summary>
    public DType DType { get; internal set; } = DType.Float32;
}

internal static class DefaultDTypeScope
{
    private static readonly TensorDefaults s_process = new();

    // Until someone changes a default, every context's is float32 and reading it asks no host:
    // promotion reads it on every operation with a Python float.
    private static volatile bool s_changed;

    public static DType Current => s_changed ? Settings.DType : DType.Float32;

    public static TensorDefaults Settings => HostIntegration.DefaultSettings?.Invoke() ?? s_process;

    public static void Set(DType dtype)
    {
        if (!dtype.IsFloating())
        {
            throw Raise(new DTypeMismatchException("DefaultDTypeNotFloating",
                $"only floating-point types are supported as the default type, got {dtype.TorchName()}"));
        }
        var settings = Settings;
        s_changed = true;
        settings.DType = dtype;
    }
}

public sealed partial class Tensor
{
    /// <summary>
    /// torch.set_default_dtype: the dtype (float32 or float64) that float factories, tensors from
    /// floating data and Python floats in promotion take, for the calling context (a PowerShell
    /// runspace, or the process for other hosts).
    /// </summary>
    public static void SetDefaultDType(DType dtype) => DefaultDTypeScope.Set(dtype);

    /// <summary>torch.get_default_dtype.</summary>
    public static DType GetDefaultDType() => DTypes.DefaultFloat;

    /// <summary>A copy of the calling context's settings (the default dtype), for display.</summary>
    public static TensorDefaults GetDefaults() => new() { DType = DTypes.DefaultFloat };

    /// <summary>The settings object a host keeps for one of its contexts (a runspace): float32 until changed.</summary>
    public static TensorDefaults NewDefaults() => new();
}
