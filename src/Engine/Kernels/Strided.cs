using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// Loops over possibly non-contiguous, broadcast operands (stride 0 on broadcast dims) into a
/// fresh contiguous output. The innermost dimension is a tight loop; outer dimensions advance
/// with a counter per dim, so no index arithmetic is repeated per element.
/// </summary>
internal static class Strided
{
    /// <summary>out[i] = F(a[i], b[i]) over <paramref name="shape"/>; out is contiguous.</summary>
    public static void Binary<T, TF>(T[] a, int oa, int[] sa, T[] b, int ob, int[] sb, T[] o, int[] shape)
        where T : unmanaged, INumber<T> where TF : IBinaryFn
    {
        int rank = shape.Length;
        int n = o.Length;
        if (n == 0) return;
        if (rank == 0)
        {
            o[0] = TF.Apply(a[oa], b[ob]);
            return;
        }
        if (WholeSpans<T, TF>(a, oa, sa, b, ob, sb, o, shape)) return;
        int inner = shape[rank - 1];
        int ia = sa[rank - 1], ib = sb[rank - 1];
        Span<int> idx = stackalloc int[rank];
        int pa = oa, pb = ob;
        for (int po = 0; po < n; po += inner)
        {
            if (ia == 1 && ib == 1)
            {
                var sa_ = a.AsSpan(pa, inner);
                var sb_ = b.AsSpan(pb, inner);
                var so = o.AsSpan(po, inner);
                if (TF.Spans(sa_, sb_, so)) goto next;
                for (int i = 0; i < so.Length; i++) so[i] = TF.Apply(sa_[i], sb_[i]);
            }
            else if (ib == 0 && ia == 1)
            {
                var s = b[pb];
                var sa_ = a.AsSpan(pa, inner);
                var so = o.AsSpan(po, inner);
                for (int i = 0; i < so.Length; i++) so[i] = TF.Apply(sa_[i], s);
            }
            else if (ia == 0 && ib == 1)
            {
                var s = a[pa];
                var sb_ = b.AsSpan(pb, inner);
                var so = o.AsSpan(po, inner);
                for (int i = 0; i < so.Length; i++) so[i] = TF.Apply(s, sb_[i]);
            }
            else
            {
                for (int i = 0; i < inner; i++) o[po + i] = TF.Apply(a[pa + i * ia], b[pb + i * ib]);
            }
        next:
            Advance(idx, shape, sa, sb, ref pa, ref pb);
        }
    }

    /// <summary>
    /// The common cases as one SIMD call over all n elements: both operands dense in row-major order
    /// (same shape, contiguous), or one dense and the other a single broadcast value (all strides 0).
    /// False when the layout is anything else or F has no SIMD form.
    /// </summary>
    private static bool WholeSpans<T, TF>(T[] a, int oa, int[] sa, T[] b, int ob, int[] sb, T[] o, int[] shape)
        where T : unmanaged, INumber<T> where TF : IBinaryFn
    {
        int n = o.Length;
        bool denseA = IsDense(sa, shape), denseB = IsDense(sb, shape);
        if (denseA && denseB) return TF.Spans(a.AsSpan(oa, n), b.AsSpan(ob, n), o);
        if (denseA && IsBroadcastScalar(sb, shape)) return TF.SpanScalar(a.AsSpan(oa, n), b[ob], o);
        if (denseB && IsBroadcastScalar(sa, shape)) return TF.ScalarSpan(a[oa], b.AsSpan(ob, n), o);
        return false;
    }

