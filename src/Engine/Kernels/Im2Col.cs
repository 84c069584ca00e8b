using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NNTools.Kernels;

/// <summary>
/// The sizes of one 2-d convolution: input [N, C, H, W], weight [O, C/groups, Kh, Kw], output
/// [N, O, Ho, Wo]. Sizes are checked by the caller before this is built. A transposed convolution
/// gives the output size (its input's) explicitly: with an output padding of at least the stride,
/// the floor division below would count one more row than the transposed input has.
/// </summary>
internal readonly struct ConvGeometry
{
    public ConvGeometry(int[] input, int[] weight, int[] stride, int[] padding, int[] dilation, int groups, int[]? output = null)
    {
        (N, C, H, W) = (input[0], input[1], input[2], input[3]);
        (O, Kh, Kw) = (weight[0], weight[2], weight[3]);
        Groups = groups;
        Cg = C / groups;
        (Sh, Sw, Ph, Pw, Dh, Dw) = (stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
        Ho = (H + 2 * Ph - Dh * (Kh - 1) - 1) / Sh + 1;
        Wo = (W + 2 * Pw - Dw * (Kw - 1) - 1) / Sw + 1;
        if (output is not null) (Ho, Wo) = (output[0], output[1]);
    }

    public int N { get; }
    public int C { get; }
    public int H { get; }
    public int W { get; }
    public int O { get; }
    public int Kh { get; }
    public int Kw { get; }
    public int Groups { get; }

    /// <summary>Input channels per group.</summary>
    public int Cg { get; }
    public int Sh { get; }
    public int Sw { get; }
    public int Ph { get; }
    public int Pw { get; }
    public int Dh { get; }
    public int Dw { get; }
    public int Ho { get; }
    public int Wo { get; }

    /// <summary>Rows of the im2col matrix of one group: Cg * Kh * Kw.</summary>
    public int Rows => Cg * Kh * Kw;

    /// <summary>Columns of the im2col matrix: one per output position, Ho * Wo.</summary>
    public int Cols => Ho * Wo;

    /// <summary>
    /// A 1x1 kernel with stride 1 and no padding: the input planes already are the im2col matrix (unless a
    /// transposed convolution's output padding made the output larger than its input).
    /// </summary>
    public bool IsPointwise => Kh == 1 && Kw == 1 && Sh == 1 && Sw == 1 && Ph == 0 && Pw == 0 && Ho == H && Wo == W;
}

/// <summary>
/// im2col and its adjoint col2im for one sample and one group: the Cg input planes [Cg, H, W]
/// against the matrix [Cg * Kh * Kw, Ho * Wo] whose row (c, i, j) holds, for every output position
/// (y, x), the input element at (y Sh - Ph + i Dh, x Sw - Pw + j Dw), or zero in the padding.
/// Rows are <c>ld</c> elements apart, so the samples of a batch can sit side by side in one wide
/// matrix and a convolution be one matrix product per group.
/// </summary>
internal static class Im2Col
{
    /// <summary>Fills <paramref name="col"/> [Cg*Kh*Kw, Ho*Wo] (rows <paramref name="ld"/> apart) from the planes <paramref name="x"/> [Cg, H, W].</summary>
    public static void Unfold<T>(ReadOnlySpan<T> x, Span<T> col, int ld, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        if (x.Length < g.Cg * g.H * g.W || col.Length < (g.Rows - 1) * ld + g.Cols) throw new ArgumentException("im2col operands smaller than the geometry");
        // Unchecked from here: every index below lies inside the lengths checked above. A small layer's
        // rows are a few elements long (5 for 3x3 over 7x7), where a span slice and a memmove per row
        // cost more than the copy.
        ref T src = ref MemoryMarshal.GetReference(x);
        ref T dst = ref MemoryMarshal.GetReference(col);
        int row = 0, wo = g.Wo;
        for (int c = 0; c < g.Cg; c++)
        {
            int planeOff = c * g.H * g.W;
            for (int i = 0; i < g.Kh; i++)
            {
                for (int j = 0; j < g.Kw; j++, row++)
                {
                    int xStart = j * g.Dw - g.Pw;
                    var (lo, hi) = ValidRange(xStart, g.Sw, g.W, wo);
                    for (int y = 0; y < g.Ho; y++)
                    {
                        ref T outRow = ref Unsafe.Add(ref dst, row * ld + y * wo);
                        int iy = y * g.Sh - g.Ph + i * g.Dh;
                        if ((uint)iy >= (uint)g.H || lo >= hi)
                        {
                            MemoryMarshal.CreateSpan(ref outRow, wo).Clear();
                            continue;
                        }
                        for (int ox = 0; ox < lo; ox++) Unsafe.Add(ref outRow, ox) = T.Zero;
                        for (int ox = hi; ox < wo; ox++) Unsafe.Add(ref outRow, ox) = T.Zero;
                        // Input column ox * Sw + xStart: inside the row for ox in [lo, hi), so no reference leaves the array.
                        int inRow = planeOff + iy * g.W + xStart;
                        if (g.Sw == 1) CopyRun(ref Unsafe.Add(ref src, inRow + lo), ref Unsafe.Add(ref outRow, lo), hi - lo);
                        else for (int ox = lo; ox < hi; ox++) Unsafe.Add(ref outRow, ox) = Unsafe.Add(ref src, inRow + ox * g.Sw);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Copies a run of <paramref name="n"/> elements. The runs of a small layer are a few elements long (5 and
    /// 14 in a digits CNN), where a memmove call costs more than the copy: runs of one to two vectors move
    /// as two vectors that overlap in the middle, everything between the run's two ends.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRun<T>(ref T from, ref T to, int n)
    {
        int w = Vector128<T>.Count;
        if (Vector128.IsHardwareAccelerated && n >= w && n <= 2 * w)
        {
            var head = Vector128.LoadUnsafe(ref from);
            var tail = Vector128.LoadUnsafe(ref from, (nuint)(n - w));
            head.StoreUnsafe(ref to);
            tail.StoreUnsafe(ref to, (nuint)(n - w));
            return;
        }
        if (n > 2 * w)
        {
            MemoryMarshal.CreateReadOnlySpan(ref from, n).CopyTo(MemoryMarshal.CreateSpan(ref to, n));
            return;
        }
        for (int i = 0; i < n; i++) Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
    }

    /// <summary>Adds every entry of <paramref name="col"/> back onto the input position it was read from (the adjoint of <see cref="Unfold"/>).</summary>
    public static void Fold<T>(ReadOnlySpan<T> col, int ld, Span<T> x, in ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int row = 0;
        for (int c = 0; c < g.Cg; c++)
        {
            var plane = x.Slice(c * g.H * g.W, g.H * g.W);
            for (int i = 0; i < g.Kh; i++)
            {
                for (int j = 0; j < g.Kw; j++, row++)
                {
                    var src = col.Slice(row * ld, g.Ho * g.Wo);
                    int xStart = j * g.Dw - g.Pw;
                    var (lo, hi) = ValidRange(xStart, g.Sw, g.W, g.Wo);
                    for (int y = 0; y < g.Ho; y++)
                    {
                        int iy = y * g.Sh - g.Ph + i * g.Dh;
                        if ((uint)iy >= (uint)g.H) continue;
                        var inRow = src.Slice(y * g.Wo, g.Wo);
                        var outRow = plane.Slice(iy * g.W, g.W);
                        for (int ox = lo; ox < hi; ox++) outRow[ox * g.Sw + xStart] += inRow[ox];
                    }
                }
            }
        }
    }

    /// <summary>The output columns [lo, hi) whose input column ox * stride + start lies inside [0, width).</summary>
    private static (int Lo, int Hi) ValidRange(int start, int stride, int width, int outWidth)
    {
        int lo = start >= 0 ? 0 : (-start + stride - 1) / stride;
        int hi = start >= width ? 0 : Math.Min(outWidth, (width - 1 - start) / stride + 1);
        lo = Math.Min(lo, outWidth);
        return (lo, Math.Max(lo, hi));
    }
}
