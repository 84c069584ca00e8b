namespace NNTools;

public sealed partial class Tensor
{
    /// <summary>The tensor as PyTorch prints it, e.g. "tensor([1., 2.], requires_grad=True)", under the current <see cref="PrintOptions"/>.</summary>
    public override string ToString() => TensorFormatter.Format(this, PrintOptions.Current);

    /// <summary>The tensor as PyTorch prints it under the given options.</summary>
    public string ToString(PrintSettings options)
    {
        ThrowIfNull(options);
        options.Validate();
        return TensorFormatter.Format(this, options);
    }
}
