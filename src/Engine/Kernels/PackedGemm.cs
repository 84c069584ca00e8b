using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static NNTools.Kernels.GemmMicroKernels;

namespace NNTools.Kernels;

/// <summary>
/// Cache-blocked GEMM for float and double in the BLIS arrangement: for each block of NC columns
/// of B and KC steps of k, B's block is packed into NR-wide panels (KC x NR fits L1), then each block
/// of rows of A into MR-tall panels (an MC x KC block fits L2), and the micro-kernel sweeps MR x NR
/// tiles of C. Packing reads either layout of each operand (row-major or transposed), so transposed
/// operands cost nothing extra and are never copied whole; edge panels are zero-padded and their
/// tiles computed into a scratch tile, then the valid part merged into C.
/// Large products run on all cores: packing B is split over its panels, then the tiles over blocks
/// of rows and ranges of panels. Every element of C is computed by one task in the same k order,
/// so results do not depend on the number of threads.
/// </summary>
internal static unsafe class PackedGemm
{
    /// <summary>Steps of k per packed block: a KC x NR panel of B is 32 KiB, within L1.</summary>
    public const int KC = 256;

    /// <summary>Columns of B per packed block (a multiple of every NR).</summary>
    private const int NC = 4096;

    /// <summary>Bytes of A per packed block (MC x KC), sized for L2.</summary>
    private const int ABlockBytes = 480 * KC * sizeof(float);

    /// <summary>Products with at most this many rows read a row-major B in place instead of packing it.</summary>
    private const int DirectBMaxRows = 64;

    /// <summary>Below this many multiply-adds one thread is faster than waking others.</summary>
    internal const long ParallelThreshold = 1L << 20;

    [ThreadStatic] private static PackBuffer? _aBuffer;
    [ThreadStatic] private static PackBuffer? _bBuffer;

    public static bool IsAccelerated => SimdWidth.Bits >= 128;

