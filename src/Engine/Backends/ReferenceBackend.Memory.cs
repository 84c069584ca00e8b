using System.Numerics;

namespace NNTools.Backends;

/// <summary>
/// Strided copies, casts and fills, one element at a time through <see cref="StridedWalk"/>. Gathers,
/// puts and random draws have one right answer (PyTorch's generator order) and no rounding to check,
/// so they are <see cref="HostBackend"/>'s, as the default's are.
/// </summary>
internal sealed partial class ReferenceBackend
{
    public void CopyToContiguous(Tensor src, Tensor dst)
    {
        switch (src.DType)
        {
            case DType.Float32: Copy<float>(src, dst); break;
            case DType.Float64: Copy<double>(src, dst); break;
            case DType.Int64: Copy<long>(src, dst); break;
            case DType.Int32: Copy<int>(src, dst); break;
            case DType.UInt8: Copy<byte>(src, dst); break;
            default: Copy<bool>(src, dst); break;
        }
    }

    private static void Copy<T>(Tensor src, Tensor dst)
    {
        T[] s = src.Buffer<T>(), d = dst.Buffer<T>();
        var walk = new StridedWalk(src.Sizes, src.Offset, src.StrideArray);
        for (int i = dst.Offset; walk.Next(out int p); i++) d[i] = s[p];
    }

    public void Cast(Tensor src, Tensor dst)
    {
        switch (src.DType)
        {
            case DType.Float32: CastFrom<float>(src, dst); break;
            case DType.Float64: CastFrom<double>(src, dst); break;
            case DType.Int64: CastFrom<long>(src, dst); break;
            case DType.Int32: CastFrom<int>(src, dst); break;
            case DType.UInt8: CastFrom<byte>(src, dst); break;
            default: CastFromBool(src, dst); break;
        }
    }

    private static void CastFrom<TFrom>(Tensor src, Tensor dst) where TFrom : unmanaged, INumber<TFrom>
    {
        var s = src.Buffer<TFrom>();
        int n = src.Numel();
        switch (dst.DType)
        {
            case DType.Float32: { var d = dst.Buffer<float>(); for (int i = 0; i < n; i++) d[dst.Offset + i] = Tensor.CastOne<TFrom, float>(s[src.Offset + i]); break; }
            case DType.Float64: { var d = dst.Buffer<double>(); for (int i = 0; i < n; i++) d[dst.Offset + i] = Tensor.CastOne<TFrom, double>(s[src.Offset + i]); break; }
            case DType.Int64: { var d = dst.Buffer<long>(); for (int i = 0; i < n; i++) d[dst.Offset + i] = Tensor.CastOne<TFrom, long>(s[src.Offset + i]); break; }
            case DType.Int32: { var d = dst.Buffer<int>(); for (int i = 0; i < n; i++) d[dst.Offset + i] = Tensor.CastOne<TFrom, int>(s[src.Offset + i]); break; }
            case DType.UInt8: { var d = dst.Buffer<byte>(); for (int i = 0; i < n; i++) d[dst.Offset + i] = Tensor.CastOne<TFrom, byte>(s[src.Offset + i]); break; }
            default: { var d = dst.Buffer<bool>(); for (int i = 0; i < n; i++) d[dst.Offset + i] = s[src.Offset + i] != TFrom.Zero; break; }
        }
    }

    // A bool converts as the byte 0 or 1 it is.
    private static void CastFromBool(Tensor src, Tensor dst)
    {
        var bytes = Tensor.Empty(src.Sizes, DType.UInt8);
        var s = src.Buffer<bool>();
        var b = bytes.Buffer<byte>();
        for (int i = 0; i < src.Numel(); i++) b[i] = s[src.Offset + i] ? (byte)1 : (byte)0;
        CastFrom<byte>(bytes, dst);
    }

    public void Fill(Tensor dst, double value)
    {
        int n = dst.Numel(), o = dst.Offset;
        switch (dst.DType)
        {
            case DType.Float32: { var d = dst.Buffer<float>(); for (int i = 0; i < n; i++) d[o + i] = (float)value; break; }
            case DType.Float64: { var d = dst.Buffer<double>(); for (int i = 0; i < n; i++) d[o + i] = value; break; }
            case DType.Int64: { var d = dst.Buffer<long>(); for (int i = 0; i < n; i++) d[o + i] = (long)value; break; }
            case DType.Int32: { var d = dst.Buffer<int>(); for (int i = 0; i < n; i++) d[o + i] = Tensor.CastOne<double, int>(value); break; }
            case DType.UInt8: { var d = dst.Buffer<byte>(); for (int i = 0; i < n; i++) d[o + i] = Tensor.CastOne<double, byte>(value); break; }
            default: { var d = dst.Buffer<bool>(); for (int i = 0; i < n; i++) d[o + i] = value != 0; break; }
        }
    }
}
