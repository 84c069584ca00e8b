using NNTools.Autograd;
using NNTools.Tests.Support;

namespace NNTools.Tests.Indexing;

/// <summary>What the fixtures cannot show: views, in-place rules, the object form, parse errors.</summary>
public class IndexSemanticsTests
{
    private static Tensor A() => Tensor.Arange(12).Reshape(3, 4).Float();

    [Fact]
    public void BasicIndexIsAViewThatWritesThroughToTheBase()
    {
        var a = A();
        var row = a["1, 1:"];
        Assert.True(row.SharesStorageWith(a));
        row.Fill_(-1);
        Assert.Equal(new float[] { 4, -1, -1, -1 }, a[1].ToFloatArray());
        a["::2, -1"] = 100.0;
        Assert.Equal(100f, a["0, 3"].ToSingle());
        Assert.Equal(100f, a["2, 3"].ToSingle());
        Assert.Equal(-1f, row["2"].ToSingle());
    }

    [Fact]
    public void AdvancedIndexCopies()
    {
        var a = A();
        var picked = a["[0, 2]"];
        Assert.False(picked.SharesStorageWith(a));
        picked.Fill_(0);
        Assert.Equal(8f, a["2, 0"].ToSingle());
    }

    [Fact]
    public void ObjectFormMatchesStringForm()
    {
        var a = A();
        var b = Tensor.Arange(24).Reshape(2, 3, 4);
        FixtureTensor.AssertClose(a["1, :2"], a.Index(1, ":2"));
        FixtureTensor.AssertClose(a[":, None"], a.Index(":", null));
        FixtureTensor.AssertClose(b["..., 0"], b.Index("...", 0L));
        FixtureTensor.AssertClose(b["1:, None, ::2"], b.Index(1.., null, "::2"));
        FixtureTensor.AssertClose(b[":, 1:-1"], b.Index(.., 1..^1));
        FixtureTensor.AssertClose(b["[1, 0], :, [2, 3]"], b.Index(new long[] { 1, 0 }, ":", new Tensor(new[] { 2L, 3L })));
        FixtureTensor.AssertClose(a["[True, False, True], 1"], a.Index(new[] { true, false, true }, 1));
        FixtureTensor.AssertClose(a[new Tensor(new[] { true, false, true })], a["[True, False, True]"]);
        FixtureTensor.AssertClose(a[a.Gt(5.0)], a.MaskedSelect(a.Gt(5.0)));
        FixtureTensor.AssertClose(a[2], a["2"]);
        FixtureTensor.AssertClose(a[-1], a["-1"]);
        Assert.Equal(new[] { 1, 3, 4 }, a.Index(null).Shape);
        FixtureTensor.AssertClose(b["[[0, 1], [1, 1]], 2"], b.Index(new object[] { new object[] { 0, 1 }, new object[] { 1, 1 } }, 2));
        Assert.Equal(new[] { 0, 4 }, a.Index((object)Array.Empty<object>()).Shape);
    }

    [Fact]
    public void MaskConsumesAllItsDimsBeforeTheNextIndex()
    {
        // numpy's rule (PyTorch 1.13 advances one dim only and fails on this expression).
        var b = Tensor.Arange(24).Reshape(2, 3, 4);
        const string mask = "[[True, False, True], [False, True, True]]";
        FixtureTensor.AssertClose(b[":, :, 1::2"][mask], b[mask + ", 1::2"]);
    }

    [Fact]
    public void ItemStillWorksBesideTheIndexers()
    {
        var a = A();
        Assert.Equal(6f, a["1, 2"].Item());
        Assert.Equal(6f, (float)a[1][2].Item());
    }

