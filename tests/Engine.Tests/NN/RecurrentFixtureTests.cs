using System.Text.Json;
using NNTools.NN;
using NNTools.Tests.Support;

namespace NNTools.Tests.NN;

/// <summary>
/// RNN, LSTM, GRU and their cells against PyTorch (Fixtures/nn/recurrent.json, make_recurrent.py):
/// outputs, final states and every gradient, seeded initialisation bit for bit, printouts.
/// </summary>
public class RecurrentFixtureTests
{
    private static readonly Dictionary<string, JsonElement> Doc = Load();

    private static Dictionary<string, JsonElement> Load()
    {
        using var doc = FixtureTensor.Load("nn", "recurrent.json");
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    internal static JsonElement Section(string key) => Doc[key];

    internal static TheoryData<string> Names(string section) =>
        new(Doc[section].EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    public static TheoryData<string> RecurrentCases() => Names("recurrent");

    public static TheoryData<string> CellCases() => Names("cells");

    internal static JsonElement Case(string section, string name) =>
        Doc[section].EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    internal static Tensor Read(JsonElement c, string key) => FixtureTensor.Read(c.GetProperty(key));

    internal static DType DTypeOf(JsonElement c) => c.GetProperty("dtype").GetString() == "float64" ? DType.Float64 : DType.Float32;

    // float32 recurrences carry rounding through every step, and PyTorch's addmm sums in another order.
    internal static (double Rtol, double Atol) Tolerance(DType dtype) => dtype == DType.Float32 ? (1e-5, 1e-5) : (1e-11, 1e-12);

    private static RNNBase Build(JsonElement c)
    {
        var (kind, i, h, layers) = (c.GetProperty("kind").GetString(), c.GetProperty("input_size").GetInt32(), c.GetProperty("hidden").GetInt32(),
            c.GetProperty("layers").GetInt32());
        var (bias, first, bi) = (c.GetProperty("bias").GetBoolean(), c.GetProperty("batch_first").GetBoolean(), c.GetProperty("bidirectional").GetBoolean());
        var gen = new Generator(c.GetProperty("seed").GetInt64());
        var dtype = DTypeOf(c);
        return kind switch
        {
            "RNN" => new RNN(i, h, layers, c.GetProperty("nonlinearity").GetString()!, bias, first, 0, bi, dtype, gen),
            "LSTM" => new LSTM(i, h, layers, bias, first, 0, bi, dtype, gen),
            _ => new GRU(i, h, layers, bias, first, 0, bi, dtype, gen),
        };
    }

    private static void AssertState(JsonElement expected, Module m, string context)
    {
        var state = m.StateDict();
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name), state.Keys);
        foreach (var kv in expected.EnumerateObject()) FixtureTensor.AssertClose(FixtureTensor.Read(kv.Value), state[kv.Name], 0, 0, $"{context} {kv.Name}");
    }

    [Theory]
    [MemberData(nameof(RecurrentCases))]
    public void RecurrentLayerMatchesPyTorch(string name)
    {
        var c = Case("recurrent", name);
        var m = Build(c);
        Assert.Equal(c.GetProperty("print").GetString(), m.ToString());
        AssertState(c.GetProperty("state"), m, name);
        var x = Read(c, "x").RequiresGrad_();
        var h0 = c.TryGetProperty("h0", out var h) ? FixtureTensor.Read(h).RequiresGrad_() : null;
        var c0 = c.TryGetProperty("c0", out var cc) ? FixtureTensor.Read(cc).RequiresGrad_() : null;
        var r = m switch
        {
            LSTM lstm => lstm.Forward(x, h0, c0),
            RNN rnn => rnn.Forward(x, h0),
            GRU gru => gru.Forward(x, h0),
            _ => throw new InvalidOperationException(),
        };
        var (rtol, atol) = Tolerance(x.DType);
        FixtureTensor.AssertClose(Read(c, "out"), r.Output, rtol, atol, $"{name} output");
        FixtureTensor.AssertClose(Read(c, "hn"), r.HN, rtol, atol, $"{name} h_n");
        var total = (r.Output * Read(c, "g_out")).Sum() + (r.HN * Read(c, "g_hn")).Sum();
        if (c.TryGetProperty("cn", out var cn))
        {
            FixtureTensor.AssertClose(FixtureTensor.Read(cn), r.CN!, rtol, atol, $"{name} c_n");
            total += (r.CN! * Read(c, "g_cn")).Sum();
        }
        else
        {
            Assert.Null(r.CN);
        }
        total.Backward();
        FixtureTensor.AssertClose(Read(c, "g_x"), x.Grad!, rtol, atol, $"{name} input grad");
        if (h0 is not null) FixtureTensor.AssertClose(Read(c, "g_h0"), h0.Grad!, rtol, atol, $"{name} h0 grad");
        if (c0 is not null) FixtureTensor.AssertClose(Read(c, "g_c0"), c0.Grad!, rtol, atol, $"{name} c0 grad");
        var parameters = m.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (var kv in c.GetProperty("grads").EnumerateObject())
        {
            FixtureTensor.AssertClose(FixtureTensor.Read(kv.Value), parameters[kv.Name].Grad!, rtol, atol, $"{name} {kv.Name} grad");
        }
        // The Module form a Sequential calls gives the same output from zero states.
        if (h0 is null) FixtureTensor.AssertClose(Read(c, "out"), m.Forward(Read(c, "x")), rtol, atol, $"{name} Forward(input)");
    }

