namespace NNTools.NN;

/// <summary>The two states an LSTM carries from step to step: the hidden state h and the cell state c.</summary>
public sealed record LstmState(Tensor H, Tensor C);

/// <summary>
/// One step of the recurrent cells as torch.rnn_tanh_cell, torch.rnn_relu_cell, torch.lstm_cell and
/// torch.gru_cell, composed from differentiable ops (linear, sigmoid, tanh, chunk), so autograd gives
/// their backward. Gates are laid out in PyTorch's order along dim 0 of the weights: LSTM (i, f, g, o),
/// GRU (r, z, n); the layers (<see cref="RNN"/>, <see cref="LSTM"/>, <see cref="GRU"/>) run the same steps.
/// </summary>
public static partial class Functional
{
    /// <summary>h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh). Input [B, I], hx [B, H], weight_ih [H, I], weight_hh [H, H], biases [H] or null.</summary>
    public static Tensor RnnTanhCell(Tensor input, Tensor hx, Tensor weightIh, Tensor weightHh, Tensor? biasIh = null, Tensor? biasHh = null)
    {
        CheckCell("rnn_tanh_cell", 1, input, hx, null, weightIh, weightHh, biasIh, biasHh);
        return RnnStep(Project(input, weightIh, biasIh), hx, weightHh, biasHh, relu: false);
    }

    /// <summary>h' = relu(x W_ih^T + b_ih + h W_hh^T + b_hh), shapes as <see cref="RnnTanhCell"/>.</summary>
    public static Tensor RnnReluCell(Tensor input, Tensor hx, Tensor weightIh, Tensor weightHh, Tensor? biasIh = null, Tensor? biasHh = null)
    {
        CheckCell("rnn_relu_cell", 1, input, hx, null, weightIh, weightHh, biasIh, biasHh);
        return RnnStep(Project(input, weightIh, biasIh), hx, weightHh, biasHh, relu: true);
    }

    /// <summary>
    /// (i, f, g, o) = chunks of x W_ih^T + b_ih + h W_hh^T + b_hh; c' = σ(f) c + σ(i) tanh(g); h' = σ(o) tanh(c').
    /// Input [B, I], hx and cx [B, H], weight_ih [4H, I], weight_hh [4H, H], biases [4H] or null.
    /// </summary>
    public static LstmState LstmCell(Tensor input, Tensor hx, Tensor cx, Tensor weightIh, Tensor weightHh, Tensor? biasIh = null, Tensor? biasHh = null)
    {
        CheckCell("lstm_cell", 4, input, hx, cx, weightIh, weightHh, biasIh, biasHh);
        return LstmStep(Project(input, weightIh, biasIh), hx, cx, weightHh, biasHh);
    }

    /// <summary>
    /// r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r h_n), h' = (h - n) z + n, where x_* and h_* are
    /// the chunks of x W_ih^T + b_ih and h W_hh^T + b_hh (so b_hn stays inside r's product, as PyTorch's).
    /// Input [B, I], hx [B, H], weight_ih [3H, I], weight_hh [3H, H], biases [3H] or null.
    /// </summary>
    public static Tensor GruCell(Tensor input, Tensor hx, Tensor weightIh, Tensor weightHh, Tensor? biasIh = null, Tensor? biasHh = null)
    {
        CheckCell("gru_cell", 3, input, hx, null, weightIh, weightHh, biasIh, biasHh);
        return GruStep(Project(input, weightIh, biasIh), hx, weightHh, biasHh);
    }

    /// <summary>x W^T + b for rows x [n, k] of the weight's dtype: the fused addmm node of nn.Linear.</summary>
    internal static Tensor Project(Tensor x, Tensor weight, Tensor? bias) => Tensor.LinearRows(x, weight, bias);

    internal static Tensor RnnStep(Tensor gi, Tensor h, Tensor weightHh, Tensor? biasHh, bool relu)
    {
        var pre = Project(h, weightHh, biasHh) + gi;
        return relu ? pre.Relu() : pre.Tanh();
    }

