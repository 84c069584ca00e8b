using NNTools.NN;
using NNTools.Tests.Support;

namespace NNTools.Tests.NN;

/// <summary>
/// A subclass that holds its layers in public properties, as a PowerShell class does: its
/// parameters must be found without any registration call.
/// </summary>
public class ToyModel : Module
{
    public Linear fc1 { get; set; } = new(3, 4);
    public ReLU act { get; set; } = new();
    public Linear fc2 { get; set; } = new(4, 2);
    public Sigmoid @out { get; set; } = new();

    public override Tensor Forward(Tensor input) => @out.Forward(fc2.Forward(act.Forward(fc1.Forward(input))));
}

public class ExampleNetwork : Module
{
    public Sequential main { get; } = new(new Flatten(), new Linear(28 * 28, 128), new ReLU(), new Linear(128, 64), new ReLU(), new Linear(64, 10));

    public override Tensor Forward(Tensor input) => main.Forward(input);
}

/// <summary>Parameter discovery, names, printouts, modes and state dicts, against PyTorch (Fixtures/nn/modules.json).</summary>
[Collection(NNTools.Tests.Random.DefaultGeneratorCollection.Name)]
public class ModuleTests
{
    [Fact]
    public void PrintsLikePyTorch()
    {
        using var doc = FixtureTensor.Load("nn", "modules.json");
        Assert.Equal(doc.RootElement.GetProperty("print_example").GetString(), new ExampleNetwork().ToString());
        Assert.Equal(doc.RootElement.GetProperty("print_toy").GetString(), new ToyModel().ToString());
        var misc = new Sequential(new Linear(2, 3, bias: false), new LeakyReLU(0.2), new Dropout(0.25), new Tanh(),
            new Softmax(1), new LogSoftmax(-1), new Identity(), new Flatten());
        Assert.Equal(doc.RootElement.GetProperty("print_misc").GetString(), misc.ToString());
    }

    [Fact]
    public void FindsParametersOfSubclassMembersWithDottedNames()
    {
        var m = new ToyModel();
        Assert.Equal(new[] { "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias" }, m.NamedParameters().Select(p => p.Name));
        Assert.Equal(4, m.Parameters().Count());
        var seq = new Sequential(new Linear(2, 5), new ReLU(), new Linear(5, 1));
        using var doc = FixtureTensor.Load("nn", "modules.json");
        Assert.Equal(doc.RootElement.GetProperty("seq_keys").EnumerateArray().Select(e => e.GetString()), seq.StateDict().Keys);
    }

    [Fact]
    public void SeededInitialisationMatchesPyTorch()
    {
        using var doc = FixtureTensor.Load("nn", "modules.json");
        foreach (var init in doc.RootElement.GetProperty("toy_inits").EnumerateArray())
        {
            Generator.Default.ManualSeed(init.GetProperty("seed").GetInt64());
            var m = new ToyModel();
            var x = Tensor.Randn(5, 3);
            foreach (var kv in init.GetProperty("state").EnumerateObject())
            {
                FixtureTensor.AssertClose(FixtureTensor.Read(kv.Value), m.StateDict()[kv.Name], 0, 0, kv.Name);
            }
            FixtureTensor.AssertClose(FixtureTensor.Read(init.GetProperty("x")), x, 0, 0, "x");
            FixtureTensor.AssertClose(FixtureTensor.Read(init.GetProperty("y")), m.Forward(x), 1e-6, 1e-7, "y");
        }
    }

    [Fact]
    public void StateDictRoundTripsAndChecksShapes()
    {
        var a = new Sequential(new Linear(2, 5), new ReLU(), new Linear(5, 1));
        var b = new Sequential(new Linear(2, 5), new ReLU(), new Linear(5, 1));
        b.LoadStateDict(a.StateDict());
        var x = Tensor.Randn(3, 2);
        FixtureTensor.AssertClose(a.Forward(x), b.Forward(x), 0, 0);
        var wrong = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1));
        var e = Assert.Throws<ShapeMismatchException>(() => wrong.LoadStateDict(a.StateDict()));
        Assert.Contains("0.weight", e.Message);
        Assert.Contains("[5, 2]", e.Message);
        var missing = Assert.Throws<TensorArgumentException>(() => new Sequential(new Linear(2, 5)).LoadStateDict(a.StateDict()));
        Assert.Contains("2.weight", missing.Message);
    }

    [Fact]
    public void TrainAndEvalReachEveryDescendant()
    {
        var m = new Sequential(new Linear(2, 2), new Sequential(new Dropout(0.5)));
        m.Eval();
        Assert.All(m.Modules(), x => Assert.False(x.Training));
        var x = Tensor.Ones(4, 2);
        var drop = new Dropout(0.5);
        drop.Eval();
        Assert.Same(x, drop.Forward(x));
        m.Train();
        Assert.All(m.Modules(), x => Assert.True(x.Training));
    }

    [Fact]
    public void DropoutZeroesAndRescalesInTraining()
    {
        var drop = new Dropout(0.25, new Generator(5));
        var y = drop.Forward(Tensor.Ones(1000)).ToFloatArray();
        Assert.All(y, v => Assert.True(v == 0f || Math.Abs(v - 1f / 0.75f) < 1e-6));
        var kept = y.Count(v => v != 0) / 1000.0;
        Assert.InRange(kept, 0.7, 0.8);
    }

    [Fact]
    public void ZeroGradClearsEveryParameter()
    {
        var m = new ToyModel();
        new MSELoss().Compute(m.Forward(Tensor.Randn(4, 3)), Tensor.Zeros(4, 2)).Backward();
        Assert.All(m.Parameters(), p => Assert.NotNull(p.Grad));
        m.ZeroGrad();
        Assert.All(m.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void MlpBuilderMakesTheTutorialsClassifier()
    {
        var mlp = Layers.Mlp([2, 500, 500, 1], "ReLU", "Sigmoid");
        Assert.Equal(6, mlp.Count);
        Assert.IsType<Sigmoid>(mlp[-1]);
        Assert.Equal(new[] { 7, 1 }, mlp.Forward(Tensor.Randn(7, 2)).Shape);
        Assert.Throws<TensorArgumentException>(() => Layers.Activation("swishy"));
    }

    [Fact]
    public void LinearAcceptsLeadingBatchDimsAndNamesBadShapes()
    {
        var lin = new Linear(3, 2);
        Assert.Equal(new[] { 4, 5, 2 }, lin.Forward(Tensor.Randn(4, 5, 3)).Shape);
        var e = Assert.Throws<ShapeMismatchException>(() => lin.Forward(Tensor.Randn(5, 4)));
        Assert.Contains("5x4 and 3x2", e.Message);
    }
}
