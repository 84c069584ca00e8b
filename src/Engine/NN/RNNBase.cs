using System.Globalization;
using System.Text;

namespace NNTools.NN;

/// <summary>What a recurrent layer returns: the output sequence, the last hidden state h_n, and for an LSTM the last cell state c_n.</summary>
public sealed record RecurrentOutput(Tensor Output, Tensor HN, Tensor? CN);

/// <summary>
/// The multi-layer, optionally bidirectional recurrent layers (<see cref="RNN"/>, <see cref="LSTM"/>,
/// <see cref="GRU"/>) as torch.nn.RNNBase: input [T, B, input_size] ([B, T, input_size] with
/// batch_first, or unbatched [T, input_size]); output [T, B, D*hidden_size] (D = 2 when bidirectional),
/// the reverse direction's states concatenated after the forward one's; h_n (and c_n) [num_layers*D, B,
/// hidden_size]. Parameters carry PyTorch's names (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0,
/// then the _reverse ones, layer by layer), so state dicts move between the two both ways, and start
/// from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) drawn in that order, as torch's reset_parameters.
/// Each layer's input projection for all steps is one matrix product; the steps then add h W_hh^T.
/// Dropout (training only) is applied to each layer's output but the last's.
/// </summary>
public abstract class RNNBase : Module
{
    private readonly Tensor?[][] _weights;

    private protected RNNBase(string name, int gates, int inputSize, int hiddenSize, int numLayers, bool bias, bool batchFirst, double dropout,
        bool bidirectional, DType dtype, Generator? generator)
    {
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0)
        {
            throw Raise(new TensorArgumentException("InvalidRecurrentSize",
                $"{name} needs positive sizes, got input_size={inputSize}, hidden_size={hiddenSize}, num_layers={numLayers}"));
        }
        if (!(dropout >= 0 && dropout <= 1))
        {
            throw Raise(new TensorArgumentException("InvalidProbability",
                $"dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got {dropout.ToString(CultureInfo.InvariantCulture)}"));
        }
        if (!dtype.IsFloating()) throw Raise(new DTypeMismatchException("UnsupportedDType", $"{name} parameters must be floating point, got {dtype.TorchName()}"));
        (InputSize, HiddenSize, NumLayers, Bias, BatchFirst, Dropout, Bidirectional) = (inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional);
        int directions = bidirectional ? 2 : 1;
        double bound = 1.0 / Math.Sqrt(hiddenSize);
        _weights = new Tensor?[numLayers * directions][];
        for (int layer = 0; layer < numLayers; layer++)
        {
            for (int d = 0; d < directions; d++)
            {
                string suffix = $"_l{layer}{(d == 1 ? "_reverse" : "")}";
                int layerInput = layer == 0 ? inputSize : hiddenSize * directions;
                var w = new Tensor?[4];
                w[0] = Parameter($"weight_ih{suffix}", [gates * hiddenSize, layerInput]);
                w[1] = Parameter($"weight_hh{suffix}", [gates * hiddenSize, hiddenSize]);
                if (bias)
                {
                    w[2] = Parameter($"bias_ih{suffix}", [gates * hiddenSize]);
                    w[3] = Parameter($"bias_hh{suffix}", [gates * hiddenSize]);
                }
                _weights[layer * directions + d] = w;
            }
        }

        Tensor Parameter(string key, int[] shape) => RegisterUniformParameter(key, shape, bound, dtype, generator);
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int NumLayers { get; }

    /// <summary>Whether the layers have the biases b_ih and b_hh (bias=True).</summary>
    public bool Bias { get; }

    public bool BatchFirst { get; }

    /// <summary>The probability of zeroing an element of each layer's output but the last's, in training.</summary>
    public double Dropout { get; }

    public bool Bidirectional { get; }

    /// <summary>Whether the state carries a cell state c (LSTM) besides h.</summary>
    private protected abstract bool HasCellState { get; }

    /// <summary>One step of one direction of one layer: <paramref name="gi"/> is x_t W_ih^T + b_ih, [B, gates*H].</summary>
    private protected abstract (Tensor H, Tensor? C) Step(Tensor gi, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh);

    /// <summary>The output sequence only, starting from zero states: what a <see cref="Sequential"/> passes on.</summary>
    public override Tensor Forward(Tensor input) => Run(input, null, null).Output;

