using NNTools.Optim;
using NNTools.Optim.Schedulers;

namespace NNTools.Tests.Errors;

/// <summary>Tests that install the process-wide error translator run alone: every other test expects the engine's own exceptions.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ErrorTranslatorCollection
{
    public const string Name = "ErrorTranslator";
}

/// <summary>The host's error translator (how the PowerShell module gives scripts an ErrorRecord) and its opt-out scope.</summary>
[Collection(ErrorTranslatorCollection.Name)]
public sealed class ErrorTranslatorTests
{
    private sealed class HostError(TensorException error, ErrorSite site) : Exception(error.Message, error)
    {
        public ErrorSite Site { get; } = site;
    }

    private static Exception Catch(Action action) => Assert.ThrowsAny<Exception>(action);

    private static void MatMulMismatch() => Tensor.Zeros(5, 3).MatMul(Tensor.Zeros(4, 2));

    private static HostError CatchTranslated(Action action)
    {
        HostIntegration.ErrorTranslator = (error, site) => new HostError(error, site);
        try
        {
            return Assert.IsType<HostError>(Catch(action));
        }
        finally
        {
            HostIntegration.ErrorTranslator = null;
        }
    }

    [Fact]
    public void WithoutATranslatorErrorsAreTheEnginesOwn()
    {
        var error = Assert.IsType<ShapeMismatchException>(Catch(MatMulMismatch));
        Assert.Equal("MatMulShape", error.ErrorId);
        Assert.Equal("mat1 and mat2 shapes cannot be multiplied (5x3 and 4x2)", error.Message);
    }

    [Fact]
    public void ATranslatorWrapsEveryErrorAndKeepsTheEnginesInside()
    {
        var e = CatchTranslated(MatMulMismatch);
        Assert.Equal("MatMulShape", Assert.IsType<ShapeMismatchException>(e.InnerException).ErrorId);
        Assert.Equal(ErrorSite.Member, e.Site);
    }

    [Fact]
    public void PublicSettersReportTheirErrorsAsTheSettersOwn()
    {
        var ints = Tensor.Arange(3);
        Assert.Equal(ErrorSite.PropertySetter, CatchTranslated(() => ints.RequiresGrad = true).Site);
        Assert.Equal(ErrorSite.PropertySetter, CatchTranslated(() => Tensor.Zeros(2).Grad = Tensor.Zeros(3)).Site);
        Assert.Equal(ErrorSite.PropertySetter, CatchTranslated(() => PrintOptions.Precision = -1).Site);
        var sgd = new SGD([Tensor.Zeros(2).RequiresGrad_()], lr: 0.1);
        Assert.Equal(ErrorSite.PropertySetter, CatchTranslated(() => sgd.ParamGroups[0].Lr = -1).Site);
    }

    [Fact]
    public void MethodsThatSetTheSameStateReportTheirErrorsAsMembers()
    {
        var ints = Tensor.Arange(3);
        Assert.Equal(ErrorSite.Member, CatchTranslated(() => ints.RequiresGrad_()).Site);
        Assert.Equal(ErrorSite.Member, CatchTranslated(() => Tensor.From(new[] { 1, 2 }, requiresGrad: true)).Site);
        var sgd = new SGD([Tensor.Zeros(2).RequiresGrad_()], lr: 0.1);
        var schedule = new ExponentialLR(sgd, gamma: -1);
        Assert.Equal(ErrorSite.Member, CatchTranslated(schedule.Step).Site);
    }

    [Fact]
    public void UntranslatedScopeRaisesTheEnginesTypesUntilDisposed()
    {
        HostIntegration.ErrorTranslator = (error, site) => new HostError(error, site);
        try
        {
            using (HostIntegration.UntranslatedErrors())
            {
                using (HostIntegration.UntranslatedErrors()) Assert.IsType<ShapeMismatchException>(Catch(MatMulMismatch));
                Assert.IsType<ShapeMismatchException>(Catch(MatMulMismatch));
            }
            Assert.IsType<HostError>(Catch(MatMulMismatch));
        }
        finally
        {
            HostIntegration.ErrorTranslator = null;
        }
    }
}
