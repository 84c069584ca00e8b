namespace NNTools.Optim;

/// <summary>
/// AdamW (Loshchilov and Hutter): <see cref="Adam"/> with decoupled weight decay, as torch.optim.AdamW
/// (PyTorch 1.13): each step first shrinks the parameter, p = p · (1 − lr · weight_decay), and the
/// gradient itself is left undecayed. The default weight_decay is 1e-2.
/// </summary>
public sealed class AdamW : Adam
{
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(parameters, lr, betas, eps, weightDecay, amsgrad, maximize, decoupled: true)
    {
    }
}
