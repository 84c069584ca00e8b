using System.Buffers;
using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// The 2-d convolution loops: im2col / col2im (<see cref="Im2Col"/>) over a chunk of samples at once and
/// one matrix product per chunk and group, as [O/groups, rows] x [rows, samples * Ho * Wo]. A product
/// per sample is too small to keep the GEMM busy (a digits CNN's are 16 x 196 x 9): one wide product
/// lets the packed kernel split the work over its own threads, where a parallel loop over samples paid a
/// thread-pool fork per layer and nested the GEMM's team inside it. Every tensor is contiguous and of one
/// floating dtype. The chunks depend only on the sizes, so results do not depend on the number of threads.
/// </summary>
internal static class ConvKernels
{
    /// <summary>A chunk's im2col matrix (and its output-sized scratch) stays under this many elements: 4 MB of float32, which the shared array pool keeps.</summary>
    private const int ChunkElements = 1 << 20;

    /// <summary>
    /// <paramref name="result"/> [N, O, Ho, Wo] = conv2d(<paramref name="x"/> [N, C, H, W], <paramref name="w"/>
    /// [O, C/groups, Kh, Kw]) plus <paramref name="b"/> [O] when given. Every element of the result is written.
    /// </summary>
    public static void Forward(Tensor x, Tensor w, Tensor? b, Tensor result, ConvGeometry geo)
    {
        if (x.DType == DType.Float32) Forward<float>(x, w, b, result, geo);
        else Forward<double>(x, w, b, result, geo);
    }

    /// <summary><paramref name="gx"/> [N, C, H, W] (zeroed) += col2im(W_g^T g_g) for each group of the output gradient <paramref name="g"/>.</summary>
    public static void InputGrad(Tensor g, Tensor w, Tensor gx, ConvGeometry geo)
    {
        if (g.DType == DType.Float32) InputGrad<float>(g, w, gx, geo);
        else InputGrad<double>(g, w, gx, geo);
    }

    /// <summary><paramref name="gw"/> [O, C/groups, Kh, Kw] = sum over samples of g_g im2col(x_g)^T. Every element is written.</summary>
    public static void WeightGrad(Tensor g, Tensor x, Tensor gw, ConvGeometry geo)
    {
        if (g.DType == DType.Float32) WeightGrad<float>(g, x, gw, geo);
        else WeightGrad<double>(g, x, gw, geo);
    }

    /// <summary>Adds <paramref name="bias"/>[o] to every element of channel o of <paramref name="result"/> [N, O, H, W].</summary>
    public static void AddChannelBias(Tensor result, Tensor bias)
    {
        if (result.DType == DType.Float32) AddChannelBias<float>(result, bias);
        else AddChannelBias<double>(result, bias);
    }

    private static void Forward<T>(Tensor x, Tensor w, Tensor? b, Tensor result, ConvGeometry geo) where T : unmanaged, INumber<T>
    {
        T[] xs = x.Buffer<T>(), ws = w.Buffer<T>(), outs = result.Buffer<T>();
        T[]? bs = b?.Buffer<T>();
        int rows = geo.Rows, cols = geo.Cols, og = geo.O / geo.Groups;
        ForEachChunk(geo, (n0, nb) =>
        {
            int width = nb * cols;
            var col = ArrayPool<T>.Shared.Rent(rows * width);
            var y = ArrayPool<T>.Shared.Rent(geo.O * width);
            for (int gi = 0; gi < geo.Groups; gi++)
            {
                Unfold(xs, x.Offset, n0, nb, gi, col, geo);
                Gemm.Multiply(og, width, rows, ws, w.Offset + gi * og * rows, rows, false, col, 0, width, false, y, gi * og * width, width);
            }
            // y is [O, samples * cols]; each (sample, channel) row goes to its place in [N, O, cols], plus the bias.
            ParallelRange.ForBlocks(nb, geo.O * cols, (s0, count) =>
            {
                for (int s = s0; s < s0 + count; s++)
                {
                    for (int o = 0; o < geo.O; o++)
                    {
                        var src = new ReadOnlySpan<T>(y, o * width + s * cols, cols);
                        var dst = outs.AsSpan(result.Offset + ((n0 + s) * geo.O + o) * cols, cols);
                        if (bs is null) src.CopyTo(dst);
                        else SimdArith.WithScalar<T, SimdArith.AddOp>(src, bs[b!.Offset + o], false, dst);
                    }
                }
            });
            ArrayPool<T>.Shared.Return(y);
            ArrayPool<T>.Shared.Return(col);
        });
    }

