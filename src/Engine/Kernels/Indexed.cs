using System.Numerics;

namespace NNTools.Kernels;

/// <summary>
/// Loops for advanced indexing. The selection is a list of block offsets into a storage (one
/// per index position) and the element offsets of one block relative to its start (the
/// un-indexed dims), so gather, put and accumulate are the same two nested loops.
/// </summary>
internal static class Indexed
{
    /// <summary>The storage offsets of every element of a strided block, relative to its first element, in row-major order.</summary>
    public static int[] BlockOffsets(int[] sizes, int[] strides)
    {
        int n = 1;
        foreach (var s in sizes) n *= s;
        var result = new int[n];
        if (n == 0) return result;
        var idx = new int[sizes.Length];
        int off = 0;
        for (int i = 0; i < n; i++)
        {
            result[i] = off;
            for (int d = sizes.Length - 1; d >= 0; d--)
            {
                idx[d]++;
                off += strides[d];
                if (idx[d] < sizes[d]) break;
                off -= strides[d] * sizes[d];
                idx[d] = 0;
            }
        }
        return result;
    }

    /// <summary>dst[b * block + j] = src[offsets[b] + block[j]]; dst is contiguous.</summary>
    public static void Gather<T>(T[] src, int[] offsets, int[] block, T[] dst)
    {
        int n = block.Length;
        for (int b = 0; b < offsets.Length; b++)
        {
            int o = offsets[b], p = b * n;
            for (int j = 0; j < n; j++) dst[p + j] = src[o + block[j]];
        }
    }

    /// <summary>dst[offsets[b] + block[j]] = src[b * block + j]; later positions win where offsets repeat.</summary>
    public static void Put<T>(T[] src, T[] dst, int[] offsets, int[] block)
    {
        int n = block.Length;
        for (int b = 0; b < offsets.Length; b++)
        {
            int o = offsets[b], p = b * n;
            for (int j = 0; j < n; j++) dst[o + block[j]] = src[p + j];
        }
    }

    /// <summary>dst[offsets[b] + block[j]] |= src[b * block + j]: accumulation for bool.</summary>
    public static void AccumulateOr(bool[] src, bool[] dst, int[] offsets, int[] block)
    {
        int n = block.Length;
        for (int b = 0; b < offsets.Length; b++)
        {
            int o = offsets[b], p = b * n;
            for (int j = 0; j < n; j++) dst[o + block[j]] |= src[p + j];
        }
    }

    /// <summary>dst[offsets[b] + block[j]] += src[b * block + j]; repeated offsets add up.</summary>
    public static void Accumulate<T>(T[] src, T[] dst, int[] offsets, int[] block) where T : INumber<T>
    {
        int n = block.Length;
        for (int b = 0; b < offsets.Length; b++)
        {
            int o = offsets[b], p = b * n;
            for (int j = 0; j < n; j++) dst[o + block[j]] += src[p + j];
        }
    }
}
