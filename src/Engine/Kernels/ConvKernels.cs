using System.Numerics;
using System.Numerics.Tensors;

namespace NNTools.Kernels;

/// <summary>
/// The 2-d convolution loops driven by im2col / col2im (<see cref="Im2Col"/>) and one matrix product per
/// sample and group: the forward, the input and weight gradients, the channel bias of a transposed
/// convolution. Every tensor is contiguous and of one floating dtype.
/// </summary>
internal static class ConvKernels
{
    /// <summary>
    /// <paramref name="result"/> [N, O, Ho, Wo] = conv2d(<paramref name="x"/> [N, C, H, W], <paramref name="w"/>
    /// [O, C/groups, Kh, Kw]) plus <paramref name="b"/> [O] when given.
    /// </summary>
    public static void Forward(Tensor x, Tensor w, Tensor? b, Tensor result, ConvGeometry geo)
    {
        if (x.DType == DType.Float32) Forward<float>(x, w, b, result, geo);
        else Forward<double>(x, w, b, result, geo);
    }

    /// <summary><paramref name="gx"/> [N, C, H, W] (zeroed) = col2im(W_g^T g_g) for each sample and group of the output gradient <paramref name="g"/>.</summary>
    public static void InputGrad(Tensor g, Tensor w, Tensor gx, ConvGeometry geo)
    {
        if (g.DType == DType.Float32) InputGrad<float>(g, w, gx, geo);
        else InputGrad<double>(g, w, gx, geo);
    }

