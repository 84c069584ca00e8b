using System.Numerics;
using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>Forwarders for host reads and writes and the optimizers' updates (<see cref="IBackend"/>'s Host part).</summary>
internal static partial class Backend
{
    public static void CopyToHost(Tensor src, Array dst)
    {
        Current.CopyToHost(src, dst);
        GC.KeepAlive(src);
    }

    public static void CopyFromHost<TFrom>(ReadOnlySpan<TFrom> src, Tensor dst) where TFrom : unmanaged, INumber<TFrom>
    {
        if (t_selected is { } b) b.CopyFromHost(src, dst);
        else Managed.CopyFromHost(src, dst);
        GC.KeepAlive(dst);
    }

    public static object Item(Tensor src)
    {
        var result = t_selected is { } b ? b.Item(src) : Managed.Item(src);
        GC.KeepAlive(src);
        return result;
    }

    public static void WriteBytes(Stream stream, Tensor src, int chunkBytes)
    {
        Current.WriteBytes(stream, src, chunkBytes);
        GC.KeepAlive(src);
    }

    public static void ReadBytes(Stream stream, Tensor dst, int chunkBytes, CancellationToken cancellation)
    {
        Current.ReadBytes(stream, dst, chunkBytes, cancellation);
        GC.KeepAlive(dst);
    }

    public static bool AllFinite(Tensor t)
    {
        var result = t_selected is { } b ? b.AllFinite(t) : Managed.AllFinite(t);
        GC.KeepAlive(t);
        return result;
    }

    public static long CountThresholdMatches(Tensor output, Tensor target, float threshold)
    {
        var result = Current.CountThresholdMatches(output, target, threshold);
        GC.KeepAlive(output);
        GC.KeepAlive(target);
        return result;
    }

    public static void SgdUpdate(Tensor param, Tensor grad, double lr, double weightDecay)
    {
        if (t_selected is { } b) b.SgdUpdate(param, grad, lr, weightDecay);
        else Managed.SgdUpdate(param, grad, lr, weightDecay);
        GC.KeepAlive(param);
        GC.KeepAlive(grad);
    }

    public static void AdamUpdate(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, in AdamStep step)
    {
        if (t_selected is { } b) b.AdamUpdate(param, grad, expAvg, expAvgSq, step);
        else Managed.AdamUpdate(param, grad, expAvg, expAvgSq, step);
        GC.KeepAlive(param);
        GC.KeepAlive(grad);
        GC.KeepAlive(expAvg);
        GC.KeepAlive(expAvgSq);
    }
}
