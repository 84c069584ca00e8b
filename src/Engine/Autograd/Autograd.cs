namespace NNTools.Autograd;

/// <summary>torch.autograd's functions that are not tensor methods.</summary>
public static class Autograd
{
    /// <summary>
    /// torch.autograd.grad: the gradients of <paramref name="outputs"/> with respect to
    /// <paramref name="inputs"/>, returned in input order and never added to any tensor's Grad.
    /// A non-scalar output needs its entry in <paramref name="gradOutputs"/> (the vector of the
    /// vector-Jacobian product). <paramref name="retainGraph"/> defaults to <paramref name="createGraph"/>.
    /// With <paramref name="createGraph"/> the backward computation is recorded, so the gradients can
    /// be differentiated again (gradient penalties, Hessian-vector products). An input the outputs do
    /// not depend on is an error unless <paramref name="allowUnused"/>, which gives null for it.
    /// </summary>
    public static Tensor?[] Grad(Tensor[] outputs, Tensor[] inputs, Tensor?[]? gradOutputs = null,
        bool? retainGraph = null, bool createGraph = false, bool allowUnused = false)
    {
        ThrowIfNull(outputs);
        ThrowIfNull(inputs);
        foreach (var t in outputs) ThrowIfNull(t, nameof(outputs));
        foreach (var t in inputs) ThrowIfNull(t, nameof(inputs));
        return BackwardEngine.Grad(outputs, gradOutputs, inputs, retainGraph ?? createGraph, createGraph, allowUnused);
    }

    /// <summary>The one-output, one-input form of <see cref="Grad(Tensor[], Tensor[], Tensor?[], bool?, bool, bool)"/>.</summary>
    public static Tensor? Grad(Tensor output, Tensor input, Tensor? gradOutput = null,
        bool? retainGraph = null, bool createGraph = false, bool allowUnused = false)
    {
        ThrowIfNull(output);
        ThrowIfNull(input);
        return Grad([output], [input], gradOutput is null ? null : [gradOutput], retainGraph, createGraph, allowUnused)[0];
    }
}
