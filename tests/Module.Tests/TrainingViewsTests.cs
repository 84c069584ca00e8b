using NNTools.Hosting;

namespace NNTools.ModuleTests;

/// <summary>
/// The views of NNTools.Training.Format.ps1xml as a console shows them: models as print(model),
/// optimizers as PyTorch prints them, data sets and loaders on one line, records as a loss table.
/// </summary>
public sealed class TrainingViewsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nntools-views-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Each statement goes through its own Out-Default, as each line typed at a prompt does.
    private string Show(string statement)
    {
        string script = Path.Combine(_folder, $"show{Guid.NewGuid():N}.ps1");
        File.WriteAllText(script, "[void][NNTools.Tensor]::ManualSeed(0)\n" + statement + " | Out-Default\n");
        var output = new StringWriter();
        using var runner = new ScriptRunner(new ScriptHost(output, width: 200), Repository.BuiltManifest);
        Assert.Equal(0, runner.Run(script, []));
        return output.ToString().Trim('\n');
    }

    [Fact]
    public void ShowsAModelAsPrintModel() =>
        Assert.Equal("""
            Sequential(
              (0): Linear(in_features=2, out_features=3, bias=True)
              (1): ReLU()
              (2): Linear(in_features=3, out_features=1, bias=True)
              (3): Sigmoid()
            )
            """, Show("New-Mlp 2, 3, 1 -OutputActivation Sigmoid"));

    [Fact]
    public void ShowsAnOptimizerAsPyTorchPrintsIt() =>
        Assert.StartsWith("SGD (\nParameter Group 0\n    dampening: 0\n    lr: 0.5\n", Show("New-Optimizer SGD (New-Mlp 2, 1) -LearningRate 0.5"));

    [Fact]
    public void ShowsDataSetsAndLoadersOnOneLine()
    {
        Assert.Equal("LabeledDataset(length=150, x=[150, 4] torch.float32, y=[150] torch.int64, classes=[setosa, versicolor, virginica])", Show("Get-Dataset iris"));
        Assert.Equal("DataLoader(dataset=TensorDataset(length=10, tensors=[[10, 1] torch.float32]), batch_size=4, shuffle=True, drop_last=False, batches=3)",
            Show("New-DataLoader (New-Dataset ([NNTools.Tensor]::Zeros(10, 1))) 4 -Shuffle"));
    }

    [Fact]
    public void ShowsRecordsAsALossTable()
    {
        string[] lines = Show("""
            $x = [NNTools.Tensor]::Linspace(-1, 1, 20).Unsqueeze(1)
            $model = New-Mlp 1, 4, 2
            Start-Training $model (New-Dataset $x ($x.Gt(0).Long().Squeeze(1))) CrossEntropy -Epochs 2 -ValidationData (New-Dataset $x ($x.Gt(0).Long().Squeeze(1))) -LearningRate 0.01
            """).Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal(" Epoch        Loss ValidationLoss Accuracy ValidationAccuracy LearningRate     Elapsed", lines[0]);
        Assert.Matches(@"^ +1 +0\.\d{3,5} +0\.\d{3,5} +\d\.\d{4} +\d\.\d{4} +0\.01 00:00:\d\d\.\d\d$", lines[2]);
        Assert.Matches(@"^ +2 ", lines[3]);
    }

    [Fact]
    public void ShowsAnEvaluationWithItsConfusionCounts()
    {
        string text = Show("Test-Model (New-Mlp 2, 2) (Get-Dataset moons -Samples 10 -Seed 0) CrossEntropy");
        Assert.Matches(@"^Loss +: \d\.\d+\nAccuracy +: \d\.\d{4}\nCount +: 10\nConfusion : tensor\(\[\[", text);
    }
}
