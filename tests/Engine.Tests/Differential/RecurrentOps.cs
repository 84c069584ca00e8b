using NNTools.NN;

namespace NNTools.Tests.Differential;

/// <summary>The recurrent area's replay table (families_recurrent.py): the cells with their weights as inputs, and conv_transpose2d.</summary>
[DifferentialOpSet]
internal static class RecurrentOps
{
    public static void Register(Dictionary<string, DifferentialOps.Op> t)
    {
        t["rnn_tanh_cell"] = (x, k) => Functional.RnnTanhCell(x[0], x[1], x[2], x[3], Bias(x, k, 4), Bias(x, k, 5));
        t["rnn_relu_cell"] = (x, k) => Functional.RnnReluCell(x[0], x[1], x[2], x[3], Bias(x, k, 4), Bias(x, k, 5));
        t["rnn_gru_cell"] = (x, k) => Functional.GruCell(x[0], x[1], x[2], x[3], Bias(x, k, 4), Bias(x, k, 5));
        t["rnn_lstm_cell"] = (x, k) =>
        {
            var s = Functional.LstmCell(x[0], x[1], x[2], x[3], x[4], Bias(x, k, 5), Bias(x, k, 6));
            return new[] { s.H, s.C };
        };
        t["rnn_conv_transpose2d"] = (x, k) => Tensor.ConvTranspose2d(x[0], x[1], k.Bool("bias") ? x[2] : null, Pair(k, "stride"), Pair(k, "padding"),
            Pair(k, "output_padding"), k.Int("groups"), Pair(k, "dilation"));
    }

    private static Tensor? Bias(Tensor[] x, Kw k, int index) => k.Bool("bias") ? x[index] : null;

    private static int[] Pair(Kw k, string name) => k.IsList(name) ? k.Ints(name) : [k.Int(name)];
}