    private static void InputGrad<T>(Tensor g, Tensor w, Tensor gx, ConvGeometry geo) where T : unmanaged, INumber<T>
    {
        T[] gs = g.Buffer<T>(), ws = w.Buffer<T>(), gxs = gx.Buffer<T>();
        int rows = geo.Rows, cols = geo.Cols, og = geo.O / geo.Groups;
        ForEachChunk(geo, (n0, nb) =>
        {
            int width = nb * cols;
            var gt = ChannelsFirst(gs, g.Offset, n0, nb, geo);
            var col = ArrayPool<T>.Shared.Rent(rows * width);
            for (int gi = 0; gi < geo.Groups; gi++)
            {
                Gemm.Multiply(rows, width, og, ws, w.Offset + gi * og * rows, rows, true, gt, gi * og * width, width, false, col, 0, width);
                ParallelRange.ForBlocks(nb, rows * cols, (s0, count) =>
                {
                    for (int s = s0; s < s0 + count; s++)
                    {
                        int xOff = gx.Offset + ((n0 + s) * geo.C + gi * geo.Cg) * geo.H * geo.W;
                        Im2Col.Fold<T>(new ReadOnlySpan<T>(col, s * cols, (rows - 1) * width + cols), width, gxs.AsSpan(xOff, geo.Cg * geo.H * geo.W), geo);
                    }
                });
            }
            ArrayPool<T>.Shared.Return(col);
            ArrayPool<T>.Shared.Return(gt);
        });
    }

    private static void WeightGrad<T>(Tensor g, Tensor x, Tensor gw, ConvGeometry geo) where T : unmanaged, INumber<T>
    {
        T[] gs = g.Buffer<T>(), xs = x.Buffer<T>(), gws = gw.Buffer<T>();
        int rows = geo.Rows, cols = geo.Cols, og = geo.O / geo.Groups;
        // An empty batch contributes nothing: a zero gradient.
        if (geo.N == 0 || cols == 0) gws.AsSpan(gw.Offset, geo.O * rows).Clear();
        ForEachChunk(geo, (n0, nb) =>
        {
            int width = nb * cols;
            var gt = ChannelsFirst(gs, g.Offset, n0, nb, geo);
            var col = ArrayPool<T>.Shared.Rent(rows * width);
            for (int gi = 0; gi < geo.Groups; gi++)
            {
                Unfold(xs, x.Offset, n0, nb, gi, col, geo);
                Gemm.Multiply(og, rows, width, gt, gi * og * width, width, false, col, 0, width, true,
                    gws, gw.Offset + gi * og * rows, rows, accumulate: n0 > 0);
            }
            ArrayPool<T>.Shared.Return(col);
            ArrayPool<T>.Shared.Return(gt);
        });
    }

    private static void AddChannelBias<T>(Tensor result, Tensor bias) where T : unmanaged, INumber<T>
    {
        var outs = result.Buffer<T>();
        var bs = bias.Buffer<T>();
        int n = result.Sizes[0], channels = result.Sizes[1], plane = result.Sizes[2] * result.Sizes[3];
        for (int i = 0; i < n; i++)
        {
            for (int o = 0; o < channels; o++)
            {
                var row = outs.AsSpan(result.Offset + (i * channels + o) * plane, plane);
                SimdArith.WithScalar<T, SimdArith.AddOp>(row, bs[bias.Offset + o], false, row);
            }
        }
    }

    /// <summary>The im2col matrix [rows, nb * cols] of group <paramref name="gi"/> of samples n0 .. n0 + nb - 1, sample s in columns s * cols onwards.</summary>
    private static void Unfold<T>(T[] xs, int offset, int n0, int nb, int gi, T[] col, ConvGeometry geo) where T : unmanaged, INumber<T>
    {
        int cols = geo.Cols, width = nb * cols, plane = geo.Cg * geo.H * geo.W;
        ParallelRange.ForBlocks(nb, geo.Rows * cols, (s0, count) =>
        {
            for (int s = s0; s < s0 + count; s++)
            {
                int xOff = offset + ((n0 + s) * geo.C + gi * geo.Cg) * geo.H * geo.W;
                Im2Col.Unfold<T>(new ReadOnlySpan<T>(xs, xOff, plane), col.AsSpan(s * cols, (geo.Rows - 1) * width + cols), width, geo);
            }
        });
    }

    /// <summary>The output gradient of samples n0 .. n0 + nb - 1 as [O, nb * cols] (a rented array), the layout the products read.</summary>
    private static T[] ChannelsFirst<T>(T[] gs, int offset, int n0, int nb, ConvGeometry geo) where T : unmanaged
    {
        int cols = geo.Cols, width = nb * cols;
        var gt = ArrayPool<T>.Shared.Rent(geo.O * width);
        ParallelRange.ForBlocks(nb, geo.O * cols, (s0, count) =>
        {
            for (int s = s0; s < s0 + count; s++)
            {
                for (int o = 0; o < geo.O; o++)
                {
                    new ReadOnlySpan<T>(gs, offset + ((n0 + s) * geo.O + o) * cols, cols).CopyTo(gt.AsSpan(o * width + s * cols, cols));
                }
            }
        });
        return gt;
    }

    /// <summary>Runs <paramref name="body"/>(first sample, count) over chunks of the batch small enough for <see cref="ChunkElements"/>.</summary>
    private static void ForEachChunk(ConvGeometry geo, Action<int, int> body)
    {
        long perSample = (long)Math.Max(geo.Rows, geo.O) * geo.Cols;
        int chunk = (int)Math.Clamp(ChunkElements / Math.Max(1, perSample), 1, Math.Max(1, geo.N));
        if (geo.Cols == 0) return;
        for (int n0 = 0; n0 < geo.N; n0 += chunk) body(n0, Math.Min(chunk, geo.N - n0));
    }
}
