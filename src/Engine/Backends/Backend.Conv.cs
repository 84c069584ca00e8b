using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>Forwarders for the convolution kernels (<see cref="IBackend"/>'s Conv part).</summary>
internal static partial class Backend
{
    public static void ConvForward(Tensor x, Tensor w, Tensor? bias, Tensor result, ConvGeometry geo)
    {
        if (t_selected is { } b) b.ConvForward(x, w, bias, result, geo);
        else Managed.ConvForward(x, w, bias, result, geo);
        GC.KeepAlive(x);
        GC.KeepAlive(w);
        GC.KeepAlive(bias);
        GC.KeepAlive(result);
    }

    public static void ConvInputGrad(Tensor g, Tensor w, Tensor gx, ConvGeometry geo)
    {
        if (t_selected is { } b) b.ConvInputGrad(g, w, gx, geo);
        else Managed.ConvInputGrad(g, w, gx, geo);
        GC.KeepAlive(g);
        GC.KeepAlive(w);
        GC.KeepAlive(gx);
    }

    public static void ConvWeightGrad(Tensor g, Tensor x, Tensor gw, ConvGeometry geo)
    {
        if (t_selected is { } b) b.ConvWeightGrad(g, x, gw, geo);
        else Managed.ConvWeightGrad(g, x, gw, geo);
        GC.KeepAlive(g);
        GC.KeepAlive(x);
        GC.KeepAlive(gw);
    }

    public static void AddChannelBias(Tensor result, Tensor bias)
    {
        if (t_selected is { } b) b.AddChannelBias(result, bias);
        else Managed.AddChannelBias(result, bias);
        GC.KeepAlive(result);
        GC.KeepAlive(bias);
    }
}
