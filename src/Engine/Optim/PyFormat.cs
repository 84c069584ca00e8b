using System.Globalization;

namespace NNTools.Optim;

/// <summary>
/// Formats hyper-parameter values the way Python prints them, so that an optimizer prints and
/// reports errors with the same text as PyTorch ("lr: 0.001", "eps: 1e-08", "betas: (0.9, 0.999)").
/// </summary>
internal static class PyFormat
{
    /// <summary>
    /// Python's repr of a float, except that an integral value prints without ".0": the engine keeps
    /// every hyper-parameter as a double, and PyTorch's integral defaults (momentum=0) print as "0".
    /// </summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == Math.Floor(value) && Math.Abs(value) < 1e16) return value.ToString("F0", CultureInfo.InvariantCulture);
        // .NET's shortest round-trip form differs from Python's only in the exponent's spelling ("1E-08" vs "1e-08").
        return value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
    }

    /// <summary>A hyper-parameter value as Python prints it: numbers, True/False, tuples, None.</summary>
    public static string Value(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        double d => Number(d),
        double[] pair => "(" + string.Join(", ", pair.Select(Number)) + ")",
        string s => s,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };
}