    internal static LstmState LstmStep(Tensor gi, Tensor h, Tensor c, Tensor weightHh, Tensor? biasHh)
    {
        var gates = (Project(h, weightHh, biasHh) + gi).Chunk(4, 1);
        var cy = gates[1].Sigmoid() * c + gates[0].Sigmoid() * gates[2].Tanh();
        return new LstmState(gates[3].Sigmoid() * cy.Tanh(), cy);
    }

    internal static Tensor GruStep(Tensor gi, Tensor h, Tensor weightHh, Tensor? biasHh)
    {
        var hg = Project(h, weightHh, biasHh).Chunk(3, 1);
        var ig = gi.Chunk(3, 1);
        var r = (hg[0] + ig[0]).Sigmoid();
        var z = (hg[1] + ig[1]).Sigmoid();
        var n = (ig[2] + hg[2] * r).Tanh();
        return (h - n) * z + n;
    }

    /// <summary>The shapes and dtypes of one cell step; <paramref name="gates"/> is 1 (RNN), 3 (GRU) or 4 (LSTM).</summary>
    private static void CheckCell(string op, int gates, Tensor input, Tensor hx, Tensor? cx, Tensor weightIh, Tensor weightHh, Tensor? biasIh, Tensor? biasHh)
    {
        ThrowIfNull(input);
        ThrowIfNull(hx);
        ThrowIfNull(weightIh);
        ThrowIfNull(weightHh);
        var dtype = weightIh.DType;
        foreach (var t in new[] { input, hx, cx, weightHh, biasIh, biasHh })
        {
            if (t is null) continue;
            if (t.DType != dtype || !dtype.IsFloating())
            {
                throw Raise(new DTypeMismatchException("RnnDType",
                    $"{op} needs its input, states and weights in one floating dtype, got {t.DType.TorchName()} and weight_ih {dtype.TorchName()}"));
            }
        }
        int hidden = weightHh.Ndim == 2 ? weightHh.Size(1) : -1;
        if (weightHh.Ndim != 2 || weightHh.Size(0) != gates * hidden || weightIh.Ndim != 2 || weightIh.Size(0) != gates * hidden
            || (biasIh is not null && !biasIh.Shape.SequenceEqual([gates * hidden])) || (biasHh is not null && !biasHh.Shape.SequenceEqual([gates * hidden])))
        {
            throw Raise(new ShapeMismatchException("RnnWeightShape",
                $"{op} expects weight_ih [{gates}*H, I], weight_hh [{gates}*H, H] and biases [{gates}*H], got weight_ih {Shapes.Format(weightIh.Sizes)}, weight_hh {Shapes.Format(weightHh.Sizes)}"
                + $", bias_ih {(biasIh is null ? "none" : Shapes.Format(biasIh.Sizes))}, bias_hh {(biasHh is null ? "none" : Shapes.Format(biasHh.Sizes))}"));
        }
        if (input.Ndim != 2)
        {
            throw Raise(new ShapeMismatchException("RnnInputRank", $"{op} expects a 2-D input [batch, input_size], got input of shape {Shapes.Format(input.Sizes)}"));
        }
        if (input.Size(1) != weightIh.Size(1))
        {
            throw Raise(new ShapeMismatchException("RnnInputSize", $"input has inconsistent input_size: got {input.Size(1)} expected {weightIh.Size(1)}"));
        }
        CheckCellState(hx, 0, input.Size(0), hidden);
        if (cx is not null) CheckCellState(cx, 1, input.Size(0), hidden);
    }

    private static void CheckCellState(Tensor state, int index, int batch, int hidden)
    {
        if (state.Ndim != 2 || state.Size(0) != batch)
        {
            throw Raise(new ShapeMismatchException("RnnStateShape",
                $"Input batch size {batch} doesn't match hidden{index} batch size: hidden{index} has shape {Shapes.Format(state.Sizes)}, expected [{batch}, {hidden}]"));
        }
        if (state.Size(1) != hidden)
        {
            throw Raise(new ShapeMismatchException("RnnStateShape", $"hidden{index} has inconsistent hidden_size: got {state.Size(1)}, expected {hidden}"));
        }
    }
}
