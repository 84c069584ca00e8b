using System.Numerics;
using System.Runtime.InteropServices;

namespace NNTools.Kernels;

/// <summary>
/// The optimizers' fused per-parameter updates: one loop over the elements of a contiguous
/// parameter, its gradient and its state, all of one floating dtype (see <see cref="Optim.FusedUpdates"/>
/// for why they match the composed tensor ops bit for bit). The caller checks the layout and bumps versions.
/// </summary>
internal static class OptimizerKernels
{
    /// <summary>SGD without momentum: dp = weight_decay ≠ 0 ? grad + wd · p : grad; p = p − lr · dp.</summary>
    public static void Sgd(Tensor param, Tensor grad, double lr, double weightDecay)
    {
        if (param.DType == DType.Float32) Sgd<float>(param, grad, lr, weightDecay);
        else Sgd<double>(param, grad, lr, weightDecay);
    }

    private static void Sgd<T>(Tensor param, Tensor grad, double lr, double weightDecay) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pArray = param.Buffer<T>();
        var gArray = grad.Buffer<T>();
        int pOffset = param.Offset, gOffset = grad.Offset;
        ParallelRange.For(param.Numel(), (start, length) =>
            Sgd(pArray.AsSpan(pOffset + start, length), new ReadOnlySpan<T>(gArray, gOffset + start, length), lr, weightDecay));
    }

    private static void Sgd<T>(Span<T> p, ReadOnlySpan<T> g, double lr, double weightDecay) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T negLr = T.CreateChecked(-lr), wd = T.CreateChecked(weightDecay);
        // The SIMD part: a vector fused multiply-add rounds each lane once, as the scalar one does.
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vp = MemoryMarshal.Cast<T, Vector<T>>(p);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(g);
            Vector<T> vNegLr = new(negLr), vWd = new(wd);
            for (int k = 0; k < vp.Length; k++)
            {
                var pk = vp[k];
                var dp = weightDecay != 0 ? Fma(pk, vWd, vg[k]) : vg[k];
                vp[k] = Fma(dp, vNegLr, pk);
            }
            i = vp.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            var dp = weightDecay != 0 ? T.FusedMultiplyAdd(p[i], wd, g[i]) : g[i];
            p[i] = T.FusedMultiplyAdd(dp, negLr, p[i]);
        }
    }

    /// <summary>a · b + c rounded once per lane.</summary>
    private static Vector<T> Fma<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }

    /// <summary>Adam's update of a contiguous parameter and its two moments: <see cref="AdamStep"/> says what it computes.</summary>
    public static void Adam(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, in AdamStep c)
    {
        if (param.DType == DType.Float32) Adam<float>(param, grad, expAvg, expAvgSq, c);
        else Adam<double>(param, grad, expAvg, expAvgSq, c);
    }

    private static void Adam<T>(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, in AdamStep c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = param.WritableSpan<T>();
        var gs = grad.ContiguousSpan<T>();
        var m = expAvg.WritableSpan<T>();
        var v = expAvgSq.WritableSpan<T>();
        T b1 = T.CreateChecked(c.Beta1), oneMinusB1 = T.CreateChecked(1 - c.Beta1);
        T b2 = T.CreateChecked(c.Beta2), oneMinusB2 = T.CreateChecked(1 - c.Beta2);
        T wd = T.CreateChecked(c.WeightDecay), decay = T.CreateChecked(1 - c.Lr * c.WeightDecay);
        T negStep = T.CreateChecked(-c.StepSize), bc2 = T.CreateChecked(c.BiasCorrection2Sqrt), eps = T.CreateChecked(c.Eps);
        bool l2 = !c.Decoupled && c.WeightDecay != 0;
        for (int i = 0; i < p.Length; i++)
        {
            T g = c.Maximize ? -gs[i] : gs[i];
            if (c.Decoupled) p[i] *= decay;
            else if (l2) g = T.FusedMultiplyAdd(p[i], wd, g);
            m[i] = T.FusedMultiplyAdd(g, oneMinusB1, m[i] * b1);
            v[i] = T.FusedMultiplyAdd(g * oneMinusB2, g, v[i] * b2);
            T denom = T.Sqrt(v[i]) / bc2 + eps;
            p[i] += m[i] * negStep / denom;
        }
    }
}

/// <summary>
/// One Adam step's constants, the step count already advanced (no amsgrad), as <see cref="Optim.Adam"/>
/// composes it: g' = maximize ? −g : g, plus wd · p (L2 form) or p scaled by 1 − lr · wd first
/// (decoupled, AdamW); m = m · β1 + (1 − β1) · g'; v = v · β2 + ((1 − β2) · g') · g';
/// p = p + (m · −stepSize) / (sqrt(v) / sqrt(bc2) + eps).
/// </summary>
internal readonly record struct AdamStep(double Beta1, double Beta2, double Lr, double WeightDecay, bool Decoupled,
    bool Maximize, double Eps, double StepSize, double BiasCorrection2Sqrt);
