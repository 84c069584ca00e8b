using System.Numerics;
using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>
/// Convolutions by their definition, one output element or one tap at a time with float64 sums:
/// no im2col, no matrix product, so a slip in the default's unfold or blocking shows against it.
/// </summary>
internal sealed partial class ReferenceBackend
{
    public void ConvForward(Tensor x, Tensor w, Tensor? bias, Tensor result, ConvGeometry geo)
    {
        if (x.DType == DType.Float32) ConvForward<float>(x, w, bias, result, geo);
        else ConvForward<double>(x, w, bias, result, geo);
    }

    private static void ConvForward<T>(Tensor x, Tensor w, Tensor? bias, Tensor result, ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] xs = x.Buffer<T>(), ws = w.Buffer<T>(), os = result.Buffer<T>();
        var bs = bias?.Buffer<T>();
        int og = g.O / g.Groups;
        for (int n = 0; n < g.N; n++)
        {
            for (int o = 0; o < g.O; o++)
            {
                int group = o / og;
                for (int ho = 0; ho < g.Ho; ho++)
                {
                    for (int wo = 0; wo < g.Wo; wo++)
                    {
                        double s = bs is null ? 0 : double.CreateTruncating(bs[bias!.Offset + o]);
                        ForEachTap(g, n, group, ho, wo, (xi, c, i, j) =>
                            s += double.CreateTruncating(xs[x.Offset + xi]) * double.CreateTruncating(ws[w.Offset + WeightIndex(g, o, c, i, j)]));
                        os[result.Offset + ((n * g.O + o) * g.Ho + ho) * g.Wo + wo] = T.CreateTruncating(s);
                    }
                }
            }
        }
    }

    public void ConvInputGrad(Tensor g, Tensor w, Tensor gx, ConvGeometry geo)
    {
        if (g.DType == DType.Float32) ConvInputGrad<float>(g, w, gx, geo);
        else ConvInputGrad<double>(g, w, gx, geo);
    }

    // Each output gradient flows back along every tap to the input element the tap read.
    private static void ConvInputGrad<T>(Tensor g, Tensor w, Tensor gx, ConvGeometry geo) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] ws = w.Buffer<T>(), xs = gx.Buffer<T>();
        var sums = new double[geo.N * geo.C * geo.H * geo.W];
        ForEachOutputGradient<T>(g, geo, (n, o, ho, wo, up) => ForEachTap(geo, n, o / (geo.O / geo.Groups), ho, wo, (xi, c, i, j) =>
            sums[xi] += up * double.CreateTruncating(ws[w.Offset + WeightIndex(geo, o, c, i, j)])));
        for (int i = 0; i < sums.Length; i++) xs[gx.Offset + i] = T.CreateTruncating(sums[i]);
    }

    public void ConvWeightGrad(Tensor g, Tensor x, Tensor gw, ConvGeometry geo)
    {
        if (g.DType == DType.Float32) ConvWeightGrad<float>(g, x, gw, geo);
        else ConvWeightGrad<double>(g, x, gw, geo);
    }

    private static void ConvWeightGrad<T>(Tensor g, Tensor x, Tensor gw, ConvGeometry geo) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] xs = x.Buffer<T>(), ws = gw.Buffer<T>();
        var sums = new double[geo.O * geo.Cg * geo.Kh * geo.Kw];
        ForEachOutputGradient<T>(g, geo, (n, o, ho, wo, up) => ForEachTap(geo, n, o / (geo.O / geo.Groups), ho, wo, (xi, c, i, j) =>
            sums[WeightIndex(geo, o, c, i, j)] += up * double.CreateTruncating(xs[x.Offset + xi])));
        for (int i = 0; i < sums.Length; i++) ws[gw.Offset + i] = T.CreateTruncating(sums[i]);
    }

    private delegate void OutputGradient(int n, int o, int ho, int wo, double up);

    /// <summary>Every element (n, o, ho, wo) of the output gradient <paramref name="g"/>, as a double.</summary>
    private static void ForEachOutputGradient<T>(Tensor g, ConvGeometry geo, OutputGradient body) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gs = g.Buffer<T>();
        for (int n = 0; n < geo.N; n++)
        {
            for (int o = 0; o < geo.O; o++)
            {
                for (int ho = 0; ho < geo.Ho; ho++)
                {
                    for (int wo = 0; wo < geo.Wo; wo++)
                    {
                        body(n, o, ho, wo, double.CreateTruncating(gs[g.Offset + ((n * geo.O + o) * geo.Ho + ho) * geo.Wo + wo]));
                    }
                }
            }
        }
    }

    public void AddChannelBias(Tensor result, Tensor bias)
    {
        if (result.DType == DType.Float32) AddChannelBias<float>(result, bias);
        else AddChannelBias<double>(result, bias);
    }

    private static void AddChannelBias<T>(Tensor result, Tensor bias) where T : unmanaged, INumber<T>
    {
        T[] r = result.Buffer<T>(), b = bias.Buffer<T>();
        int n = result.Sizes[0], channels = result.Sizes[1], plane = result.Sizes[2] * result.Sizes[3];
        for (int i = 0; i < n * channels; i++)
        {
            for (int p = 0; p < plane; p++) r[result.Offset + i * plane + p] += b[bias.Offset + i % channels];
        }
    }

    private delegate void Tap(int inputIndex, int channel, int i, int j);

    /// <summary>Every kernel tap (c, i, j) of output position (ho, wo) that lands inside the input, with that input element's index.</summary>
    private static void ForEachTap(ConvGeometry g, int n, int group, int ho, int wo, Tap tap)
    {
        for (int c = 0; c < g.Cg; c++)
        {
            int channel = group * g.Cg + c;
            for (int i = 0; i < g.Kh; i++)
            {
                int h = ho * g.Sh - g.Ph + i * g.Dh;
                if (h < 0 || h >= g.H) continue;
                for (int j = 0; j < g.Kw; j++)
                {
                    int w = wo * g.Sw - g.Pw + j * g.Dw;
                    if (w < 0 || w >= g.W) continue;
                    tap(((n * g.C + channel) * g.H + h) * g.W + w, c, i, j);
                }
            }
        }
    }

    private static int WeightIndex(ConvGeometry g, int o, int c, int i, int j) => ((o * g.Cg + c) * g.Kh + i) * g.Kw + j;
}
