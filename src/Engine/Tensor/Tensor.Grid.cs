namespace NNTools;

public sealed partial class Tensor
{
    /// <summary>
    /// Coordinate grids from 1-d tensors, as torch.meshgrid: with "ij" indexing (PyTorch's default)
    /// output k has shape [n0, n1, ...] and varies along dim k; "xy" swaps the first two dims, as
    /// NumPy and plotting code expect. The grids are expanded views of the inputs.
    /// </summary>
    public static Tensor[] Meshgrid(Tensor[] tensors, string indexing = "ij")
    {
        ThrowIfNull(tensors);
        if (indexing is not ("ij" or "xy"))
        {
            throw Raise(new TensorArgumentException("MeshgridIndexing", $"torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: {indexing}"));
        }
        foreach (var t in tensors)
        {
            if (t.Ndim > 1) throw Raise(new ShapeMismatchException("MeshgridRank", $"torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got a tensor of shape {Shapes.Format(t.Sizes)}"));
            if (t.DType != tensors[0].DType)
            {
                throw Raise(new DTypeMismatchException("MeshgridDType",
                    $"torch.meshgrid: expects all tensors to have the same dtype, got {tensors[0].DType.TorchName()} and {t.DType.TorchName()}"));
            }
        }
        var inputs = tensors.Select(t => t.Reshape(-1)).ToArray();
        bool swap = indexing == "xy" && inputs.Length >= 2;
        if (swap) (inputs[0], inputs[1]) = (inputs[1], inputs[0]);
        var shape = inputs.Select(t => t.Numel()).ToArray();
        var grids = new Tensor[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            var view = Enumerable.Repeat(1, inputs.Length).ToArray();
            view[k] = shape[k];
            grids[k] = inputs[k].View(view).Expand(shape);
        }
        if (swap) (grids[0], grids[1]) = (grids[1], grids[0]);
        return grids;
    }

    public static Tensor[] Meshgrid(params Tensor[] tensors) => Meshgrid(tensors, "ij");
}
