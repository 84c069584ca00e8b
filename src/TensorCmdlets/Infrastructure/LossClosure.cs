using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// A scriptblock as the closure an optimizer such as LBFGS evaluates (Func&lt;Tensor&gt;): it clears the
/// gradients, computes the loss, calls Backward and returns the loss. It runs in the caller's runspace,
/// on the thread that steps the optimizer; its one output must be the loss tensor.
/// </summary>
public static class LossClosure
{
    public static Func<Tensor> From(ScriptBlock closure, string name) => () =>
    {
        var output = closure.Invoke();
        var results = output.Where(o => o is not null).ToArray();
        if (results.Length != 1 || results[0].BaseObject is not Tensor loss)
        {
            throw new TensorArgumentException("ClosureResult",
                $"the -{name} scriptblock must return the loss tensor, one object; it returned {results.Length} object(s)" +
                (results.Length == 1 ? $" of type {results[0].BaseObject.GetType().Name}" : "") +
                " (assign or pipe to Out-Null what else it outputs)");
        }
        return loss;
    };
}
