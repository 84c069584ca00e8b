namespace NNTools.Kernels;

/// <summary>Training metrics counted in one pass over the elements, without the temporary tensors of the composed ops.</summary>
internal static class MetricKernels
{
    /// <summary>
    /// How many (output &gt; threshold ? 1 : 0) == target, for a contiguous float32 output and target
    /// of one shape: the count Gt, To, Eq and Sum give.
    /// </summary>
    public static long CountThresholdMatches(Tensor output, Tensor target, float threshold)
    {
        var o = output.ContiguousSpan<float>();
        var t = target.ContiguousSpan<float>();
        long correct = 0;
        for (int i = 0; i < o.Length; i++)
        {
            if ((o[i] > threshold ? 1f : 0f) == t[i]) correct++;
        }
        return correct;
    }
}
