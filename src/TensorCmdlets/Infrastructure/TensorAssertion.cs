using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace NNTools.Commands;

/// <summary>
/// Pester's <c>Should -BeTensor</c>: shape and dtype equal, values within AllClose's tolerances
/// (|actual - expected| &lt;= atol + rtol·|expected|, NaN equal to NaN). Registered with
/// Add-ShouldOperator when the module is imported into a runspace where Pester 5 or later is loaded.
/// </summary>
public static class TensorAssertion
{
    // The operator's test: Pester passes the value, -Negate, -Because and the caller's session state,
    // and makes -RelativeTolerance and -AbsoluteTolerance parameters of Should.
    private const string Registration = """
        if (Get-Command Add-ShouldOperator -ErrorAction Ignore) {
            Add-ShouldOperator -Name BeTensor -Test {
                param($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because, $CallerSessionState,
                    [double] $RelativeTolerance = 1e-5, [double] $AbsoluteTolerance = 1e-8)
                [NNTools.Commands.TensorAssertion]::Test($ActualValue, $ExpectedValue, $Negate.IsPresent, $RelativeTolerance, $AbsoluteTolerance, $Because)
            }
        }
        """;

    /// <summary>Adds the operator to Pester if the calling runspace has Pester 5 or later loaded.</summary>
    internal static void RegisterWithPester()
    {
        if (Runspace.DefaultRunspace is null) return;
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddScript(Registration).Invoke();
    }

    /// <summary>The result Pester expects of an operator: Succeeded, and the message when it did not.</summary>
    public static PSObject Test(object? actual, object? expected, bool negate, double rtol, double atol, string? because)
    {
        var tensor = Unwrap(actual) as Tensor;
        var wanted = Unwrap(expected) as Tensor ?? new Tensor(Unwrap(expected) ?? throw new ArgumentException("Should -BeTensor needs an expected tensor or numbers"),
            tensor?.DType ?? DType.Float32);
        string? difference = tensor is null ? $"got {(Unwrap(actual) is { } other ? other.GetType().Name : "$null")}, not a tensor" : Difference(tensor, wanted, rtol, atol);
        bool succeeded = negate ? difference is not null : difference is null;
        string reason = string.IsNullOrEmpty(because) ? "" : $" because {because.TrimEnd('.')},";
        string text = System.Text.RegularExpressions.Regex.Replace(wanted.ToString(), @"\s*\n\s*", " ");
        string message = succeeded ? "" : negate
            ? $"Expected a tensor different from {text},{reason} but it was equal within rtol {rtol}, atol {atol}."
            : $"Expected {text},{reason} but {difference}.";
        var result = new PSObject();
        result.Properties.Add(new PSNoteProperty("Succeeded", succeeded));
        result.Properties.Add(new PSNoteProperty("FailureMessage", message));
        return result;
    }

    /// <summary>Why <paramref name="a"/> is not <paramref name="e"/>, or null when it is.</summary>
    private static string? Difference(Tensor a, Tensor e, double rtol, double atol)
    {
        if (!a.Shape.SequenceEqual(e.Shape)) return $"its shape was {Format(a.Shape)}, not {Format(e.Shape)}";
        if (a.DType != e.DType) return $"its dtype was {a.DType.TorchName()}, not {e.DType.TorchName()}";
        if (a.Numel() == 0) return null;
        // The engine's IsClose decides, so the operator and AllClose agree on every value.
        var x = a.Double();
        var y = e.Double();
        int i = Array.IndexOf((bool[])x.IsClose(y, rtol, atol, equalNan: true).Reshape(-1).ToArray(), false);
        if (i < 0) return null;
        double xi = x.Reshape(-1).ToDoubleArray()[i], yi = y.Reshape(-1).ToDoubleArray()[i];
        return $"at index {Format(Unravel(i, a.Shape))} it was {Number(xi)}, not {Number(yi)} " +
            $"(|difference| {Number(Math.Abs(xi - yi))} > atol {atol} + rtol {rtol} * |expected|)";
    }

    private static object? Unwrap(object? value) => value is PSObject p ? p.BaseObject : value;

    private static string Format(int[] shape) => "[" + string.Join(", ", shape) + "]";

    private static string Number(double v) => v.ToString("G9", CultureInfo.InvariantCulture);

    private static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
