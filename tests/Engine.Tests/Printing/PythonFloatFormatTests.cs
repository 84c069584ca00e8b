using System.Globalization;
using System.Text.Json;
using NNTools.Tests.Support;

namespace NNTools.Tests.Printing;

/// <summary>PythonFloatFormat against Python's format(v, spec) (Fixtures/printing/make_printing.py, "numbers").</summary>
public class PythonFloatFormatTests
{
    [Fact]
    public void MatchesPythonForEverySpec()
    {
        using var doc = FixtureTensor.Load("printing", "printing.json");
        int checkedCount = 0;
        foreach (var n in doc.RootElement.GetProperty("numbers").EnumerateArray())
        {
            var raw = n.GetProperty("value");
            double v = raw.ValueKind == JsonValueKind.String
                ? raw.GetString() switch { "nan" => double.NaN, "inf" => double.PositiveInfinity, _ => double.NegativeInfinity }
                : raw.GetDouble();
            foreach (var spec in n.GetProperty("formats").EnumerateObject())
            {
                int precision = int.Parse(spec.Name[1..^1], CultureInfo.InvariantCulture);
                var actual = spec.Name[^1] == 'e' ? PythonFloatFormat.Scientific(v, precision) : PythonFloatFormat.Fixed(v, precision);
                Assert.True(spec.Value.GetString() == actual, $"format({v:R}, '{spec.Name}'): expected {spec.Value.GetString()}, got {actual}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 500);
    }

    [Theory]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(-0.0, 4, "-0.0000")]
    [InlineData(-0.00001, 4, "-0.0000")]
    [InlineData(2.5, 0, "2")]
    public void FixedRoundsTheExactValueHalfToEven(double value, int precision, string expected) =>
        Assert.Equal(expected, PythonFloatFormat.Fixed(value, precision));

    [Theory]
    [InlineData(123456.0, 4, "1.2346e+05")]
    [InlineData(9.99995e-5, 4, "9.9999e-05")]
    [InlineData(9.99996e5, 4, "1.0000e+06")]
    [InlineData(1e-300, 2, "1.00e-300")]
    [InlineData(5e-324, 4, "4.9407e-324")]
    public void ScientificHasAtLeastTwoExponentDigits(double value, int precision, string expected) =>
        Assert.Equal(expected, PythonFloatFormat.Scientific(value, precision));
}
