using System.Text.Json;
using NNTools.Tests.Support;
using NNTools.Data;
using NNTools.IO;
using NNTools.NN;

namespace NNTools.Tests.Data;

/// <summary>Preprocessing against scikit-learn's StandardScaler and OneHotEncoder (Fixtures/tabular, make_tabular.py).</summary>
public class PreprocessingTests
{
    private static readonly JsonElement Fixture = FixtureTensor.Load("tabular", "tabular.json").RootElement;

    private static double[] Doubles(string name) => [.. Fixture.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];

    private static List<object?[]> Rows()
    {
        var numeric = Fixture.GetProperty("numeric").EnumerateArray().ToArray();
        var colours = Fixture.GetProperty("colours").EnumerateArray().ToArray();
        return [.. numeric.Select((row, i) => row.EnumerateArray().Select(v => (object?)v.GetDouble()).Append(colours[i].GetString()).ToArray())];
    }

    private static Preprocessing Fitted() => Preprocessing.Fit(["x", "y", "z", "colour"], Rows(), standardize: true, ["colour"]);

    [Fact]
    public void LearnsStandardScalersMeanAndScaleAndTheCategoriesInOrdinalOrder()
    {
        var p = Fitted();
        var mean = Doubles("mean");
        var scale = Doubles("scale");
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(mean[j], p.Columns[j].Mean, 1e-12);
            Assert.Equal(scale[j], p.Columns[j].Scale, 1e-12 * scale[j]);
        }
        Assert.Equal(Fixture.GetProperty("categories").EnumerateArray().Select(e => e.GetString()), p.Columns[3].Categories!);
        Assert.Equal(7, p.Width);
    }

    [Fact]
    public void EncodesRowsAsScikitLearnTransformsThem()
    {
        var encoded = Fitted().EncodeRows(Rows(), DType.Float64).ToDoubleArray();
        var expected = Fixture.GetProperty("encoded").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        Assert.Equal(expected.Length, encoded.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], encoded[i], 1e-9);
    }

    [Fact]
    public void IndexEncodingAndAConstantColumnKeepScaleOne()
    {
        var rows = new List<object?[]> { new object?[] { 2.0, "b" }, new object?[] { 2.0, "a" }, new object?[] { 2.0, "c" } };
        var p = Preprocessing.Fit(["k", "letter"], rows, standardize: true, ["letter"], CategoricalEncoding.Index);
        Assert.Equal(1, p.Columns[0].Scale);
        Assert.Equal([0.0, 1, 0, 0, 0, 2], p.EncodeRows(rows, DType.Float64).ToDoubleArray());
    }

    [Fact]
    public void AnUnseenCategoryOrTextForANumberIsAnErrorNamingTheValue()
    {
        var p = Fitted();
        var unknown = Assert.Throws<TensorArgumentException>(() => p.Encode([1.0, 2.0, 3.0, "purple"], new double[7]));
        Assert.Equal("UnknownCategory", unknown.ErrorId);
        Assert.Contains("'purple'", unknown.Message);
        var text = Assert.Throws<TensorArgumentException>(() => p.Encode([1.0, "n/a", 3.0, "red"], new double[7]));
        Assert.Equal("InvalidFeatureValue", text.ErrorId);
        Assert.Contains("'y'", text.Message);
    }

    [Fact]
    public void SurvivesTheModelFileWithTheClassNames()
    {
        var model = Layers.Mlp([7, 3]);
        model.Preprocessing = Fitted().WithClasses(["a", "b", "c"], "kind");
        var loaded = ModelFile.Deserialize(ModelFile.Serialize(model));
        Assert.Equal(model.Preprocessing.ToJson(), loaded.Preprocessing!.ToJson());
        Assert.Equal(["a", "b", "c"], loaded.Preprocessing.Classes);
        Assert.Equal("kind", loaded.Preprocessing.Label);
    }

    [Fact]
    public void MalformedStoredPreprocessingIsBadData()
    {
        var e = Assert.Throws<TensorDataException>(() => Preprocessing.FromJson("{\"columns\":[{\"name\":\"x\",\"mean\":0,\"scale\":0}]}"));
        Assert.Equal("InvalidPreprocessing", e.ErrorId);
        Assert.Contains("scale 0", e.Message);
    }
}
