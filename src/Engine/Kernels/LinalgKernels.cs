using MathNet.Numerics.LinearAlgebra;

namespace NNTools.Kernels;

/// <summary>The reads of tensor data into MathNet matrices that the decompositions and solves run on.</summary>
internal static class LinalgKernels
{
    /// <summary>
    /// Matrix <paramref name="index"/> of the contiguous float64 stack <paramref name="t"/> [count, rows, cols],
    /// copied into a new MathNet matrix read row-major.
    /// </summary>
    public static Matrix<double> RowMajorMatrix(Tensor t, int index, int rows, int cols) =>
        Matrix<double>.Build.DenseOfRowMajor(rows, cols, new ArraySegment<double>(t.Buffer<double>(), t.Offset + index * rows * cols, rows * cols));
}
