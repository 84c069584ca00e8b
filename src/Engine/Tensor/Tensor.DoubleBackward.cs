using NNTools.Autograd;

namespace NNTools;

/// <summary>
/// What backward functions need when the backward pass builds a graph of its own (create_graph):
/// their results must then come from recorded ops, so that they can be differentiated again.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// True inside a backward function when its result must be differentiable. The engine runs backward
    /// functions under no-grad for an ordinary pass, where the fused kernels and in-place gradient
    /// shortcuts apply, and with grad mode on only when the pass records a graph.
    /// </summary>
    internal static bool DifferentiableBackward => GradMode.IsEnabled;

    /// <summary>
    /// <paramref name="z"/>, a result a backward function computed from <paramref name="g"/> with a raw
    /// kernel and that is linear in g (a scatter of g into zeros), recorded as a function of g when
    /// the pass builds a graph: its own gradient is <paramref name="adjoint"/> of the incoming one (the
    /// matching gather). Unchanged, and with no cost, in an ordinary pass.
    /// </summary>
    internal static Tensor LinearInGrad(Tensor z, Tensor g, string name, Func<Tensor, Tensor> adjoint) =>
        DifferentiableBackward ? Record(z, name, [g], gz => [adjoint(gz)]) : z;

    /// <summary>Refuses to build a graph of a backward function that has no differentiable form yet, rather than give a gradient that silently misses terms.</summary>
    internal static void RefuseDoubleBackward(string name)
    {
        if (DifferentiableBackward)
        {
            throw Raise(new AutogradException("DoubleBackwardNotSupported",
                $"{name} has no differentiable backward yet: a graph of the backward pass (createGraph) cannot go through it. Compute this part without createGraph, or detach it."));
        }
    }
}
