namespace NNTools.NN;

/// <summary>
/// What the three cells share, as torch.nn.RNNCellBase: weight_ih [gates*H, I], weight_hh [gates*H, H],
/// bias_ih and bias_hh [gates*H], drawn in that order from U(-1/sqrt(H), 1/sqrt(H)); input [B, I] or
/// unbatched [I], states [B, H] or [H] to match.
/// </summary>
public abstract class RNNCellBase : Module
{
    private protected RNNCellBase(string name, int gates, int inputSize, int hiddenSize, bool bias, DType dtype, Generator? generator)
    {
        if (inputSize <= 0 || hiddenSize <= 0)
        {
            throw Raise(new TensorArgumentException("InvalidRecurrentSize", $"{name} needs positive sizes, got input_size={inputSize}, hidden_size={hiddenSize}"));
        }
        if (!dtype.IsFloating()) throw Raise(new DTypeMismatchException("UnsupportedDType", $"{name} parameters must be floating point, got {dtype.TorchName()}"));
        (InputSize, HiddenSize) = (inputSize, hiddenSize);
        double bound = 1.0 / Math.Sqrt(hiddenSize);
        WeightIh = Parameter("weight_ih", [gates * hiddenSize, inputSize]);
        WeightHh = Parameter("weight_hh", [gates * hiddenSize, hiddenSize]);
        if (bias)
        {
            BiasIh = Parameter("bias_ih", [gates * hiddenSize]);
            BiasHh = Parameter("bias_hh", [gates * hiddenSize]);
        }

        Tensor Parameter(string key, int[] shape) => RegisterUniformParameter(key, shape, bound, dtype, generator);
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public Tensor WeightIh { get; }

    public Tensor WeightHh { get; }

    public Tensor? BiasIh { get; }

    public Tensor? BiasHh { get; }

    /// <summary>Adds the batch dim to an unbatched input [I] and its state [H]; a state of the other rank is refused.</summary>
    private protected (Tensor Input, Tensor? State, bool Batched) Batch(Tensor input, Tensor? state)
    {
        ThrowIfNull(input);
        if (input.Ndim is not (1 or 2))
        {
            throw Raise(new ShapeMismatchException("RnnInputRank", $"{GetType().Name}: Expected input to be 1D or 2D, got {input.Ndim}D input of shape {Shapes.Format(input.Sizes)}"));
        }
        if (state is not null && state.Ndim != input.Ndim)
        {
            throw Raise(new ShapeMismatchException("RnnStateShape",
                $"{GetType().Name}: Expected hidden state to be {input.Ndim}D for a {input.Ndim}D input, got shape {Shapes.Format(state.Sizes)}"));
        }
        bool batched = input.Ndim == 2;
        return batched ? (input, state, true) : (input.Unsqueeze(0), state?.Unsqueeze(0), false);
    }

    private protected Tensor ZeroState(Tensor input) => Tensor.Zeros([input.Size(0), HiddenSize], WeightIh.DType);

    private protected static Tensor Unbatch(Tensor t, bool batched) => batched ? t : t.Squeeze(0);

    protected override string ExtraRepr() => $"{InputSize}, {HiddenSize}{(BiasIh is null ? ", bias=False" : "")}";
}

/// <summary>One Elman step, as nn.RNNCell: h' = tanh (or relu)(x W_ih^T + b_ih + h W_hh^T + b_hh).</summary>
public sealed class RNNCell : RNNCellBase
{
    public RNNCell(int inputSize, int hiddenSize, bool bias = true, string nonlinearity = "tanh", DType dtype = DType.Float32, Generator? generator = null)
        : base("RNNCell", 1, inputSize, hiddenSize, bias, dtype, generator)
    {
        Nonlinearity = CheckNonlinearity(nonlinearity);
    }

    /// <summary>"tanh" or "relu".</summary>
    public string Nonlinearity { get; }

    internal static string CheckNonlinearity(string nonlinearity) => nonlinearity?.Trim().ToLowerInvariant() switch
    {
        "tanh" => "tanh",
        "relu" => "relu",
        _ => throw Raise(new TensorArgumentException("UnknownNonlinearity", $"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or 'relu'.")),
    };

    /// <summary>h' from a zero state.</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>h' from <paramref name="hx"/> (zeros when null).</summary>
    public Tensor Forward(Tensor input, Tensor? hx)
    {
        var (x, h, batched) = Batch(input, hx);
        h ??= ZeroState(x);
        var y = Nonlinearity == "relu"
            ? Functional.RnnReluCell(x, h, WeightIh, WeightHh, BiasIh, BiasHh)
            : Functional.RnnTanhCell(x, h, WeightIh, WeightHh, BiasIh, BiasHh);
        return Unbatch(y, batched);
    }

    protected override string ExtraRepr() => base.ExtraRepr() + (Nonlinearity == "tanh" ? "" : $", nonlinearity={Nonlinearity}");
}

/// <summary>One LSTM step, as nn.LSTMCell (gates i, f, g, o); see <see cref="Functional.LstmCell"/>.</summary>
public sealed class LSTMCell(int inputSize, int hiddenSize, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    : RNNCellBase("LSTMCell", 4, inputSize, hiddenSize, bias, dtype, generator)
{
    /// <summary>h' from zero states (the single tensor a <see cref="Module"/> returns; the two-state form gives c' too).</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null, null).H;

    /// <summary>(h', c') from (<paramref name="hx"/>, <paramref name="cx"/>), both given or both null (zeros).</summary>
    public LstmState Forward(Tensor input, Tensor? hx, Tensor? cx)
    {
        if ((hx is null) != (cx is null))
        {
            throw Raise(new TensorArgumentException("RnnStateShape", $"LSTMCell needs both states (h, c) or neither, got only {(hx is null ? "c" : "h")}"));
        }
        var (x, h, batched) = Batch(input, hx);
        var (_, c, _) = Batch(input, cx);
        var state = Functional.LstmCell(x, h ?? ZeroState(x), c ?? ZeroState(x), WeightIh, WeightHh, BiasIh, BiasHh);
        return new LstmState(Unbatch(state.H, batched), Unbatch(state.C, batched));
    }
}

/// <summary>One GRU step, as nn.GRUCell (gates r, z, n); see <see cref="Functional.GruCell"/>.</summary>
public sealed class GRUCell(int inputSize, int hiddenSize, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    : RNNCellBase("GRUCell", 3, inputSize, hiddenSize, bias, dtype, generator)
{
    /// <summary>h' from a zero state.</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>h' from <paramref name="hx"/> (zeros when null).</summary>
    public Tensor Forward(Tensor input, Tensor? hx)
    {
        var (x, h, batched) = Batch(input, hx);
        return Unbatch(Functional.GruCell(x, h ?? ZeroState(x), WeightIh, WeightHh, BiasIh, BiasHh), batched);
    }
}