    /// <summary>
    /// <paramref name="gw"/> [O, C/groups, Kh, Kw] (zeroed) = sum over samples of g_g im2col(x_g)^T. Samples go in
    /// fixed chunks of <see cref="WeightGradChunk"/>, each summed into its own partial that are then added in
    /// chunk order: the result does not depend on the number of threads.
    /// </summary>
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
        var xs = x.Buffer<T>();
        var ws = w.Buffer<T>();
        var outs = result.Buffer<T>();
        int rows = geo.Rows, cols = geo.Cols, og = geo.O / geo.Groups;
        ForEachSample<T>(geo, 0, geo.N, (n, col) =>
        {
            for (int gi = 0; gi < geo.Groups; gi++)
            {
                var (unfolded, uOff) = Unfolded(xs, x.Offset, n, gi, col, geo);
                Gemm.Multiply(og, cols, rows, ws, w.Offset + gi * og * rows, rows, false, unfolded, uOff, cols, false, outs, (n * geo.O + gi * og) * cols, cols);
            }
            if (b is null) return;
            var bs = b.Buffer<T>();
            for (int o = 0; o < geo.O; o++)
            {
                var row = outs.AsSpan((n * geo.O + o) * cols, cols);
                SimdArith.WithScalar<T, SimdArith.AddOp>(row, bs[b.Offset + o], false, row);
            }
        });
    }

    private static void InputGrad<T>(Tensor g, Tensor w, Tensor gx, ConvGeometry geo) where T : unmanaged, INumber<T>
    {
        var gs = g.Buffer<T>();
        var ws = w.Buffer<T>();
        var gxs = gx.Buffer<T>();
        int rows = geo.Rows, cols = geo.Cols, og = geo.O / geo.Groups;
        ForEachSample<T>(geo, 0, geo.N, (n, col) =>
        {
            for (int gi = 0; gi < geo.Groups; gi++)
            {
                int gOff = g.Offset + (n * geo.O + gi * og) * cols;
                int xOff = (n * geo.C + gi * geo.Cg) * geo.H * geo.W;
                if (geo.IsPointwise)
                {
                    Gemm.Multiply(rows, cols, og, ws, w.Offset + gi * og * rows, rows, true, gs, gOff, cols, false, gxs, xOff, cols);
                    continue;
                }
                Gemm.Multiply(rows, cols, og, ws, w.Offset + gi * og * rows, rows, true, gs, gOff, cols, false, col, 0, cols);
                Im2Col.Fold<T>(col, gxs.AsSpan(xOff, geo.Cg * geo.H * geo.W), geo);
            }
        });
    }

    private static void WeightGrad<T>(Tensor g, Tensor x, Tensor gw, ConvGeometry geo) where T : unmanaged, INumber<T>
    {
        var gs = g.Buffer<T>();
        var xs = x.Buffer<T>();
        int rows = geo.Rows, cols = geo.Cols, og = geo.O / geo.Groups;
        int chunks = (geo.N + WeightGradChunk - 1) / WeightGradChunk;
        // An empty batch contributes nothing: the zeroed gradient stands.
        if (chunks == 0) return;
        var partials = new T[chunks][];
        partials[0] = gw.Buffer<T>();
        for (int i = 1; i < chunks; i++) partials[i] = new T[gw.Numel()];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks == 1 ? 1 : -1 }, chunk =>
        {
            var gws = partials[chunk];
            int end = Math.Min(geo.N, (chunk + 1) * WeightGradChunk);
            ForEachSample<T>(geo, chunk * WeightGradChunk, end, (n, col) =>
            {
                for (int gi = 0; gi < geo.Groups; gi++)
                {
                    var (unfolded, uOff) = Unfolded(xs, x.Offset, n, gi, col, geo);
                    int gOff = g.Offset + (n * geo.O + gi * og) * cols;
                    if (cols < rows)
                    {
                        Gemm.Multiply(og, rows, cols, gs, gOff, cols, false, unfolded, uOff, cols, true, gws, gi * og * rows, rows, accumulate: true);
                        continue;
                    }
                    // With few kernel taps and many output positions, row-by-row dot products run over long
                    // contiguous rows and need no transposed copy of the im2col matrix.
                    for (int o = 0; o < og; o++)
                    {
                        var gRow = gs.AsSpan(gOff + o * cols, cols);
                        var gwRow = gws.AsSpan((gi * og + o) * rows, rows);
                        for (int r = 0; r < rows; r++) gwRow[r] += TensorPrimitives.Dot<T>(gRow, unfolded.AsSpan(uOff + r * cols, cols));
                    }
                }
            }, sequential: true);
        });
        for (int i = 1; i < chunks; i++) SimdArith.Add<T>(partials[0], partials[i], partials[0]);
    }

    private const int WeightGradChunk = 8;

    private static void AddChannelBias<T>(Tensor result, Tensor bias) where T : unmanaged, INumber<T>
    {
        var outs = result.Buffer<T>();
        var bs = bias.Buffer<T>();
        int n = result.Sizes[0], channels = result.Sizes[1], plane = result.Sizes[2] * result.Sizes[3];
        for (int i = 0; i < n; i++)
        {
            for (int o = 0; o < channels; o++)
            {
                var row = outs.AsSpan((i * channels + o) * plane, plane);
                SimdArith.WithScalar<T, SimdArith.AddOp>(row, bs[bias.Offset + o], false, row);
            }
        }
    }

    /// <summary>The im2col matrix of one sample and group: the input planes themselves for a pointwise kernel, else unfolded into <paramref name="col"/>.</summary>
    private static (T[] Array, int Offset) Unfolded<T>(T[] xs, int offset, int n, int gi, T[] col, in ConvGeometry geo) where T : unmanaged, INumber<T>
    {
        int xOff = offset + (n * geo.C + gi * geo.Cg) * geo.H * geo.W;
        if (geo.IsPointwise) return (xs, xOff);
        Im2Col.Unfold<T>(xs.AsSpan(xOff, geo.Cg * geo.H * geo.W), col, geo);
        return (col, 0);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for samples [start, end), each with an im2col buffer of its thread.
    /// Samples write disjoint outputs, so they run in parallel when the batch is worth the threads.
    /// </summary>
    private static void ForEachSample<T>(ConvGeometry geo, int start, int end, Action<int, T[]> body, bool sequential = false)
    {
        int length = geo.IsPointwise ? 0 : geo.Rows * geo.Cols;
        long work = (long)(end - start) * geo.Rows * geo.Cols * geo.O;
        if (sequential || end - start < 2 || work < 1 << 18)
        {
            var col = new T[length];
            for (int n = start; n < end; n++) body(n, col);
            return;
        }
        Parallel.For(start, end, () => new T[length], (n, _, col) =>
        {
            body(n, col);
            return col;
        }, _ => { });
    }
}
