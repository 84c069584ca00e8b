using System.Numerics;
using NNTools.Kernels;

namespace NNTools.Backends;

/// <summary>
/// Reading and writing values on the host: what printing, ToArray, model files, metrics and the
/// Trainer's finiteness scan need. A device backend would copy and synchronise here.
/// </summary>
internal partial interface IBackend
{
    /// <summary>The contiguous src's elements to the start of dst, an array of the dtype's .NET type.</summary>
    void CopyToHost(Tensor src, Array dst);

    /// <summary>Host values into the contiguous dst, one element each, converted as a cast converts.</summary>
    void CopyFromHost<TFrom>(ReadOnlySpan<TFrom> src, Tensor dst) where TFrom : unmanaged, INumber<TFrom>;

    /// <summary>The element at src's offset, boxed as its dtype's .NET type.</summary>
    object Item(Tensor src);

    /// <summary>The contiguous src's elements as little-endian bytes onto the stream, in chunks of at most chunkBytes.</summary>
    void WriteBytes(Stream stream, Tensor src, int chunkBytes);

    /// <summary>Little-endian bytes from the stream into the contiguous dst; EndOfStreamException when it ends first.</summary>
    void ReadBytes(Stream stream, Tensor dst, int chunkBytes, CancellationToken cancellation);

    /// <summary>True when the contiguous floating tensor holds no NaN or infinity.</summary>
    bool AllFinite(Tensor t);

    /// <summary>How many float32 outputs, thresholded to 0 or 1, equal their float32 target.</summary>
    long CountThresholdMatches(Tensor output, Tensor target, float threshold);

    /// <summary>SGD without momentum on a contiguous parameter: p -= lr (g + wd p).</summary>
    void SgdUpdate(Tensor param, Tensor grad, double lr, double weightDecay);

    /// <summary>Adam's (or AdamW's, when decoupled) update of a contiguous parameter and its two moments, the step already counted.</summary>
    void AdamUpdate(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, in AdamStep step);
}
