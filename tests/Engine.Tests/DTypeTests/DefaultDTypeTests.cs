using NNTools.Tests.Support;

namespace NNTools.Tests.DTypeTests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultDTypeCollection
{
    /// <summary>Tests that change the process's default dtype, which every other test reads: run alone.</summary>
    public const string Name = "Default dtype";
}

/// <summary>
/// torch.set_default_dtype: Fixtures/dtypes/default_dtype.json (make_dtypes.py) records what each
/// factory and expression gives under float64.
/// </summary>
[Collection(DefaultDTypeCollection.Name)]
public class DefaultDTypeTests
{
    private static readonly Dictionary<string, Func<Tensor>> Expressions = new()
    {
        ["tensor_of_floats"] = () => new Tensor(new object[] { 1.5, 2L }),
        ["tensor_of_ints"] = () => new Tensor(new object[] { 1L, 2L }),
        ["zeros"] = () => Tensor.Zeros(2), ["ones"] = () => Tensor.Ones(2), ["full_float"] = () => Tensor.Full([2], 1.5),
        ["rand"] = () => Tensor.Rand(2), ["randn"] = () => Tensor.Randn(2), ["arange_float"] = () => Tensor.Arange(0.5, 2.0),
        ["arange_int"] = () => Tensor.Arange(0, 2), ["linspace"] = () => Tensor.Linspace(0, 1, 3), ["eye"] = () => Tensor.Eye(2),
        ["int_times_float"] = () => new Tensor(new object[] { 1L, 2L }) * 2.5,
        ["uint8_times_float"] = () => new Tensor(new byte[] { 1, 2 }) * 2.5,
        ["int_div_int"] = () => new Tensor(new object[] { 1L, 2L }) / 2L,
        ["int_exp"] = () => new Tensor(new object[] { 1L, 2L }).Exp(),
        ["float32_times_float"] = () => new Tensor(new[] { 1.5f }) * 2.5,
        ["uint8_plus_int"] = () => new Tensor(new byte[] { 1, 2 }) + 1L,
    };

    public static TheoryData<string> Names => new(Expressions.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Float64DefaultMatchesPyTorch(string name)
    {
        using var doc = FixtureTensor.Load("dtypes", "default_dtype.json");
        var c = doc.RootElement.GetProperty(name);
        Tensor result;
        Tensor.SetDefaultDType(DType.Float64);
        try
        {
            Assert.Equal(DType.Float64, Tensor.GetDefaultDType());
            result = Expressions[name]();
        }
        finally
        {
            Tensor.SetDefaultDType(DType.Float32);
        }
        Assert.Equal(DTypes.Parse(c.GetProperty("dtype").GetString()!), result.DType);
        if (c.GetProperty("out").ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            FixtureTensor.AssertClose(FixtureTensor.Read(c.GetProperty("out")), result, 0, 0, name);
        }
    }

    [Fact]
    public void OnlyFloatingDTypesCanBeTheDefault()
    {
        foreach (var dtype in new[] { DType.Int32, DType.Int64, DType.UInt8, DType.Bool })
        {
            var e = Assert.Throws<DTypeMismatchException>(() => Tensor.SetDefaultDType(dtype));
            Assert.Equal("DefaultDTypeNotFloating", e.ErrorId);
            Assert.Contains(dtype.TorchName(), e.Message);
        }
        Assert.Equal(DType.Float32, Tensor.GetDefaultDType());
    }

    [Fact]
    public void PrintingNamesTheDTypeThatIsNotTheDefault()
    {
        Tensor.SetDefaultDType(DType.Float64);
        try
        {
            Assert.Equal("tensor([1.5000])", new Tensor(new[] { 1.5 }).ToString());
            Assert.Equal("tensor([1.5000], dtype=torch.float32)", new Tensor(new[] { 1.5f }).ToString());
            Assert.Equal("tensor([], dtype=torch.float32)", Tensor.Zeros([0], DType.Float32).ToString());
        }
        finally
        {
            Tensor.SetDefaultDType(DType.Float32);
        }
        Assert.Equal("tensor([1.5000], dtype=torch.float64)", new Tensor(new[] { 1.5 }).ToString());
    }

    [Fact]
    public void AHostScopesTheDefaultPerContext()
    {
        // As the module gives each runspace its own settings: here each thread has its own.
        var local = new ThreadLocal<TensorDefaults>(Tensor.NewDefaults);
        var previous = HostIntegration.DefaultSettings;
        HostIntegration.DefaultSettings = () => local.Value;
        try
        {
            Tensor.SetDefaultDType(DType.Float64);
            DType other = DType.Bool;
            var thread = new Thread(() => other = Tensor.Zeros(1).DType);
            thread.Start();
            thread.Join();
            Assert.Equal(DType.Float32, other);
            Assert.Equal(DType.Float64, Tensor.Zeros(1).DType);
            Assert.Equal(DType.Float64, Tensor.GetDefaults().DType);
        }
        finally
        {
            Tensor.SetDefaultDType(DType.Float32);
            HostIntegration.DefaultSettings = previous;
        }
    }
}
