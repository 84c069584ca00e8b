using NNTools.Backends;

namespace NNTools.Tests.Kernels;

/// <summary>
/// The managed convolution unfolds a chunk of samples into one wide matrix; a batch whose im2col matrix
/// is larger than a chunk takes several, and the weight gradient sums across them. Checked against the
/// reference backend, which sums every tap directly in float64.
/// </summary>
public class ConvChunkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ABatchSplitIntoChunksMatchesTheReferenceBackend(int groups)
    {
        // 144 im2col rows x 128 x 128 positions = 2.4M elements a sample: past a chunk's 1M, so one sample a chunk.
        var generator = new Generator(7);
        var x = Tensor.Rand([3, 16, 130, 130], DType.Float32, generator) - 0.5;
        var w = (Tensor.Rand([4, 16 / groups, 3, 3], DType.Float32, generator) - 0.5).RequiresGrad_();
        var b = Tensor.Rand([4], DType.Float32, generator).RequiresGrad_();
        var xg = x.Detach().RequiresGrad_();

        var (y, gx, gw) = Run(xg, w, b, groups);
        Tensor ry, rgx, rgw;
        using (Backend.Use(Backend.Reference)) (ry, rgx, rgw) = Run(xg, w, b, groups);

        Assert.True(y.AllClose(ry, rtol: 1e-4, atol: 1e-4), $"forward differs by {(y - ry).Abs().Max().ToDouble()}");
        Assert.True(gx.AllClose(rgx, rtol: 1e-4, atol: 1e-4), $"input gradient differs by {(gx - rgx).Abs().Max().ToDouble()}");
        // Each weight-gradient element sums 3 x 16,384 products of values up to 0.5 in float32.
        Assert.True(gw.AllClose(rgw, rtol: 1e-4, atol: 1e-2), $"weight gradient differs by {(gw - rgw).Abs().Max().ToDouble()}");
    }

    private static (Tensor Y, Tensor Gx, Tensor Gw) Run(Tensor x, Tensor w, Tensor b, int groups)
    {
        x.Grad = null;
        w.Grad = null;
        var y = Tensor.Conv2d(x, w, b, [1], [0], [1], groups);
        // A position-dependent upstream gradient, so that a sample or column landing in the wrong place shows.
        var up = Tensor.Arange(0, y.Numel(), 1).Reshape(y.Shape) % 7 - 3;
        (y * up).Sum().Backward();
        return (y.Detach(), x.Grad!, w.Grad!);
    }
}
