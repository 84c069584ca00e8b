using NNTools.Autograd;
using NNTools.NN;
using NNTools.Training;

namespace NNTools.Tests.Tutorials;

/// <summary>
/// Metrics.Correct counts binary predictions in one pass for float32 tensors of one shape; every case
/// must give the count of the tensor formula it replaces (Gt, To, Eq, Sum), edge values included.
/// </summary>
public class MetricsTests
{
    private static long TensorFormula(Loss loss, Tensor output, Tensor target)
    {
        using var _ = GradMode.NoGrad();
        return Metrics.Predictions(loss, output, target)!.Eq(target).Sum().ToInt64();
    }

    public static TheoryData<string, float[], float[]> BinaryCases() => new()
    {
        // Both sides of the threshold, the threshold itself (not above it), NaN and infinities.
        { "bce", [0.1f, 0.5f, 0.50001f, 0.9f, float.NaN, float.PositiveInfinity, float.NegativeInfinity], [0, 1, 1, 0, 0, 1, 0] },
        { "logits", [-2f, 0f, 1e-7f, 3f, float.NaN, -0f, float.PositiveInfinity], [0, 1, 1, 0, 1, 0, 1] },
        // Soft labels match no prediction, as in the tensor formula.
        { "bce", [0.2f, 0.7f, 0.6f], [0.3f, 1f, 0.7f] },
    };

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void BinaryCountEqualsTheTensorFormula(string kind, float[] outputs, float[] targets)
    {
        Loss loss = kind == "bce" ? new BCELoss() : new BCEWithLogitsLoss();
        var output = new Tensor(outputs).Unsqueeze(1);
        var target = new Tensor(targets).Unsqueeze(1);

        Assert.Equal(TensorFormula(loss, output, target), Metrics.Correct(loss, output, target));
    }

    [Fact]
    public void OtherLayoutsTakeTheTensorPathWithItsBroadcasting()
    {
        var loss = new BCELoss();
        var g = new Generator(3);
        var output = Tensor.Rand([4, 3], DType.Float32, g);
        var target = Tensor.Randint(0, 2, [3, 4], DType.Float32, g);

        // Transposed (not contiguous), broadcast ([4, 1] against [4]: 16 pairs), and float64.
        Assert.Equal(TensorFormula(loss, output, target.T), Metrics.Correct(loss, output, target.T));
        var column = output.Narrow(1, 0, 1);
        var flat = target.Narrow(0, 0, 1).Reshape(4);
        Assert.Equal(TensorFormula(loss, column, flat), Metrics.Correct(loss, column, flat));
        Assert.Equal(16, Metrics.Correct(loss, Tensor.Full([4, 1], 0.9), Tensor.Ones(4)));
        var o64 = output.Double();
        var t64 = target.T.Double();
        Assert.Equal(TensorFormula(loss, o64, t64), Metrics.Correct(loss, o64, t64));
    }
}
