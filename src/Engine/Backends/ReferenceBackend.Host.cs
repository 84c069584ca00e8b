using System.Numerics;
using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>
/// The finiteness scan and the optimizers' updates, scalar, the updates computed in float64 and
/// rounded once; host transfers are <see cref="HostBackend"/>'s.
/// </summary>
internal sealed partial class ReferenceBackend
{
    public bool AllFinite(Tensor t) => t.DType == DType.Float32 ? AllFinite<float>(t) : AllFinite<double>(t);

    private static bool AllFinite<T>(Tensor t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = t.Buffer<T>();
        for (int i = 0; i < t.Numel(); i++)
        {
            if (!T.IsFinite(x[t.Offset + i])) return false;
        }
        return true;
    }

    public void SgdUpdate(Tensor param, Tensor grad, double lr, double weightDecay)
    {
        if (param.DType == DType.Float32) SgdUpdate<float>(param, grad, lr, weightDecay);
        else SgdUpdate<double>(param, grad, lr, weightDecay);
    }

    private static void SgdUpdate<T>(Tensor param, Tensor grad, double lr, double weightDecay) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] p = param.Buffer<T>(), g = grad.Buffer<T>();
        for (int i = 0; i < param.Numel(); i++)
        {
            double pi = double.CreateTruncating(p[param.Offset + i]);
            double d = double.CreateTruncating(g[grad.Offset + i]) + weightDecay * pi;
            p[param.Offset + i] = T.CreateTruncating(pi - lr * d);
        }
    }

    public void AdamUpdate(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, in AdamStep step)
    {
        if (param.DType == DType.Float32) AdamUpdate<float>(param, grad, expAvg, expAvgSq, step);
        else AdamUpdate<double>(param, grad, expAvg, expAvgSq, step);
    }

    private static void AdamUpdate<T>(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, in AdamStep a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] p = param.Buffer<T>(), g = grad.Buffer<T>(), m = expAvg.Buffer<T>(), v = expAvgSq.Buffer<T>();
        for (int i = 0; i < param.Numel(); i++)
        {
            double pi = double.CreateTruncating(p[param.Offset + i]);
            double gi = double.CreateTruncating(g[grad.Offset + i]);
            if (a.Maximize) gi = -gi;
            if (a.Decoupled) pi *= 1 - a.Lr * a.WeightDecay;
            else gi += a.WeightDecay * pi;
            double mi = double.CreateTruncating(m[expAvg.Offset + i]) * a.Beta1 + (1 - a.Beta1) * gi;
            double vi = double.CreateTruncating(v[expAvgSq.Offset + i]) * a.Beta2 + (1 - a.Beta2) * gi * gi;
            m[expAvg.Offset + i] = T.CreateTruncating(mi);
            v[expAvgSq.Offset + i] = T.CreateTruncating(vi);
            p[param.Offset + i] = T.CreateTruncating(pi - a.StepSize * mi / (Math.Sqrt(vi) / a.BiasCorrection2Sqrt + a.Eps));
        }
    }
}