    /// <summary>
    /// C[m x n] (+)= op(A) op(B) as <see cref="Gemm.Multiply{T}"/>, with pointers to the first
    /// element of each operand; T is float or double and m, n, k are positive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(int m, int n, int k, T* a, int lda, bool transA, T* b, int ldb, bool transB,
        T* c, int ldc, bool accumulate) where T : unmanaged
    {
        // The width is fixed here, on the caller's thread, and travels to the workers as the tile's rows.
        int bits = SimdWidth.Bits;
        int mr = bits == 512 ? MR512 : bits == 256 ? MR256 : MR128;
        int nr = 2 * (bits == 512 ? Vector512<T>.Count : bits == 256 ? Vector256<T>.Count : Vector128<T>.Count);
        int threads = (long)m * n * k >= ParallelThreshold ? WorkerTeam.Size : 1;
        int mcMax = ABlockBytes / (KC * sizeof(T)) / mr * mr;
        int rowBlocks = (m + mcMax - 1) / mcMax;
        // Enough rows for every thread: give each its own rows (and its own packed A). Few rows: one
        // block of rows and the work split over panels of columns instead.
        if (threads > 1 && m >= threads * mr * 4) rowBlocks = (rowBlocks + threads - 1) / threads * threads;
        int mc = RoundUp((m + rowBlocks - 1) / rowBlocks, mr);
        rowBlocks = (m + mc - 1) / mc;
        var operands = new Operands<T>(a, lda, transA, b, ldb, transB, c, ldc, mr, nr);
        // Few rows of A: each B panel serves only a few tiles, so packing B (a copy of all of it per
        // product) costs about as much as the multiply-adds. A row-major B is then read in place, its
        // NR values of a k step being contiguous already; only a ragged last panel is packed (zero-padded).
        bool directB = !transB && m <= DirectBMaxRows;
        T* bPack = (T*)PackBuffer.Get(ref _bBuffer, (nuint)(KC * NC * sizeof(T)));
        int nextTask = 0;

        // One fork for the whole product: for each packed block of B every worker packs its share of
        // the panels, waits for the others, then takes tiles tasks until none is left, and waits again
        // before the next block overwrites B̃.
        WorkerTeam.Run(threads, (worker, barrier) =>
        {
            int workers = barrier.Workers;
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                int panels = (nc + nr - 1) / nr;
                int colChunks = workers > 1 ? Math.Min(panels, Math.Max(1, (2 * workers + rowBlocks - 1) / rowBlocks)) : 1;
                int tasks = rowBlocks * colChunks;
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    var step = new Step(jc, nc, pc, kc, accumulate || pc > 0, (nint)bPack, directB);
                    if (worker == 0) Volatile.Write(ref nextTask, 0);
                    var (first, end) = Range(panels, workers, worker);
                    for (int jr = first; jr < end; jr++)
                    {
                        if (!directB || (jr + 1) * nr > nc) PackB(operands, step, jr);
                    }
                    barrier.SignalAndWait();
                    for (int task = Interlocked.Increment(ref nextTask) - 1; task < tasks; task = Interlocked.Increment(ref nextTask) - 1)
                    {
                        // Tasks run down the row blocks first: the workers' first tasks are different row
                        // blocks, so (in the usual case of workers keeping pace) each writes whole rows of C
                        // and the elementwise passes that follow, split into contiguous ranges the same way
                        // (bias, activation, the Trainer's finiteness check, the optimizer), find their
                        // part in their own core's cache.
                        int ic = task % rowBlocks * mc;
                        var (cFirst, cEnd) = Range(panels, colChunks, task / rowBlocks);
                        int rows = Math.Min(mc, m - ic);
                        T* aPack = (T*)PackBuffer.Get(ref _aBuffer, (nuint)(mc * KC * sizeof(T)));
                        PackA(operands, step, ic, rows, aPack);
                        MacroKernel(operands, step, ic, rows, aPack, cFirst, cEnd);
                    }
                    barrier.SignalAndWait();
                }
            }
        });
    }

    private static (int First, int End) Range(int total, int parts, int index) =>
        ((int)((long)total * index / parts), (int)((long)total * (index + 1) / parts));

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Ã for rows [ic, ic + rows) and k steps [pc, pc + kc): MR-row panels, each kc groups of MR values, zero below the last row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(in Operands<T> o, in Step s, int ic, int rows, T* dst) where T : unmanaged
    {
        int mr = o.MR;
        if (o.TransA)
        {
            // A(i, p) = a[p * lda + i]: the values of one k step are a contiguous run of the rows. One pass
            // along k, each step's run cut into the panels: every row of storage is read once, in order
            // (panel by panel, a power-of-two lda would evict each line before its next panel reads it).
            T* src = o.A + (nint)s.PC * o.Lda + ic;
            for (int p = 0; p < s.KC; p++, src += o.Lda)
            {
                for (int ir = 0; ir < rows; ir += mr)
                {
                    T* d = dst + ir * s.KC + p * mr;
                    int valid = Math.Min(mr, rows - ir);
                    if (valid == MR512 && mr == MR512) Unsafe.CopyBlockUnaligned(d, src + ir, (uint)(MR512 * sizeof(T)));
                    else
                    {
                        for (int ii = 0; ii < valid; ii++) d[ii] = src[ir + ii];
                        for (int ii = valid; ii < mr; ii++) d[ii] = default;
                    }
                }
            }
            return;
        }
        // A(i, p) = a[i * lda + p]: each panel is the transpose of an MR x kc block of rows.
        for (int ir = 0; ir < rows; ir += mr)
        {
            int valid = Math.Min(mr, rows - ir);
            T* panel = dst + ir * s.KC;
            PackTranspose.Copy(o.A + (nint)(ic + ir) * o.Lda + s.PC, o.Lda, panel, mr, valid, s.KC);
            for (int p = 0; p < s.KC && valid < mr; p++)
            {
                for (int ii = valid; ii < mr; ii++) panel[p * mr + ii] = default;
            }
        }
    }

    /// <summary>Panel jr of B̃: kc groups of NR values for columns [jc + jr NR, +NR), zero right of the last column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T>(in Operands<T> o, in Step s, int jr) where T : unmanaged
    {
        int nr = o.NR;
        int j0 = jr * nr;
        int valid = Math.Min(nr, s.NC - j0);
        T* panel = (T*)s.BPack + (nint)j0 * s.KC;
        if (o.TransB)
        {
            // B(p, j) = b[j * ldb + p]: the panel is the transpose of NR columns of op(B), each a run along k.
            PackTranspose.Copy(o.B + (nint)(s.JC + j0) * o.Ldb + s.PC, o.Ldb, panel, nr, valid, s.KC);
            for (int p = 0; p < s.KC && valid < nr; p++) new Span<T>(panel + p * nr + valid, nr - valid).Clear();
            return;
        }
        // B(p, j) = b[p * ldb + j]: the NR values of one k step are contiguous.
        T* row = o.B + (nint)s.PC * o.Ldb + s.JC + j0;
        for (int p = 0; p < s.KC; p++, row += o.Ldb)
        {
            var d = new Span<T>(panel + p * nr, nr);
            new ReadOnlySpan<T>(row, valid).CopyTo(d);
            d[valid..].Clear();
        }
    }

    /// <summary>All tiles of rows [ic, ic + rows) and panels [first, end): panel by panel, so each B̃ panel stays in L1 while Ã streams from L2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel<T>(in Operands<T> o, in Step s, int ic, int rows, T* aPack, int first, int end) where T : unmanaged
    {
        int mr = o.MR, nr = o.NR;
        T* tile = stackalloc T[MR512 * 2 * Vector512<T>.Count];
        for (int jr = first; jr < end; jr++)
        {
            int j0 = jr * nr;
            int cols = Math.Min(nr, s.NC - j0);
            bool inPlace = s.DirectB && cols == nr;
            T* bp = inPlace ? o.B + (nint)s.PC * o.Ldb + s.JC + j0 : (T*)s.BPack + (nint)j0 * s.KC;
            int bStep = inPlace ? o.Ldb : nr;
            for (int ir = 0; ir < rows; ir += mr)
            {
                int tileRows = Math.Min(mr, rows - ir);
                T* ap = aPack + ir * s.KC;
                T* cp = o.C + (nint)(ic + ir) * o.Ldc + s.JC + j0;
                bool full = tileRows == mr && cols == nr;
                T* target = full ? cp : tile;
                int ld = full ? o.Ldc : nr;
                bool add = full && s.Add;
                if (mr == MR512) Kernel512(s.KC, ap, bp, bStep, target, ld, add);
                else if (mr == MR256) Kernel256(s.KC, ap, bp, bStep, target, ld, add);
                else Kernel128(s.KC, ap, bp, bStep, target, ld, add);
                if (!full) MergeTile(tile, nr, cp, o.Ldc, tileRows, cols, s.Add);
            }
        }
    }

    private static void MergeTile<T>(T* tile, int ldt, T* c, int ldc, int rows, int cols, bool add) where T : unmanaged
    {
        for (int r = 0; r < rows; r++)
        {
            var src = new ReadOnlySpan<T>(tile + r * ldt, cols);
            var dst = new Span<T>(c + (nint)r * ldc, cols);
            if (!add)
            {
                src.CopyTo(dst);
            }
            else if (typeof(T) == typeof(float))
            {
                SimdArith.Add(MemoryMarshal.Cast<T, float>(src), MemoryMarshal.Cast<T, float>(dst), MemoryMarshal.Cast<T, float>(dst));
            }
            else
            {
                SimdArith.Add(MemoryMarshal.Cast<T, double>(src), MemoryMarshal.Cast<T, double>(dst), MemoryMarshal.Cast<T, double>(dst));
            }
        }
    }

    /// <summary>The operands and the blocking of one product.</summary>
    private readonly struct Operands<T>(T* a, int lda, bool transA, T* b, int ldb, bool transB, T* c, int ldc, int mr, int nr)
        where T : unmanaged
    {
        public readonly T* A = a, B = b, C = c;
        public readonly int Lda = lda, Ldb = ldb, Ldc = ldc, MR = mr, NR = nr;
        public readonly bool TransA = transA, TransB = transB;
    }

    /// <summary>One packed block of B: columns [JC, JC + NC), k steps [PC, PC + KC); Add when C already holds a partial sum.</summary>
    private readonly record struct Step(int JC, int NC, int PC, int KC, bool Add, nint BPack, bool DirectB);

    /// <summary>A 64-byte aligned native buffer per thread, grown on demand and freed with the thread.</summary>
    private sealed class PackBuffer
    {
        private void* _ptr;
        private nuint _bytes;

        public static void* Get(ref PackBuffer? slot, nuint bytes)
        {
            slot ??= new PackBuffer();
            if (slot._bytes < bytes)
            {
                NativeMemory.AlignedFree(slot._ptr);
                slot._ptr = NativeMemory.AlignedAlloc(bytes, 64);
                slot._bytes = bytes;
            }
            return slot._ptr;
        }

        ~PackBuffer() => NativeMemory.AlignedFree(_ptr);
    }
}