    [Theory]
    [InlineData(" 1 ,:2 ", "1, :2")]
    [InlineData("\t..., 0\n", "..., 0")]
    [InlineData("None,::2,", "None, ::2")]
    [InlineData("[ 0 ,1 ] , 1 :", "[0, 1], 1:")]
    public void WhitespaceDoesNotMatter(string spaced, string plain)
    {
        var b = Tensor.Arange(24).Reshape(2, 3, 4);
        FixtureTensor.AssertClose(b[plain], b[spaced]);
    }

    [Theory]
    [InlineData("1, a", "expected an integer, a slice (start:stop:step), None, '...' or a [list] at position 3, found 'a'")]
    [InlineData("1,,2", "at position 2, found ','")]
    [InlineData("1 2", "expected ',' at position 2, found '2'")]
    [InlineData("", "an empty index")]
    [InlineData("[0, 1", "expected ',' at position 5, found the end")]
    [InlineData("[0, True]", "a list of only integers or only True/False at position 0")]
    [InlineData("Nonesuch", "at position 0, found 'Nonesuch'")]
    [InlineData("1.5", "expected ',' at position 1, found '.5'")]
    public void SyntaxErrorsNameTheTextAndPosition(string expr, string expected)
    {
        var ex = Assert.Throws<TensorIndexException>(() => A()[expr]);
        Assert.Equal("IndexSyntax", ex.ErrorId);
        Assert.Contains(expected, ex.Message);
        Assert.Contains($"'{expr}'", ex.Message);
    }

    [Fact]
    public void NegativeAndZeroStepsAreRefusedAsInPyTorch()
    {
        var ex = Assert.Throws<TensorIndexException>(() => A()["1:3, ::-1"]);
        Assert.Equal("SliceStep", ex.ErrorId);
        Assert.StartsWith("step must be greater than zero", ex.Message);
        Assert.Contains("position 7", ex.Message);
        Assert.StartsWith("slice step cannot be zero", Assert.Throws<TensorIndexException>(() => A()["::0"]).Message);
    }

    [Fact]
    public void InvalidIndicesThrowRatherThanReturnNull()
    {
        var a = A();
        Assert.Equal("IndexOutOfRange", Assert.Throws<TensorIndexException>(() => a[3]).ErrorId);
        Assert.Equal("index 5 is out of bounds for dimension 0 with size 3", Assert.Throws<TensorIndexException>(() => a["5"]).Message);
        Assert.Equal("IndexMultipleEllipsis", Assert.Throws<TensorIndexException>(() => a["..., ..."]).ErrorId);
        Assert.Equal("TooManyIndices", Assert.Throws<TensorIndexException>(() => Tensor.Scalar(1)["0"]).ErrorId);
        Assert.Equal("IndexDType", Assert.Throws<TensorIndexException>(() => a[Tensor.Ones(2)]).ErrorId);
        Assert.Equal("IndexType", Assert.Throws<TensorIndexException>(() => a.Index(1.5)).ErrorId);
        Assert.Equal("IndexType", Assert.Throws<TensorIndexException>(() => a.Index(new[] { 0.5 })).ErrorId);
        Assert.Equal("IndexBroadcast", Assert.Throws<TensorIndexException>(() => a["[0, 1], [0, 1, 2]"]).ErrorId);
        Assert.Equal("MaskShapeMismatch", Assert.Throws<TensorIndexException>(() => a["[True, False]"]).ErrorId);
    }

    [Fact]
    public void AssignmentChecksTheValueShape()
    {
        var a = A();
        var ex = Assert.Throws<ShapeMismatchException>(() => a["[True, False, True]"] = Tensor.Ones(3, 4));
        Assert.Equal("IndexPutShape", ex.ErrorId);
        Assert.Equal("shape mismatch: value tensor of shape [3, 4] cannot be broadcast to indexing result of shape [2, 4]", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => a[0] = Tensor.Ones(3));
    }

