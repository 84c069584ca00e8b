using NNTools.Data;
using NNTools.IO;
using NNTools.NN;
using NNTools.Training;
using SkiaSharp;

namespace NNTools.Plotting.Tests;

/// <summary>Each picture kind rendered into a temporary folder and read back as a PNG of the requested size.</summary>
public sealed class PlotsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nntools-plots-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    private static readonly PlotOptions Small = new() { Width = 320, Height = 240, Title = "test" };

    [Fact]
    public void LossCurveFromEpochRecords()
    {
        var records = Enumerable.Range(1, 8)
            .Select(e => new EpochRecord(e, 1.0 / e, 1.2 / e, null, null, 0.01, TimeSpan.FromSeconds(e)))
            .ToList();
        Plots.LossCurve(PathOf("loss.png"), records, Small);
        Png.AssertImage(PathOf("loss.png"), 320, 240);
    }

    [Fact]
    public void LossCurveFromATrainingRun()
    {
        var data = Datasets.MakeNoisyRegression(64, 0.1, seed: 1);
        var model = new Linear(1, 1, generator: new Generator(1));
        var trainer = new Trainer(model, new MSELoss(), new NNTools.Optim.SGD(model.Parameters(), 0.1));
        var result = trainer.Fit(new DataLoader(new TensorDataset(data.X, data.Y), 16), new TrainingOptions { Epochs = 5 });
        Plots.LossCurve(PathOf("run.png"), result.History, new PlotOptions { Width = 400, Height = 300 });
        Png.AssertImage(PathOf("run.png"), 400, 300);
    }

    [Fact]
    public void LossCurveFromValues()
    {
        Plots.LossCurve(PathOf("values.png"), [3.0, 2.0, 1.5, 1.2], [3.5, 2.5, 2.0, 1.9], options: Small);
        Png.AssertImage(PathOf("values.png"), 320, 240);
    }

    [Fact]
    public void ScatterColouredByClass()
    {
        var moons = Datasets.MakeMoons(100, 0.1, randomState: 0);
        Plots.Scatter(PathOf("scatter.png"), moons.X, labels: moons.Y, options: Small);
        var colours = Png.AssertImage(PathOf("scatter.png"), 320, 240);
        Assert.Contains(Argb(new ScottPlot.Palettes.Category10().GetColor(0)), colours);
        Assert.Contains(Argb(new ScottPlot.Palettes.Category10().GetColor(1)), colours);
    }

    [Fact]
    public void ScatterOfTwoVectors()
    {
        Plots.Scatter(PathOf("xy.png"), Tensor.Arange(10), Tensor.Arange(10).Pow(2), options: Small);
        Png.AssertImage(PathOf("xy.png"), 320, 240);
    }

    [Fact]
    public void FittedLineThroughGivenPoints()
    {
        var x = Tensor.Linspace(-1, 1, 30).Reshape(30, 1);
        var y = x * 2 + Tensor.Randn([30, 1], DType.Float32, new Generator(3)) * 0.1;
        Plots.FittedLine(PathOf("line.png"), x, y, x, x * 2, Small);
        Png.AssertImage(PathOf("line.png"), 320, 240);
    }

    [Fact]
    public void FittedLineFromAModelKeepsItsTrainingMode()
    {
        var x = Tensor.Linspace(-1, 1, 30).Reshape(30, 1);
        var model = new Sequential(new Linear(1, 8, generator: new Generator(1)), new Tanh(), new Linear(8, 1, generator: new Generator(2)));
        Plots.FittedLine(PathOf("model.png"), x, x.Pow(2), model, Small);
        Png.AssertImage(PathOf("model.png"), 320, 240);
        Assert.True(model.Training);
    }

    [Fact]
    public void ConfusionMatrixWithClassNames()
    {
        var matrix = new ConfusionMatrix(["class_0", "class_1", "class_2"], [7, 1, 0, 0, 8, 2, 0, 0, 5]);
        Plots.ConfusionMatrix(PathOf("confusion.png"), matrix, Small);
        Png.AssertImage(PathOf("confusion.png"), 320, 240);
    }

    [Fact]
    public void HistogramOfValues()
    {
        Plots.Histogram(PathOf("hist.png"), Tensor.Randn([500], DType.Float32, new Generator(5)), 25, options: Small);
        Png.AssertImage(PathOf("hist.png"), 320, 240);
    }

    [Fact]
    public void HistogramsPerClassOverlaid()
    {
        var scores = Tensor.Cat([Tensor.Rand([200], DType.Float32, new Generator(1)) * 0.6, Tensor.Rand([200], DType.Float32, new Generator(2)) * 0.6 + 0.4]);
        var labels = Tensor.Cat([Tensor.Zeros([200], DType.Int64), Tensor.Ones([200], DType.Int64)]);
        Plots.Histogram(PathOf("classes.png"), scores, 20, labels, Small);
        Png.AssertImage(PathOf("classes.png"), 320, 240);
    }

    [Fact]
    public void HistogramOfOneRepeatedValue()
    {
        Plots.Histogram(PathOf("one.png"), Tensor.Full([10], 3.0), 5, options: Small);
        Png.AssertImage(PathOf("one.png"), 320, 240);
    }

    [Fact]
    public void DecisionSurfaceOfABinaryClassifierColoursEachSide()
    {
        // Logit = x1: class 1 right of x1 = 0, class 0 left of it.
        var model = new Linear(2, 1);
        model.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = new Tensor(new[,] { { 10f, 0f } }), ["bias"] = Tensor.Zeros([1]) });
        var x = new Tensor(new[,] { { -1f, -1f }, { -1f, 1f }, { 1f, -1f }, { 1f, 1f } });
        var y = new Tensor(new long[] { 0, 0, 1, 1 });
        Plots.DecisionSurface(PathOf("surface.png"), model, x, y, 50, new PlotOptions { Width = 400, Height = 400 });
        Png.AssertImage(PathOf("surface.png"), 400, 400);

        using var bitmap = SKBitmap.Decode(PathOf("surface.png"));
        var left = bitmap.GetPixel(120, 200);
        var right = bitmap.GetPixel(330, 200);
        // Class 0 is blue (tab:blue), class 1 orange (tab:orange), both lightened.
        Assert.True(left.Blue > left.Red, $"left of the boundary should be bluish, was {left}");
        Assert.True(right.Red > right.Blue, $"right of the boundary should be orange, was {right}");
    }

    [Fact]
    public void DecisionSurfaceOfAMulticlassClassifierColoursEachRegionTheRightWayUp()
    {
        // Class 0 below x2 = 0, class 1 above it, class 2 in the wedge x1 > |x2|.
        var model = new Linear(2, 3);
        model.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = new Tensor(new[,] { { 0f, -10f }, { 0f, 10f }, { 10f, 0f } }),
            ["bias"] = Tensor.Zeros([3]),
        });
        var x = new Tensor(new[,] { { -1f, -1f }, { -1f, 1f }, { 1f, -1f }, { 1f, 1f } });
        var y = new Tensor(new long[] { 0, 1, 2, 2 });
        Plots.DecisionSurface(PathOf("regions.png"), model, x, y, 40, new PlotOptions { Width = 400, Height = 400 });
        Png.AssertImage(PathOf("regions.png"), 400, 400);

        using var bitmap = SKBitmap.Decode(PathOf("regions.png"));
        var upperLeft = bitmap.GetPixel(150, 120);
        var lowerLeft = bitmap.GetPixel(150, 300);
        var right = bitmap.GetPixel(370, 200);
        Assert.True(upperLeft.Red > upperLeft.Blue, $"upper left should be class 1's orange, was {upperLeft}");
        Assert.True(lowerLeft.Blue > lowerLeft.Red, $"lower left should be class 0's blue, was {lowerLeft}");
        Assert.True(right.Green > right.Red && right.Green > right.Blue, $"the right should be class 2's green, was {right}");
    }

    [Fact]
    public void DecisionSurfaceOfAnUntrainedMlpOnBlobs()
    {
        var blobs = Datasets.MakeBlobs(90, centers: 3, randomState: 0);
        var model = Layers.Mlp([2, 16, 3], generator: new Generator(0));
        Plots.DecisionSurface(PathOf("multi.png"), model, blobs.X, blobs.Y, 40, Small);
        Png.AssertImage(PathOf("multi.png"), 320, 240);
    }

    [Fact]
    public void AnExistingFileIsKeptUnlessOverwriting()
    {
        var path = PathOf("keep.png");
        File.WriteAllText(path, "not a picture");
        var e = Assert.Throws<FileExistsException>(() => Plots.LossCurve(path, [1.0, 0.5], options: Small));
        Assert.Equal("FileExists", e.ErrorId);
        Assert.Equal("not a picture", File.ReadAllText(path));

        Plots.LossCurve(path, [1.0, 0.5], options: Small, overwrite: true);
        Png.AssertImage(path, 320, 240);
        Assert.Single(Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData("length")]
    [InlineData("points")]
    [InlineData("size")]
    [InlineData("empty")]
    [InlineData("output")]
    public void BadInputNamesWhatIsWrongAndWritesNothing(string kind)
    {
        var path = PathOf("bad.png");
        var model = new Linear(2, 1);
        TensorException e = kind switch
        {
            "length" => Assert.ThrowsAny<TensorException>(() => Plots.Scatter(path, Tensor.Arange(5), Tensor.Arange(4))),
            "points" => Assert.ThrowsAny<TensorException>(() => Plots.DecisionSurface(path, model, Tensor.Zeros([4, 3]), Tensor.Zeros([4]))),
            "size" => Assert.ThrowsAny<TensorException>(() => Plots.LossCurve(path, [1.0], options: new PlotOptions { Width = 10 })),
            "empty" => Assert.ThrowsAny<TensorException>(() => Plots.Histogram(path, Tensor.Zeros([0]))),
            _ => Assert.ThrowsAny<TensorException>(() => Plots.FittedLine(path, Tensor.Arange(3), Tensor.Arange(3), new Linear(1, 2))),
        };
        string expected = kind switch
        {
            "length" => "PlotLengthMismatch",
            "points" => "PlotPointsShape",
            "size" => "PlotSize",
            "empty" => "PlotNoData",
            _ => "PlotModelOutput",
        };
        Assert.Equal(expected, e.ErrorId);
        Assert.False(File.Exists(path));
    }

    private static uint Argb(ScottPlot.Color c) => (uint)new SKColor(c.R, c.G, c.B, c.A);
}
