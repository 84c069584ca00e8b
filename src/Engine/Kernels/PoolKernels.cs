using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// The window of a 2-d max pooling: input planes H x W, output Ho x Wo, and the (height, width) kernel
/// size, stride, padding and dilation.
/// </summary>
internal readonly record struct PoolWindow(int H, int W, int Ho, int Wo, int[] K, int[] S, int[] P, int[] D);

/// <summary>The 2-d max pooling loops: the forward with the index of each maximum, and the scatter of the gradient onto those indices.</summary>
internal static class PoolKernels
{
    /// <summary>
    /// Fills <paramref name="values"/> and the int64 <paramref name="indices"/> [N, C, Ho, Wo] with each window's
    /// maximum over the contiguous <paramref name="x"/> [N, C, H, W] and its flat position y * W + x in the plane.
    /// </summary>
    public static void MaxPoolForward(Tensor x, Tensor values, Tensor indices, PoolWindow win)
    {
        if (x.DType == DType.Float32) MaxPoolForward<float>(x, values, indices, win);
        else MaxPoolForward<double>(x, values, indices, win);
    }

    /// <summary>Adds each element of the contiguous output gradient <paramref name="g"/> onto the element of <paramref name="gx"/> (zeroed) its maximum came from.</summary>
    public static void MaxPoolGrad(Tensor g, Tensor indices, Tensor gx)
    {
        if (g.DType == DType.Float32) MaxPoolGrad<float>(g, indices, gx);
        else MaxPoolGrad<double>(g, indices, gx);
    }

    private static void MaxPoolForward<T>(Tensor x, Tensor values, Tensor indices, PoolWindow win) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = x.Buffer<T>();
        var vs = values.Buffer<T>();
        var ids = indices.Buffer<long>();
        int planes = x.Sizes[0] * x.Sizes[1], offset = x.Offset;
        bool halving = win.K[0] == 2 && win.K[1] == 2 && win.S[0] == 2 && win.S[1] == 2 && win.P[0] == 0 && win.P[1] == 0
            && win.D[0] == 1 && win.D[1] == 1 && 2 * win.Ho <= win.H && 2 * win.Wo <= win.W;
        // Planes are independent and each writes its own outputs, so they split over the team.
        ParallelRange.ForBlocks(planes, win.H * win.W, (first, count) =>
        {
            for (int plane = first; plane < first + count; plane++)
            {
                if (halving) MaxPoolHalvingPlane(xs, offset + plane * win.H * win.W, vs, ids, plane * win.Ho * win.Wo, win);
                else MaxPoolPlane(xs, offset + plane * win.H * win.W, vs, ids, plane * win.Ho * win.Wo, win);
            }
        });
    }

    /// <summary>One plane of any window: a scan of its valid elements, keeping the first of equal maxima and the last NaN, as PyTorch.</summary>
    private static void MaxPoolPlane<T>(T[] xs, int baseIndex, T[] vs, long[] ids, int o, PoolWindow win) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (dh, dw) = (win.D[0], win.D[1]);
        for (int oy = 0; oy < win.Ho; oy++)
        {
            int y0 = oy * win.S[0] - win.P[0];
            int y1 = Math.Min(y0 + (win.K[0] - 1) * dh + 1, win.H);
            while (y0 < 0) y0 += dh;
            for (int ox = 0; ox < win.Wo; ox++, o++)
            {
                int x0 = ox * win.S[1] - win.P[1];
                int x1 = Math.Min(x0 + (win.K[1] - 1) * dw + 1, win.W);
                while (x0 < 0) x0 += dw;
                // A window the dilation steps wholly past the input has no element: index -1, no gradient
                // (PyTorch 1.13 keeps y0 W + x0 there, another element's or out of the plane).
                int best = y0 < y1 && x0 < x1 ? y0 * win.W + x0 : -1;
                T max = T.NegativeInfinity;
                for (int iy = y0; iy < y1; iy += dh)
                {
                    for (int ix = x0; ix < x1; ix += dw)
                    {
                        T v = xs[baseIndex + iy * win.W + ix];
                        // Strictly greater keeps the first of equal maxima; a NaN always wins, as PyTorch.
                        if (v > max || T.IsNaN(v))
                        {
                            max = v;
                            best = iy * win.W + ix;
                        }
                    }
                }
                vs[o] = max;
                ids[o] = best;
            }
        }
    }

    /// <summary>
    /// One plane of the 2x2, stride-2 window of most CNNs, with the general scan's tie rules and without its
    /// branches: on real activations each comparison is a coin toss, and a mispredicted branch per
    /// comparison cost more than the rest of the loop. The maximum is IEEE maximum (a NaN wins), its index
    /// the first element equal to it, chosen by conditional moves; a window holding a NaN takes the scan.
    /// </summary>
    private static void MaxPoolHalvingPlane<T>(T[] xs, int baseIndex, T[] vs, long[] ids, int o, PoolWindow win) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = win.W, wo = win.Wo;
        var input = xs.AsSpan(baseIndex, win.H * w);
        var outValues = vs.AsSpan(o, win.Ho * wo);
        var outIndices = ids.AsSpan(o, win.Ho * wo);
        for (int oy = 0; oy < win.Ho; oy++)
        {
            int top = 2 * oy * w;
            var upper = input.Slice(top, 2 * wo);
            var lower = input.Slice(top + w, 2 * wo);
            var values = outValues.Slice(oy * wo, wo);
            var indices = outIndices.Slice(oy * wo, wo);
            for (int ox = 0; ox < wo; ox++)
            {
                int c = 2 * ox;
                T a = upper[c], b = upper[c + 1], d = lower[c], e = lower[c + 1];
                T max = T.Max(T.Max(a, b), T.Max(d, e));
                int best = e == max ? w + c + 1 : -1;
                best = d == max ? w + c : best;
                best = b == max ? c + 1 : best;
                best = a == max ? c : best;
                if (best < 0)
                {
                    // Only a NaN equals nothing: the last NaN of the window, as the scan keeps it.
                    best = T.IsNaN(e) ? w + c + 1 : T.IsNaN(d) ? w + c : T.IsNaN(b) ? c + 1 : c;
                }
                // The element itself, not the maximum: of a -0 and a +0 the first wins, sign included, as in the scan.
                values[ox] = input[top + best];
                indices[ox] = top + best;
            }
        }
    }

    private static void MaxPoolGrad<T>(Tensor g, Tensor indices, Tensor gx) where T : unmanaged, INumber<T>
    {
        var gs = g.Buffer<T>();
        var ids = indices.Buffer<long>();
        var gxs = gx.Buffer<T>();
        int planeSize = gx.Sizes[2] * gx.Sizes[3];
        int outPlane = indices.Sizes[2] * indices.Sizes[3];
        for (int o = 0; o < ids.Length; o++)
        {
            if (ids[o] >= 0) gxs[o / outPlane * planeSize + (int)ids[o]] += gs[g.Offset + o];
        }
    }
}