    [Fact]
    public void AssignmentBumpsTheVersionAndLastRepeatWins()
    {
        var a = A();
        int v = a.Storage.Version;
        a["[1, 1, 1]"] = new Tensor(new[] { 5.0, 6.0, 7.0 }).Unsqueeze(1);
        Assert.True(a.Storage.Version > v);
        Assert.Equal(new float[] { 7, 7, 7, 7 }, a[1].ToFloatArray());
        int w = a.Storage.Version;
        a[0] = 1;
        Assert.True(a.Storage.Version > w);
    }

    [Fact]
    public void AssignmentToALeafThatRequiresGradNeedsNoGrad()
    {
        var w = Tensor.Ones(3).RequiresGrad_();
        var ex = Assert.Throws<AutogradException>(() => w["0"] = 2.0);
        Assert.Equal("InPlaceOnLeaf", ex.ErrorId);
        Assert.Throws<AutogradException>(() => w[w.Gt(0.0)] = 2.0);
        Assert.Throws<AutogradException>(() => w[0] = 2.0);
        using (GradMode.NoGrad()) w["1:"] = 5.0;
        Assert.Equal(new float[] { 1, 5, 5 }, w.ToFloatArray());
        Assert.True(w.IsLeaf);
    }

    [Fact]
    public void AssigningAValueThatRequiresGradRecordsIt()
    {
        // As torch: buf[0] = x * 2 makes buf part of the graph (CopySlices); x gets the gradient of row 0.
        var x = Tensor.Ones(3).RequiresGrad_();
        var buf = Tensor.Zeros(2, 3);
        buf[0] = x * 2;
        Assert.True(buf.RequiresGrad);
        Assert.Equal("CopySlices", buf.GradFn!.Name);
        (buf * Tensor.Arange(1, 7).Float().Reshape(2, 3)).Sum().Backward();
        Assert.Equal(new float[] { 2, 4, 6 }, x.Grad!.ToFloatArray());
    }

    [Fact]
    public void AssignmentConvertsNumbersAndTensorsToTheTargetDType()
    {
        var l = Tensor.Arange(4);
        l["1:3"] = 2.9;
        l[0] = true;
        Assert.Equal(new long[] { 1, 2, 2, 3 }, l.ToInt64Array());
        l.IndexPut_(["-1"], (object)7);
        Assert.Equal(7L, l[3].Item());
        Assert.Equal(DType.Int64, l.DType);
        var d = Tensor.Zeros([2, 2], DType.Float64);
        d.IndexPut_([":, 1"], (object)new object[] { 0.1, 0.2 });
        Assert.Equal(new[] { 0, 0.1, 0, 0.2 }, d.ToDoubleArray());
    }

    [Fact]
    public void IndexBackwardAccumulatesRepeatedPositions()
    {
        var x = Tensor.Ones([3], DType.Float64).RequiresGrad_();
        x["[0, 0, 2, 0]"].Sum().Backward();
        Assert.Equal(new double[] { 3, 0, 1 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void SplitChunkAndUnbindAreViews()
    {
        var a = A();
        foreach (var piece in a.Split(2, 1).Concat(a.Chunk(2)).Concat(a.Unbind(1)))
        {
            Assert.True(piece.SharesStorageWith(a));
        }
        a.Split([1, 2])[1].Fill_(0);
        Assert.Equal(0f, a.Sum().ToSingle() - a[0].Sum().ToSingle());
    }

    [Fact]
    public void MaskedFillInPlaceWritesThroughAndChecksTheMask()
    {
        var a = A();
        a.MaskedFill_(a.Lt(3.0), -1);
        Assert.Equal(new float[] { -1, -1, -1, 3 }, a[0].ToFloatArray());
        Assert.Equal("MaskDType", Assert.Throws<DTypeMismatchException>(() => a.MaskedFill(Tensor.Ones(4), 1)).ErrorId);
        Assert.Equal("MaskedFillShape", Assert.Throws<ShapeMismatchException>(() => a.MaskedFill_(Tensor.Ones([2, 3, 4], DType.Bool), 1)).ErrorId);
    }
}
