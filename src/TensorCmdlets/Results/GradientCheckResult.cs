using NNTools.Autograd;

namespace NNTools.Commands;

/// <summary>How far autograd's gradient of one input or parameter is from finite differences.</summary>
public sealed class GradientCheckResult(string name, GradCheckResult result)
{
    /// <summary>The parameter's name in the model (e.g. "0.weight"), or args[i] for a script block's input.</summary>
    public string Name { get; } = name;

    public int[] Shape { get; } = result.Shape;

    /// <summary>The largest |autograd - numeric| over the elements.</summary>
    public double MaxAbsError { get; } = result.MaxAbsError;

    /// <summary>The largest |autograd - numeric| / |numeric| over the elements.</summary>
    public double MaxRelError { get; } = result.MaxRelError;

    /// <summary>True when every element is within AbsoluteTolerance + RelativeTolerance * |numeric|.</summary>
    public bool Passed { get; } = result.Passed;

    public override string ToString() => $"{Name}: {(Passed ? "passed" : "FAILED")} (max abs error {MaxAbsError:G3})";
}