    private protected RecurrentOutput Run(Tensor input, Tensor? h0, Tensor? c0)
    {
        ThrowIfNull(input);
        var dtype = _weights[0][0]!.DType;
        if (input.Ndim is not (2 or 3))
        {
            throw Raise(new ShapeMismatchException("RnnInputRank",
                $"{GetType().Name}: Expected input to be 2-D or 3-D but received {input.Ndim}-D tensor of shape {Shapes.Format(input.Sizes)}"));
        }
        if (input.DType != dtype)
        {
            throw Raise(new DTypeMismatchException("RnnDType", $"{GetType().Name} has {dtype.TorchName()} parameters, got an input of dtype {input.DType.TorchName()}"));
        }
        bool batched = input.Ndim == 3;
        var x = batched ? input : input.Unsqueeze(BatchFirst ? 0 : 1);
        if (BatchFirst) x = x.Transpose(0, 1);
        int steps = x.Size(0), batch = x.Size(1);
        if (x.Size(2) != InputSize)
        {
            throw Raise(new ShapeMismatchException("RnnInputSize", $"input.size(-1) must be equal to input_size. Expected {InputSize}, got {x.Size(2)}"));
        }
        if (steps == 0) throw Raise(new ShapeMismatchException("RnnEmptySequence", $"Expected sequence length to be larger than 0 in {GetType().Name}, got input of shape {Shapes.Format(input.Sizes)}"));
        int directions = Bidirectional ? 2 : 1;
        var h = State(h0, "hx", batched, batch, dtype);
        var c = HasCellState ? State(c0, "cx", batched, batch, dtype) : null;
        var hn = new Tensor[_weights.Length];
        var cn = new Tensor[_weights.Length];
        for (int layer = 0; layer < NumLayers; layer++)
        {
            var outputs = new Tensor[directions];
            for (int d = 0; d < directions; d++)
            {
                int k = layer * directions + d;
                var w = _weights[k];
                var gi = Functional.Project(x.Reshape(steps * batch, x.Size(2)), w[0]!, w[2]).View(steps, batch, -1);
                var (ht, ct) = (h.Select(0, k), c?.Select(0, k));
                var hs = new Tensor[steps];
                for (int i = 0; i < steps; i++)
                {
                    int t = d == 0 ? i : steps - 1 - i;
                    (ht, ct) = Step(gi.Select(0, t), ht, ct, w[1]!, w[3]);
                    hs[t] = ht;
                }
                outputs[d] = Tensor.Stack(hs, 0);
                hn[k] = ht;
                if (ct is not null) cn[k] = ct;
            }
            x = directions == 1 ? outputs[0] : Tensor.Cat(outputs, 2);
            if (Training && Dropout > 0 && layer < NumLayers - 1) x = DropoutMask(x);
        }
        var output = BatchFirst ? x.Transpose(0, 1) : x;
        var hLast = Tensor.Stack(hn, 0);
        var cLast = HasCellState ? Tensor.Stack(cn, 0) : null;
        if (!batched) return new RecurrentOutput(output.Squeeze(BatchFirst ? 0 : 1), hLast.Squeeze(1), cLast?.Squeeze(1));
        return new RecurrentOutput(output, hLast, cLast);
    }

    private Tensor DropoutMask(Tensor x)
    {
        if (Dropout == 1) return x * 0.0;
        var noise = Tensor.ZerosLike(x).Bernoulli_(1 - Dropout);
        noise.Div_(1 - Dropout);
        return x * noise;
    }

    /// <summary>The initial state [num_layers*D, B, H]: the given one checked, or zeros.</summary>
    private Tensor State(Tensor? given, string name, bool batched, int batch, DType dtype)
    {
        int layers = NumLayers * (Bidirectional ? 2 : 1);
        if (given is null) return Tensor.Zeros([layers, batch, HiddenSize], dtype);
        if (given.Ndim != (batched ? 3 : 2))
        {
            throw Raise(new ShapeMismatchException("RnnStateShape",
                $"For {(batched ? "batched 3-D" : "unbatched 2-D")} input, {name} should also be {(batched ? 3 : 2)}-D but got a {given.Ndim}-D tensor of shape {Shapes.Format(given.Sizes)}"));
        }
        var state = batched ? given : given.Unsqueeze(1);
        if (!state.Shape.SequenceEqual([layers, batch, HiddenSize]))
        {
            var expected = batched ? $"({layers}, {batch}, {HiddenSize})" : $"({layers}, {HiddenSize})";
            throw Raise(new ShapeMismatchException("RnnStateShape", $"Expected {name} of size {expected}, got {Shapes.Format(given.Sizes)}"));
        }
        if (state.DType != dtype)
        {
            throw Raise(new DTypeMismatchException("RnnDType", $"{GetType().Name} has {dtype.TorchName()} parameters, got {name} of dtype {state.DType.TorchName()}"));
        }
        return state;
    }

    /// <summary>As PyTorch's extra_repr: sizes, then the options that differ from their defaults.</summary>
    protected override string ExtraRepr()
    {
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{InputSize}, {HiddenSize}"));
        if (NumLayers != 1) sb.Append(CultureInfo.InvariantCulture, $", num_layers={NumLayers}");
        if (!Bias) sb.Append(", bias=False");
        if (BatchFirst) sb.Append(", batch_first=True");
        if (Dropout != 0) sb.Append(CultureInfo.InvariantCulture, $", dropout={Dropout}");
        if (Bidirectional) sb.Append(", bidirectional=True");
        return sb.ToString();
    }
}
