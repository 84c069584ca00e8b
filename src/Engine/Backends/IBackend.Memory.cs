namespace NNTools.Backends;

/// <summary>Moving elements: strided copies, casts, fills, gathers and puts at offsets, random fills.</summary>
internal partial interface IBackend
{
    /// <summary>src's elements, strided or broadcast, in row-major order into the contiguous dst of its shape and dtype.</summary>
    void CopyToContiguous(Tensor src, Tensor dst);

    /// <summary>The contiguous src converted element by element into the contiguous dst, as <see cref="Tensor.CastOne"/> converts.</summary>
    void Cast(Tensor src, Tensor dst);

    /// <summary>Every element of the contiguous dst set to value, converted as a cast converts it.</summary>
    void Fill(Tensor dst, double value);

    /// <summary>dst (contiguous) = src at each offset plus each of the block's element offsets, block after block.</summary>
    void Gather(Tensor src, int[] offsets, int[] block, Tensor dst);

    /// <summary>target at each offset plus each block offset = (or +=) the contiguous values, block after block.</summary>
    void Put(Tensor values, Tensor target, int[] offsets, int[] block, bool accumulate);

    /// <summary>U[from, to) draws into the contiguous floating dst; false for another dtype.</summary>
    bool FillUniform(Generator generator, Tensor dst, double from, double to);

    /// <summary>N(mean, std²) draws, batched as torch draws a contiguous tensor or one by one; false for a non-floating dst.</summary>
    bool FillNormal(Generator generator, Tensor dst, double mean, double std, bool batched);

    /// <summary>1 with probability p, else 0; false for a non-floating dst.</summary>
    bool FillBernoulli(Generator generator, Tensor dst, double p);
}
