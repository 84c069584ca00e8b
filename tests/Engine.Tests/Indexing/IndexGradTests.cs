using NNTools.Tests.Support;

namespace NNTools.Tests.Indexing;

/// <summary>Every differentiable indexing and joining op against central finite differences in float64.</summary>
public class IndexGradTests
{
    private static Tensor U(int seed, params int[] shape) => GradAssert.Uniform(seed, -1, 1, shape);

    private static Tensor Long(params long[] values) => new(values);

    private static void Check1(Func<Tensor, Tensor> f, Tensor x) => GradAssert.Check(xs => f(xs[0]), x);

    [Theory]
    [InlineData("1, :2")]
    [InlineData("..., None, ::2")]
    [InlineData("[0, 2, 0], 1:")]
    [InlineData("[1, 0], :, [2, 2]")]
    [InlineData(":, [[0], [2]], [1, 2]")]
    [InlineData("[[True, False, True, False], [False, True, True, False], [True, True, False, False]], 0")]
    [InlineData("-1, [True, False, True, False], None")]
    public void StringIndex(string expr) => Check1(x => x[expr], U(1, 3, 4, 3));

    [Fact]
    public void IndexOfABroadcastView() => Check1(x => x.Expand(2, 3, 4)["[1, 1, 0], :, [0, 2, 3]"], U(25, 3, 1));

    [Fact]
    public void IntAndMaskIndexers()
    {
        var mask = new Tensor(new[] { true, false, true });
        Check1(x => x[mask] * x[1], U(2, 3, 2));
        Check1(x => x[Long(2, 2, 0)], U(3, 3, 2));
    }

    [Fact]
    public void SelectionOps()
    {
        var idx = new Tensor(new[,] { { 0L, 3, 3 }, { 1, 1, 0 } });
        Check1(x => x.Gather(1, idx), U(4, 2, 4));
        Check1(x => x.IndexSelect(1, Long(3, 0, 3)), U(5, 2, 4));
        Check1(x => x.MaskedSelect(x.Gt(0.0)), U(6, 3, 4));
        Check1(x => x.MaskedSelect(new Tensor(new[] { true, false, true })), U(7, 2, 3));
        Check1(x => x.MaskedFill(new Tensor(new[] { true, false, true }), 2.0), U(8, 2, 3));
        GradAssert.Check(xs => xs[0].MaskedFill(new Tensor(new[] { false, true }), xs[1]), U(9, 3, 2), U(10));
        GradAssert.Check(xs => xs[0].ScatterAdd(1, idx, xs[1]), U(11, 2, 4), U(12, 2, 3));
        GradAssert.Check(xs => xs[0].ScatterAdd(1, idx, xs[1]), U(26, 2, 4), U(27, 3, 4));
        GradAssert.Check(xs => xs[0].ScatterAdd(0, Long(1, 1), xs[1]), U(13, 3), U(14, 4));
    }

    [Fact]
    public void JoiningOps()
    {
        GradAssert.Check(xs => Tensor.Cat([xs[0], xs[1], xs[0]], 1), U(15, 2, 3), U(16, 2, 1));
        Check1(x => Tensor.Cat([x, Tensor.Ones(3)]), U(17, 2));
        GradAssert.Check(xs => Tensor.Stack([xs[0], xs[1]], -1), U(19, 2, 3), U(20, 2, 3));
        Check1(x => x.Split(2, 1)[1] * x.Split([1, 3], 1)[1][":, :2"], U(21, 2, 4));
        Check1(x => x.Chunk(3)[2] + x.Unbind(0)[0], U(22, 3, 2));
        Check1(x => x.Repeat(2, 3, 1), U(23, 2, 2));
        Check1(x => x.T.Flip(0, -1), U(24, 3, 2));
    }
}
