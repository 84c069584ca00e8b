using System.Runtime.CompilerServices;
using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>
/// Chooses the backend the tensor layer's kernels run on: <see cref="Managed"/> unless a scope on
/// this thread selected another. The static forwarders keep the default path a direct call (one
/// thread-static read and a null test), so the seam costs the hot loops nothing measurable, and keep
/// every tensor operand alive until its kernel returns (<see cref="GC.KeepAlive"/>): a kernel reads raw
/// buffers, and a pooled buffer must not be reclaimed while one does (<see cref="BufferPool"/>).
/// </summary>
internal static partial class Backend
{
    /// <summary>The default: the SIMD, multi-threaded managed kernels.</summary>
    public static readonly ManagedBackend Managed = new();

    /// <summary>The scalar, float64-accumulating reference, for tests that check the default against it.</summary>
    public static readonly ReferenceBackend Reference = new();

    [ThreadStatic] private static IBackend? t_selected;

    /// <summary>The backend kernels on this thread run on.</summary>
    public static IBackend Current => t_selected ?? Managed;

    /// <summary>
    /// Runs this thread's kernels on <paramref name="backend"/> until the returned scope is disposed.
    /// Per thread, as torch's dispatch state: a tensor op on another thread keeps its own choice.
    /// </summary>
    public static Scope Use(IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var previous = t_selected;
        t_selected = ReferenceEquals(backend, Managed) ? null : backend;
        return new Scope(previous);
    }

    /// <summary>Restores the backend that was selected before <see cref="Use"/>.</summary>
    public readonly struct Scope(IBackend? previous) : IDisposable
    {
        public void Dispose() => t_selected = previous;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Unary<TF>(Tensor x, Tensor result) where TF : IUnaryFn
    {
        if (t_selected is { } b) b.Unary<TF>(x, result);
        else Managed.Unary<TF>(x, result);
        GC.KeepAlive(x);
        GC.KeepAlive(result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FloatUnary<TF>(Tensor x, Tensor result) where TF : IFloatUnaryFn
    {
        if (t_selected is { } b) b.FloatUnary<TF>(x, result);
        else Managed.FloatUnary<TF>(x, result);
        GC.KeepAlive(x);
        GC.KeepAlive(result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Binary<TF>(Tensor a, int[] aStrides, Tensor b, int[] bStrides, Tensor result) where TF : IBinaryFn
    {
        if (t_selected is { } s) s.Binary<TF>(a, aStrides, b, bStrides, result);
        else Managed.Binary<TF>(a, aStrides, b, bStrides, result);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Compare<TF>(Tensor a, int[] aStrides, Tensor b, int[] bStrides, Tensor result) where TF : ICompareFn
    {
        if (t_selected is { } s) s.Compare<TF>(a, aStrides, b, bStrides, result);
        else Managed.Compare<TF>(a, aStrides, b, bStrides, result);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(result);
    }

    public static void SumRows(Tensor src, int rows, int length, Tensor result)
    {
        if (t_selected is { } b) b.SumRows(src, rows, length, result);
        else Managed.SumRows(src, rows, length, result);
        GC.KeepAlive(src);
        GC.KeepAlive(result);
    }

    public static void ColumnSums(Tensor matrix, Tensor result)
    {
        if (t_selected is { } b) b.ColumnSums(matrix, result);
        else Managed.ColumnSums(matrix, result);
        GC.KeepAlive(matrix);
        GC.KeepAlive(result);
    }

    public static void AddRowToEach(Tensor matrix, Tensor row)
    {
        if (t_selected is { } b) b.AddRowToEach(matrix, row);
        else Managed.AddRowToEach(matrix, row);
        GC.KeepAlive(matrix);
        GC.KeepAlive(row);
    }

    public static void AddInto(Tensor dst, Tensor src)
    {
        if (t_selected is { } b) b.AddInto(dst, src);
        else Managed.AddInto(dst, src);
        GC.KeepAlive(dst);
        GC.KeepAlive(src);
    }

    public static void MatMul(Tensor a, Tensor b, Tensor result, int[] batch, bool accumulate)
    {
        if (t_selected is { } s) s.MatMul(a, b, result, batch, accumulate);
        else Managed.MatMul(a, b, result, batch, accumulate);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(result);
    }

    public static bool PrefersRowMajorWeightGrad(int batch, int inFeatures, int outFeatures, DType dtype) =>
        Current.PrefersRowMajorWeightGrad(batch, inFeatures, outFeatures, dtype);

    public static bool AccumulatesWeightGradExactly(int batch, int inFeatures, int outFeatures, DType dtype) =>
        Current.AccumulatesWeightGradExactly(batch, inFeatures, outFeatures, dtype);
}
