using System.Globalization;
using System.Runtime.CompilerServices;

namespace NNTools;

/// <summary>
/// An n-dimensional array of one <see cref="DType"/> that can record the operations made on it
/// for automatic differentiation. A tensor is a view: shape, strides and an offset into a
/// <see cref="Storage"/> that other views may share.
/// </summary>
/// <remarks>
/// Deliberately not IEnumerable: PowerShell would unroll it in the pipeline and its operators
/// would stop binding. Use <see cref="ToArray"/> and friends to get .NET values out.
/// Members keep PyTorch's names in PascalCase so a tutorial translates line by line.
/// </remarks>
public sealed partial class Tensor
{
    // Not readonly only for the Data setter (torch's `t.data = other`), which swaps all four at once.
    internal Storage Storage;
    internal int[] Sizes;
    internal int[] StrideArray;
    internal int Offset;

    internal Tensor(Storage storage, int[] sizes, int[] strides, int offset)
    {
        Storage = storage;
        Sizes = sizes;
        StrideArray = strides;
        // An empty view reads nothing; offset 0 keeps its spans inside even an empty storage.
        Offset = Array.IndexOf(sizes, 0) >= 0 ? 0 : offset;
    }

    /// <summary>A fresh contiguous tensor (zero-filled) of the given shape and dtype.</summary>
    internal static Tensor Empty(ReadOnlySpan<int> shape, DType dtype) => Allocate(shape, dtype, zeroed: true);

    /// <summary>
    /// The error for a buffer .NET could not allocate (more memory than is free, or more elements than
    /// an array may hold): named by shape and bytes, where OutOfMemoryException names neither.
    /// </summary>
    private static TensorLimitException AllocationError(int[] sizes, DType dtype)
    {
        long bytes = (long)Shapes.Numel(sizes) * dtype.ElementSize();
        return new TensorLimitException("AllocationFailed",
            string.Create(CultureInfo.InvariantCulture, $"cannot allocate a {dtype.TorchName()} tensor of shape {Shapes.Format(sizes)}: {bytes:N0} bytes requested, more than this process can allocate for one tensor (.NET arrays hold at most {Array.MaxLength:N0} elements)"));
    }

    /// <summary>
    /// A fresh contiguous tensor whose elements are unspecified: only for results the caller
    /// overwrites entirely before the tensor escapes (see <see cref="Storage.AllocateUninitialized"/>).
    /// </summary>
    internal static Tensor EmptyUninitialized(ReadOnlySpan<int> shape, DType dtype) => Allocate(shape, dtype, zeroed: false);

    private static Tensor Allocate(ReadOnlySpan<int> shape, DType dtype, bool zeroed)
    {
        Shapes.CheckSizes(shape);
        var sizes = shape.ToArray();
        Storage storage;
        try
        {
            int length = Shapes.Numel(sizes);
            storage = zeroed ? Storage.Allocate(dtype, length) : Storage.AllocateUninitialized(dtype, length);
        }
        catch (OutOfMemoryException)
        {
            throw Raise(AllocationError(sizes, dtype));
        }
        return new Tensor(storage, sizes, Shapes.ContiguousStrides(sizes), 0);
    }

    /// <summary>A zero-filled tensor in long-lived memory (<see cref="Storage.AllocateLongLived"/>): parameters and optimizer state.</summary>
    internal static Tensor ZerosLongLived(ReadOnlySpan<int> shape, DType dtype) => LongLived(shape, dtype, zeroed: true);

    /// <summary>A contiguous copy in long-lived memory, with no autograd record: a leaf's first gradient, an optimizer's first buffer.</summary>
    internal Tensor LongLivedCopy()
    {
        // Every element is overwritten by the copy: no need to zero the buffer first.
        var copy = LongLived(Sizes, DType, zeroed: false);
        // A contiguous source (most gradients) is one block copy; Array.Copy is precompiled framework
        // code, where the strided scatter is one more method to compile in a first backward pass.
        if (IsContiguous()) Array.Copy(Storage.Buffer, Offset, copy.Storage.Buffer, 0, copy.Storage.Length);
        else copy.CopyRaw(this);
        return copy;
    }

