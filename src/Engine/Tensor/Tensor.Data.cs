using NNTools.Autograd;

namespace NNTools;

public sealed partial class Tensor
{
    /// <summary>
    /// torch's <c>.data</c>. Get: a tensor of the same elements, detached (no grad_fn, RequiresGrad
    /// false), whose in-place writes autograd does not see: it counts versions on its own, so
    /// <c>w.Data.Sub_(w.Grad * lr)</c> updates a leaf that requires grad without the in-place-on-leaf
    /// error, and a graph that saved w does not refuse to run backward afterwards (it then reads the
    /// new values, as PyTorch's does). Set: this tensor takes the other's elements, shape and dtype
    /// (shared, not copied) and keeps its own autograd identity; a tensor that requires grad accepts
    /// only a floating one, as torch.
    /// </summary>
    public Tensor Data
    {
        get => new(SharedBufferStorage(this), Sizes, StrideArray, Offset);
        set
        {
            using var setter = InSetter();
            ThrowIfNull(value);
            if (_requiresGrad && !value.DType.IsFloating())
            {
                throw Raise(new AutogradException("DataDType",
                    $"data set to a tensor that requires gradients must be floating point; the new data is {value.DType.TorchName()}"));
            }
            // A Storage of its own over the same buffer: the version counter stays this tensor's, as
            // torch's set_data keeps the variable's version counter while it takes the new storage.
            Storage = SharedBufferStorage(value);
            Sizes = (int[])value.Sizes.Clone();
            StrideArray = (int[])value.StrideArray.Clone();
            Offset = value.Offset;
            _viewBase = null;
        }
    }

    private static Storage SharedBufferStorage(Tensor t) => t.Storage.Alias();

    /// <summary>True for a tensor whose memory was allocated inside <see cref="GradMode.InferenceMode"/> (torch's is_inference()).</summary>
    public bool IsInference() => Storage.Inference;
}
