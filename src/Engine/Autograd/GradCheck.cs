namespace NNTools.Autograd;

/// <summary>How far autograd's gradient for one input is from central finite differences.</summary>
public sealed record GradCheckResult(int InputIndex, int[] Shape, double MaxAbsError, double MaxRelError, bool Passed)
{
    public override string ToString() =>
        $"input {InputIndex} {Shapes.Format(Shape)}: max abs error {MaxAbsError:G3}, max rel error {MaxRelError:G3} {(Passed ? "ok" : "FAILED")}";
}

/// <summary>
/// Checks autograd against central finite differences: for a fixed random weighting w of the
/// output, compares d(sum(w * f(x)))/dx from Backward with (L(x + eps) - L(x - eps)) / 2eps per
/// element. Meant for float64 inputs, where eps = 1e-6 leaves errors near 1e-9.
/// </summary>
public static class GradCheck
{
    /// <param name="f">The function under test; it may return any shape.</param>
    /// <param name="inputs">Float64 tensors; those with RequiresGrad are checked (others are held fixed).</param>
    /// <param name="eps">Finite-difference step.</param>
    /// <param name="atol">Absolute tolerance: an element passes when |a - n| &lt;= atol + rtol |n|.</param>
    /// <param name="rtol">Relative tolerance.</param>
    public static IReadOnlyList<GradCheckResult> Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        ThrowIfNull(f);
        ThrowIfNull(inputs);
        Tensor weights;
        using (GradMode.NoGrad())
        {
            var probe = f(inputs);
            weights = Tensor.Rand(probe.Shape, DType.Float64, new Generator(1234)) + 0.5;
        }
        foreach (var x in inputs) x.Grad = null;
        var loss = (f(inputs) * weights).Sum();
        if (loss.RequiresGrad) loss.Backward();

        var results = new List<GradCheckResult>();
        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            if (!x.RequiresGrad) continue;
            var analytic = (x.Grad ?? Tensor.ZerosLike(x)).ToDoubleArray();
            var numeric = Numeric(f, inputs, k, weights, eps);
            double maxAbs = 0, maxRel = 0;
            bool passed = true;
            for (int i = 0; i < numeric.Length; i++)
            {
                double err = Math.Abs(analytic[i] - numeric[i]);
                maxAbs = Math.Max(maxAbs, err);
                maxRel = Math.Max(maxRel, err / Math.Max(Math.Abs(numeric[i]), 1e-12));
                if (!(err <= atol + rtol * Math.Abs(numeric[i]))) passed = false;
            }
            results.Add(new GradCheckResult(k, x.Shape, maxAbs, maxRel, passed));
        }
        return results;
    }

    /// <summary>
    /// Checks second derivatives the same way: the function under test becomes x -> the gradient of
    /// sum(w * f(x)) with respect to the checked inputs (taken with createGraph), whose own gradient
    /// <see cref="Check"/> compares with finite differences of that gradient.
    /// </summary>
    public static IReadOnlyList<GradCheckResult> CheckGradGrad(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        ThrowIfNull(f);
        ThrowIfNull(inputs);
        var checkedInputs = Array.ConvertAll(inputs, x => x.RequiresGrad);
        Tensor weights;
        using (GradMode.NoGrad())
        {
            weights = Tensor.Rand(f(inputs).Shape, DType.Float64, new Generator(4321)) + 0.5;
        }
        return Check(Gradients, inputs, eps, atol, rtol);

        Tensor Gradients(Tensor[] xs)
        {
            // The finite differences call this under no-grad with fresh inputs: the gradient needs a graph either way.
            using var _ = GradMode.EnableGrad();
            var live = new Tensor[xs.Length];
            for (int i = 0; i < xs.Length; i++) live[i] = checkedInputs[i] && !xs[i].RequiresGrad ? xs[i].Detach().RequiresGrad_() : xs[i];
            var wrt = live.Where((_, i) => checkedInputs[i]).ToArray();
            var grads = Autograd.Grad([(f(live) * weights).Sum()], wrt, createGraph: true, allowUnused: true);
            return Tensor.Cat(grads.Select((g, i) => (g ?? Tensor.ZerosLike(wrt[i])).Reshape(-1)).ToArray());
        }
    }

    private static double[] Numeric(Func<Tensor[], Tensor> f, Tensor[] inputs, int k, Tensor weights, double eps)
    {
        using var _ = GradMode.NoGrad();
        var x = inputs[k];
        var baseValues = x.Contiguous().ToDoubleArray();
        var result = new double[baseValues.Length];
        var shifted = inputs.ToArray();
        for (int i = 0; i < baseValues.Length; i++)
        {
            result[i] = (Evaluate(baseValues, i, eps) - Evaluate(baseValues, i, -eps)) / (2 * eps);
        }
        return result;

        double Evaluate(double[] values, int index, double delta)
        {
            var copy = (double[])values.Clone();
            copy[index] += delta;
            shifted[k] = Tensor.FromBuffer(copy, x.Shape).To(x.DType);
            return (f(shifted) * weights).Sum().ToDouble();
        }
    }
}