    /// <summary>True when <paramref name="strides"/> walk <paramref name="shape"/> in row-major order with no gaps (size-1 dims ignored).</summary>
    private static bool IsDense(int[] strides, int[] shape)
    {
        int expected = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] == 1) continue;
            if (strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /// <summary>True when every element reads the same value (stride 0 on every dim longer than 1).</summary>
    private static bool IsBroadcastScalar(int[] strides, int[] shape)
    {
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] != 1 && strides[d] != 0) return false;
        }
        return true;
    }

    public static void Compare<T, TF>(T[] a, int oa, int[] sa, T[] b, int ob, int[] sb, bool[] o, int[] shape)
        where T : unmanaged, INumber<T> where TF : ICompareFn
    {
        int rank = shape.Length;
        int n = o.Length;
        if (n == 0) return;
        if (rank == 0)
        {
            o[0] = TF.Apply(a[oa], b[ob]);
            return;
        }
        int inner = shape[rank - 1];
        int ia = sa[rank - 1], ib = sb[rank - 1];
        Span<int> idx = stackalloc int[rank];
        int pa = oa, pb = ob;
        for (int po = 0; po < n; po += inner)
        {
            for (int i = 0; i < inner; i++) o[po + i] = TF.Apply(a[pa + i * ia], b[pb + i * ib]);
            Advance(idx, shape, sa, sb, ref pa, ref pb);
        }
    }

    public static void Unary<T, TF>(T[] a, int oa, int[] sa, T[] o, int[] shape)
        where T : unmanaged, INumber<T> where TF : IUnaryFn
    {
        int n = o.Length;
        if (n == 0) return;
        if (shape.Length == 0)
        {
            o[0] = TF.Apply(a[oa]);
            return;
        }
        if (IsDense(sa, shape) && DenseUnary<T, TF>(a, oa, o)) return;
        int rank = shape.Length;
        int inner = shape[rank - 1];
        int ia = sa[rank - 1];
        Span<int> idx = stackalloc int[rank];
        int pa = oa, dummy = 0;
        for (int po = 0; po < n; po += inner)
        {
            for (int i = 0; i < inner; i++) o[po + i] = TF.Apply(a[pa + i * ia]);
            Advance(idx, shape, sa, sa, ref pa, ref dummy);
        }
    }

    /// <summary>
    /// F over a dense input through the functor's whole-span (SIMD) form, split across the cores for
    /// large tensors (elementwise, so the bits do not depend on the split); false when F has no such form.
    /// </summary>
    private static bool DenseUnary<T, TF>(T[] a, int oa, T[] o) where T : unmanaged, INumber<T> where TF : IUnaryFn
    {
        int n = o.Length;
        if (ParallelRange.RunsOnCaller(n)) return TF.Span(new ReadOnlySpan<T>(a, oa, n), o);
        if (!TF.Span(new ReadOnlySpan<T>(a, oa, 0), Span<T>.Empty)) return false;
        ParallelRange.For(n, (start, length) => TF.Span(new ReadOnlySpan<T>(a, oa + start, length), o.AsSpan(start, length)));
        return true;
    }

    public static void FloatUnary<T, TF>(T[] a, int oa, int[] sa, T[] o, int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T> where TF : IFloatUnaryFn
    {
        int n = o.Length;
        if (n == 0) return;
        if (shape.Length == 0)
        {
            o[0] = TF.Apply(a[oa]);
            return;
        }
        int rank = shape.Length;
        int inner = shape[rank - 1];
        int ia = sa[rank - 1];
        Span<int> idx = stackalloc int[rank];
        int pa = oa, dummy = 0;
        for (int po = 0; po < n; po += inner)
        {
            if (ia == 1)
            {
                var src = a.AsSpan(pa, inner);
                var dst = o.AsSpan(po, inner);
                for (int i = 0; i < dst.Length; i++) dst[i] = TF.Apply(src[i]);
            }
            else
            {
                for (int i = 0; i < inner; i++) o[po + i] = TF.Apply(a[pa + i * ia]);
            }
            Advance(idx, shape, sa, sa, ref pa, ref dummy);
        }
    }

    /// <summary>Copies a strided view into a contiguous destination buffer starting at <paramref name="od"/>.</summary>
    public static void Gather<T>(T[] a, int oa, int[] sa, T[] o, int od, int[] shape)
    {
        int n = 1;
        foreach (var s in shape) n *= s;
        if (n == 0) return;
        if (shape.Length == 0)
        {
            o[od] = a[oa];
            return;
        }
        int rank = shape.Length;
        int inner = shape[rank - 1];
        int ia = sa[rank - 1];
        Span<int> idx = stackalloc int[rank];
        int pa = oa, dummy = 0;
        for (int po = od; po < od + n; po += inner)
        {
            if (ia == 1) Array.Copy(a, pa, o, po, inner);
            else for (int i = 0; i < inner; i++) o[po + i] = a[pa + i * ia];
            Advance(idx, shape, sa, sa, ref pa, ref dummy);
        }
    }

    /// <summary>Writes contiguous <paramref name="src"/> (or a broadcast view of it) into a strided destination.</summary>
    public static void Scatter<T>(T[] src, int os, int[] ss, T[] dst, int odst, int[] sd, int[] shape)
    {
        int n = 1;
        foreach (var s in shape) n *= s;
        if (n == 0) return;
        if (shape.Length == 0)
        {
            dst[odst] = src[os];
            return;
        }
        if (IsDense(ss, shape) && IsDense(sd, shape))
        {
            // Both dense in the same order (a weight snapshot, a contiguous copy_): one block move.
            src.AsSpan(os, n).CopyTo(dst.AsSpan(odst, n));
            return;
        }
        int rank = shape.Length;
        int inner = shape[rank - 1];
        int isrc = ss[rank - 1], idst = sd[rank - 1];
        Span<int> idx = stackalloc int[rank];
        int ps = os, pd = odst;
        for (int done = 0; done < n; done += inner)
        {
            if (isrc == 1 && idst == 1) src.AsSpan(ps, inner).CopyTo(dst.AsSpan(pd, inner));
            else for (int i = 0; i < inner; i++) dst[pd + i * idst] = src[ps + i * isrc];
            Advance(idx, shape, ss, sd, ref ps, ref pd);
        }
    }

    /// <summary>Steps the outer-dimension counters by one row and moves both operand offsets.</summary>
    private static void Advance(Span<int> idx, int[] shape, int[] sa, int[] sb, ref int pa, ref int pb)
    {
        for (int d = shape.Length - 2; d >= 0; d--)
        {
            idx[d]++;
            pa += sa[d];
            pb += sb[d];
            if (idx[d] < shape[d]) return;
            pa -= sa[d] * shape[d];
            pb -= sb[d] * shape[d];
            idx[d] = 0;
        }
    }
}