    [Theory]
    [MemberData(nameof(CellCases))]
    public void CellMatchesPyTorch(string name)
    {
        var c = Case("cells", name);
        var (i, hsize, bias) = (c.GetProperty("input_size").GetInt32(), c.GetProperty("hidden").GetInt32(), c.GetProperty("bias").GetBoolean());
        var gen = new Generator(c.GetProperty("seed").GetInt64());
        var dtype = DTypeOf(c);
        RNNCellBase m = c.GetProperty("kind").GetString() switch
        {
            "RNNCell" => new RNNCell(i, hsize, bias, c.GetProperty("nonlinearity").GetString()!, dtype, gen),
            "LSTMCell" => new LSTMCell(i, hsize, bias, dtype, gen),
            _ => new GRUCell(i, hsize, bias, dtype, gen),
        };
        Assert.Equal(c.GetProperty("print").GetString(), m.ToString());
        AssertState(c.GetProperty("state"), m, name);
        var x = Read(c, "x").RequiresGrad_();
        var h = Read(c, "h").RequiresGrad_();
        var (rtol, atol) = Tolerance(dtype);
        Tensor total;
        Tensor? cx = null;
        if (m is LSTMCell lstm)
        {
            cx = Read(c, "c").RequiresGrad_();
            var s = lstm.Forward(x, h, cx);
            FixtureTensor.AssertClose(Read(c, "out"), s.H, rtol, atol, $"{name} h'");
            FixtureTensor.AssertClose(Read(c, "out_c"), s.C, rtol, atol, $"{name} c'");
            total = (s.H * Read(c, "g_out")).Sum() + (s.C * Read(c, "g_out_c")).Sum();
        }
        else
        {
            var y = m is RNNCell rnn ? rnn.Forward(x, h) : ((GRUCell)m).Forward(x, h);
            FixtureTensor.AssertClose(Read(c, "out"), y, rtol, atol, $"{name} h'");
            total = (y * Read(c, "g_out")).Sum();
        }
        total.Backward();
        FixtureTensor.AssertClose(Read(c, "g_x"), x.Grad!, rtol, atol, $"{name} input grad");
        FixtureTensor.AssertClose(Read(c, "g_h"), h.Grad!, rtol, atol, $"{name} h grad");
        if (cx is not null) FixtureTensor.AssertClose(Read(c, "g_c"), cx.Grad!, rtol, atol, $"{name} c grad");
        var parameters = m.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (var kv in c.GetProperty("grads").EnumerateObject())
        {
            FixtureTensor.AssertClose(FixtureTensor.Read(kv.Value), parameters[kv.Name].Grad!, rtol, atol, $"{name} {kv.Name} grad");
        }
    }

    [Fact]
    public void SeededInitialisationIsBitIdentical()
    {
        foreach (var init in Doc["inits"].EnumerateArray())
        {
            long seed = init.GetProperty("seed").GetInt64();
            var gen = new Generator(seed);
            // Built in the order the fixture drew them, from one generator as torch.manual_seed gives one stream.
            var layers = new (string Key, Module Layer)[]
            {
                ("convt", new ConvTranspose2d(4, 6, [3, 2], groups: 2, generator: gen)),
                ("convt_nobias", new ConvTranspose2d(3, 2, [3], bias: false, generator: gen)),
                ("lstm", new LSTM(3, 5, numLayers: 2, bidirectional: true, generator: gen)),
                ("gru", new GRU(4, 3, generator: gen)),
                ("rnn", new RNN(2, 7, bias: false, generator: gen)),
                ("lstmcell", new LSTMCell(3, 2, generator: gen)),
            };
            foreach (var (key, layer) in layers) AssertState(init.GetProperty(key), layer, $"seed {seed} {key}");
        }
    }

    [Fact]
    public void LayersPrintLikePyTorch()
    {
        var p = Doc["prints"];
        Assert.Equal(p.GetProperty("convt_full").GetString(), new ConvTranspose2d(4, 6, [3], [2], [1], [1], groups: 2, bias: false, dilation: [2]).ToString());
        Assert.Equal(p.GetProperty("convt_default").GetString(), new ConvTranspose2d(4, 6, [3, 2]).ToString());
        Assert.Equal(p.GetProperty("lstm_full").GetString(), new LSTM(3, 4, 2, bias: false, batchFirst: true, dropout: 0.5, bidirectional: true).ToString());
        Assert.Equal(p.GetProperty("rnn_relu").GetString(), new RNN(3, 4, nonlinearity: "relu").ToString());
        Assert.Equal(p.GetProperty("gru").GetString(), new GRU(3, 4).ToString());
        Assert.Equal(p.GetProperty("rnncell_relu").GetString(), new RNNCell(3, 4, nonlinearity: "relu").ToString());
        Assert.Equal(p.GetProperty("lstmcell_nobias").GetString(), new LSTMCell(3, 4, bias: false).ToString());
        Assert.Equal(p.GetProperty("grucell").GetString(), new GRUCell(3, 4).ToString());
    }
}
