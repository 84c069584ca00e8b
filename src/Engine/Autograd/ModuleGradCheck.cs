using NNTools.NN;

namespace NNTools.Autograd;

/// <summary>
/// <see cref="GradCheck"/> for a model's parameters: autograd's d(sum(w * model(x)))/dp against
/// central finite differences, one result per named parameter. The check perturbs the parameters
/// themselves, so it leaves them (and their gradients) as it found them.
/// </summary>
public static class ModuleGradCheck
{
    /// <param name="module">The model; use float64 parameters and eval mode (dropout would make the check random).</param>
    /// <param name="input">The model's input, held fixed.</param>
    /// <param name="eps">Finite-difference step.</param>
    /// <param name="atol">Absolute tolerance, as in <see cref="GradCheck.Check"/>.</param>
    /// <param name="rtol">Relative tolerance, as in <see cref="GradCheck.Check"/>.</param>
    public static IReadOnlyList<(string Name, GradCheckResult Result)> Check(Module module, Tensor input, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        ThrowIfNull(module);
        ThrowIfNull(input);
        var named = module.NamedParameters().Where(p => p.Parameter.RequiresGrad).ToArray();
        var parameters = named.Select(p => p.Parameter).ToArray();
        var saved = parameters.Select(p => p.Detach().Clone()).ToArray();
        var savedGrads = parameters.Select(p => p.Grad).ToArray();
        var dirty = new bool[parameters.Length];

        // GradCheck hands f either the parameters themselves (autograd pass, unperturbed) or a
        // copy with one of them replaced by shifted values: load whatever f is given into the
        // model's parameters before running it.
        Tensor Forward(Tensor[] values)
        {
            using (GradMode.NoGrad())
            {
                for (int i = 0; i < parameters.Length; i++)
                {
                    bool own = ReferenceEquals(values[i], parameters[i]);
                    if (own && !dirty[i]) continue;
                    parameters[i].Copy_(own ? saved[i] : values[i]);
                    dirty[i] = !own;
                }
            }
            return module.Invoke(values[^1]);
        }

        try
        {
            var results = GradCheck.Check(Forward, [.. parameters, input], eps, atol, rtol);
            // An input that requires grad is checked too, under the name "input".
            return [.. results.Select(r => (r.InputIndex < named.Length ? named[r.InputIndex].Name : "input", r))];
        }
        finally
        {
            using (GradMode.NoGrad())
            {
                for (int i = 0; i < parameters.Length; i++)
                {
                    if (dirty[i]) parameters[i].Copy_(saved[i]);
                    parameters[i].Grad = savedGrads[i];
                }
            }
        }
    }
}
