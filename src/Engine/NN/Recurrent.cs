namespace NNTools.NN;

/// <summary>
/// An Elman network, as nn.RNN: h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh), or relu with
/// nonlinearity "relu". Shapes, parameters and initialisation as <see cref="RNNBase"/>.
/// </summary>
public sealed class RNN : RNNBase
{
    public RNN(int inputSize, int hiddenSize, int numLayers = 1, string nonlinearity = "tanh", bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, DType dtype = DType.Float32, Generator? generator = null)
        : base("RNN", 1, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype, generator)
    {
        Nonlinearity = RNNCell.CheckNonlinearity(nonlinearity);
    }

    /// <summary>"tanh" or "relu".</summary>
    public string Nonlinearity { get; }

    private protected override bool HasCellState => false;

    /// <summary>Runs the sequence from <paramref name="hx"/> [num_layers*D, B, H] (zeros when null): output and h_n.</summary>
    public RecurrentOutput Forward(Tensor input, Tensor? hx) => Run(input, hx, null);

    private protected override (Tensor H, Tensor? C) Step(Tensor gi, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh) =>
        (Functional.RnnStep(gi, h, weightHh, biasHh, Nonlinearity == "relu"), null);
}

/// <summary>
/// A long short-term memory network, as nn.LSTM: gates (i, f, g, o) in PyTorch's order, c_t = σ(f) c_(t-1)
/// + σ(i) tanh(g), h_t = σ(o) tanh(c_t). Shapes, parameters ([4*hidden, ...]) and initialisation as
/// <see cref="RNNBase"/>.
/// </summary>
public sealed class LSTM : RNNBase
{
    public LSTM(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0,
        bool bidirectional = false, DType dtype = DType.Float32, Generator? generator = null)
        : base("LSTM", 4, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype, generator)
    {
    }

    private protected override bool HasCellState => true;

    /// <summary>
    /// Runs the sequence from (<paramref name="hx"/>, <paramref name="cx"/>), each [num_layers*D, B, H], both
    /// given or both null (zeros): output, h_n and c_n.
    /// </summary>
    public RecurrentOutput Forward(Tensor input, Tensor? hx, Tensor? cx)
    {
        if ((hx is null) != (cx is null))
        {
            throw Raise(new TensorArgumentException("RnnStateShape", $"LSTM needs both initial states (h_0, c_0) or neither, got only {(hx is null ? "c_0" : "h_0")}"));
        }
        return Run(input, hx, cx);
    }

    private protected override (Tensor H, Tensor? C) Step(Tensor gi, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh)
    {
        var state = Functional.LstmStep(gi, h, c!, weightHh, biasHh);
        return (state.H, state.C);
    }
}

/// <summary>
/// A gated recurrent unit network, as nn.GRU: gates (r, z, n) in PyTorch's order, n = tanh(x W_in^T + b_in
/// + r (h W_hn^T + b_hn)), h_t = (1 - z) n + z h_(t-1). Shapes, parameters ([3*hidden, ...]) and
/// initialisation as <see cref="RNNBase"/>.
/// </summary>
public sealed class GRU : RNNBase
{
    public GRU(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0,
        bool bidirectional = false, DType dtype = DType.Float32, Generator? generator = null)
        : base("GRU", 3, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype, generator)
    {
    }

    private protected override bool HasCellState => false;

    /// <summary>Runs the sequence from <paramref name="hx"/> [num_layers*D, B, H] (zeros when null): output and h_n.</summary>
    public RecurrentOutput Forward(Tensor input, Tensor? hx) => Run(input, hx, null);

    private protected override (Tensor H, Tensor? C) Step(Tensor gi, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh) =>
        (Functional.GruStep(gi, h, weightHh, biasHh), null);
}

/// <summary>
/// The last step of a sequence, input.select(dim, -1): [B, T, F] to [B, F] with the default dim 1 (a
/// batch-first recurrent layer's output). An NNTools addition: PyTorch code indexes output[:, -1] in its
/// own forward, which a <see cref="Sequential"/> built by New-Layer cannot, so this layer does it.
/// </summary>
public sealed class LastTimeStep(int dim = 1) : Module
{
    public int Dim { get; } = dim;

    public override Tensor Forward(Tensor input)
    {
        ThrowIfNull(input);
        int d = Dim < 0 ? Dim + input.Ndim : Dim;
        if (input.Ndim == 0 || d < 0 || d >= input.Ndim || input.Size(d) == 0)
        {
            throw Raise(new ShapeMismatchException("LastTimeStepShape",
                $"LastTimeStep(dim={Dim}) needs an input with a non-empty dim {Dim}, got shape {Shapes.Format(input.Sizes)}"));
        }
        return input.Select(d, -1);
    }

    protected override string ExtraRepr() => $"dim={Dim}";
}