    private static Tensor LongLived(ReadOnlySpan<int> shape, DType dtype, bool zeroed)
    {
        Shapes.CheckSizes(shape);
        var sizes = shape.ToArray();
        Storage storage;
        try
        {
            storage = Storage.AllocateLongLived(dtype, Shapes.Numel(sizes), zeroed);
        }
        catch (OutOfMemoryException)
        {
            throw Raise(AllocationError(sizes, dtype));
        }
        return new Tensor(storage, sizes, Shapes.ContiguousStrides(sizes), 0);
    }

    /// <summary>
    /// Wraps a flat buffer as a contiguous tensor without copying. Only for arrays the caller made:
    /// a tensor's own buffer may be pooled, and is reused once its own storages are gone.
    /// </summary>
    internal static Tensor FromBuffer<T>(T[] data, ReadOnlySpan<int> shape)
    {
        var dtype = DTypeOf<T>();
        var sizes = shape.ToArray();
        if (Shapes.Numel(sizes) != data.Length)
        {
            throw Raise(new ShapeMismatchException("ShapeDataMismatch",
                $"shape {Shapes.Format(sizes)} is invalid for input of size {data.Length}"));
        }
        return new Tensor(new Storage(data, dtype), sizes, Shapes.ContiguousStrides(sizes), 0);
    }

    internal static DType DTypeOf<T>()
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw Raise(new TensorArgumentException("UnsupportedElementType", $"no tensor dtype holds .NET type {typeof(T).Name}"));
    }

    /// <summary>The element type.</summary>
    public DType DType => Storage.DType;

    /// <summary>The size of every dimension (a copy).</summary>
    public int[] Shape => (int[])Sizes.Clone();

    /// <summary>The number of dimensions (PyTorch's ndim / dim()).</summary>
    public int Ndim => Sizes.Length;

    /// <summary>The number of dimensions, as PyTorch's dim().</summary>
    public int Dim() => Sizes.Length;

    /// <summary>The number of elements.</summary>
    public int Numel() => Shape_Numel(Sizes);

    private static int Shape_Numel(int[] sizes)
    {
        int n = 1;
        foreach (var s in sizes) n *= s;
        return n;
    }

    /// <summary>The size of one dimension; negative dims count from the end.</summary>
    public int Size(int dim) => Sizes[Shapes.WrapDim(dim, Ndim)];

    /// <summary>The strides, in elements.</summary>
    public int[] Stride() => (int[])StrideArray.Clone();

    /// <summary>The offset of the first element in the shared storage, in elements.</summary>
    public int StorageOffset() => Offset;

    /// <summary>True when the elements lie in row-major order with no gaps.</summary>
    public bool IsContiguous()
    {
        // An empty tensor has no element out of place, whatever its strides (as torch's is_contiguous).
        if (Shapes.Numel(Sizes) == 0) return true;
        int expected = 1;
        for (int i = Sizes.Length - 1; i >= 0; i--)
        {
            if (Sizes[i] == 1) continue;
            if (StrideArray[i] != expected) return false;
            expected *= Sizes[i];
        }
        return true;
    }

    /// <summary>
    /// True when both tensors are views of the same memory. Compares the buffers, not the Storage
    /// objects: <see cref="Data"/> wraps the same buffer in a Storage of its own (its own version counter).
    /// </summary>
    public bool SharesStorageWith(Tensor other) => ReferenceEquals(Storage.Buffer, other.Storage.Buffer);

    public bool IsFloatingPoint() => DType.IsFloating();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T[] Buffer<T>() => Unsafe.As<T[]>(Storage.Buffer);

    /// <summary>
    /// The elements in row-major order as a span: the tensor itself when it is contiguous
    /// (so writing through it writes the tensor), a copy otherwise.
    /// </summary>
    internal ReadOnlySpan<T> ContiguousSpan<T>()
    {
        var t = IsContiguous() ? this : ContiguousCopy();
        return new ReadOnlySpan<T>(t.Buffer<T>(), t.Offset, t.Numel());
    }

    /// <summary>Writable span over a contiguous tensor's elements.</summary>
    internal Span<T> WritableSpan<T>()
    {
        if (!IsContiguous()) throw new InvalidOperationException("internal: WritableSpan on a non-contiguous tensor");
        return new Span<T>(Buffer<T>(), Offset, Numel());
    }

    internal void BumpVersion() => Interlocked.Increment(ref Storage.Version);
}
