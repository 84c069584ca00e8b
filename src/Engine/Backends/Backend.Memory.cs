namespace NNTools.Backends;

/// <summary>Forwarders for the element-moving kernels (<see cref="IBackend"/>'s Memory part).</summary>
internal static partial class Backend
{
    public static void CopyToContiguous(Tensor src, Tensor dst)
    {
        if (t_selected is { } b) b.CopyToContiguous(src, dst);
        else Managed.CopyToContiguous(src, dst);
        GC.KeepAlive(src);
        GC.KeepAlive(dst);
    }

    public static void Cast(Tensor src, Tensor dst)
    {
        if (t_selected is { } b) b.Cast(src, dst);
        else Managed.Cast(src, dst);
        GC.KeepAlive(src);
        GC.KeepAlive(dst);
    }

    public static void Fill(Tensor dst, double value)
    {
        if (t_selected is { } b) b.Fill(dst, value);
        else Managed.Fill(dst, value);
        GC.KeepAlive(dst);
    }

    public static void Gather(Tensor src, int[] offsets, int[] block, Tensor dst)
    {
        if (t_selected is { } b) b.Gather(src, offsets, block, dst);
        else Managed.Gather(src, offsets, block, dst);
        GC.KeepAlive(src);
        GC.KeepAlive(dst);
    }

    public static void Put(Tensor values, Tensor target, int[] offsets, int[] block, bool accumulate)
    {
        if (t_selected is { } b) b.Put(values, target, offsets, block, accumulate);
        else Managed.Put(values, target, offsets, block, accumulate);
        GC.KeepAlive(values);
        GC.KeepAlive(target);
    }

    public static bool FillUniform(Generator generator, Tensor dst, double from, double to)
    {
        var result = Current.FillUniform(generator, dst, from, to);
        GC.KeepAlive(dst);
        return result;
    }

    public static bool FillNormal(Generator generator, Tensor dst, double mean, double std, bool batched)
    {
        var result = Current.FillNormal(generator, dst, mean, std, batched);
        GC.KeepAlive(dst);
        return result;
    }

    public static bool FillBernoulli(Generator generator, Tensor dst, double p)
    {
        var result = Current.FillBernoulli(generator, dst, p);
        GC.KeepAlive(dst);
        return result;
    }
}
