namespace NNTools.Tests.Printing;

/// <summary>PrintOptions mirrors torch.set_printoptions, including its profiles and its reset of sci_mode.</summary>
[Collection(PrintOptionsCollection.Name)]
public class PrintOptionsTests
{
    [Fact]
    public void SetAppliesToToStringAndResetRestoresDefaults()
    {
        try
        {
            PrintOptions.Set(precision: 2, sciMode: true);
            Assert.Equal("tensor([1.12e+00, 2.50e+00])", new Tensor(new[] { 1.12345, 2.5 }).Float().ToString());
            PrintOptions.Set(threshold: 5);
            Assert.Null(PrintOptions.SciMode);
            Assert.Equal("tensor([0, 1, 2,  ..., 7, 8, 9])", Tensor.Arange(10).Long().ToString());
        }
        finally
        {
            PrintOptions.Reset();
        }
        Assert.Equal(PrintSettings.Default, PrintOptions.Current);
        Assert.Equal("tensor([1.1235, 2.5000])", new Tensor(new[] { 1.12345, 2.5 }).Float().ToString());
    }

    [Fact]
    public void ProfilesMatchPyTorch()
    {
        try
        {
            PrintOptions.Set(profile: "short");
            Assert.Equal(new PrintSettings(2, 1000, 2, 80, null), PrintOptions.Current);
            PrintOptions.Set(profile: "full", lineWidth: 120);
            Assert.Equal(new PrintSettings(4, double.PositiveInfinity, 3, 120, null), PrintOptions.Current);
            PrintOptions.Set(profile: "default");
            Assert.Equal(PrintSettings.Default, PrintOptions.Current);
        }
        finally
        {
            PrintOptions.Reset();
        }
    }

    [Fact]
    public void InvalidOptionsAreRefusedAndLeaveTheOptionsUnchanged()
    {
        var e = Assert.Throws<TensorArgumentException>(() => PrintOptions.EdgeItems = 0);
        Assert.Equal("InvalidPrintOption", e.ErrorId);
        Assert.Contains("EdgeItems", e.Message);
        Assert.Throws<TensorArgumentException>(() => PrintOptions.Set(precision: -1));
        var p = Assert.Throws<TensorArgumentException>(() => PrintOptions.Set(profile: "tiny"));
        Assert.Equal("UnknownPrintProfile", p.ErrorId);
        Assert.Throws<TensorArgumentException>(() => Tensor.Zeros(2).ToString(PrintSettings.Default with { LineWidth = 0 }));
        Assert.Equal(PrintSettings.Default, PrintOptions.Current);
    }
}
