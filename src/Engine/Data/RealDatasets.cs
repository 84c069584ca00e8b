using System.Globalization;
using System.IO.Compression;

namespace NNTools.Data;

/// <summary>
/// Reads the data sets embedded from Data/Resources (copied from scikit-learn 1.2.1, see the README
/// there): the CSV layouts are scikit-learn's own, so they parse as load_iris / load_digits parse them.
/// </summary>
internal static class RealDatasets
{
    private static readonly string[] IrisFeatures =
        ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"];

    /// <summary>iris.csv: a header "150,4,setosa,versicolor,virginica", then 4 measurements and the class per row.</summary>
    public static RealDataset Iris(DType dtype)
    {
        var lines = ReadLines("iris.csv", gzip: false);
        var header = lines[0].Split(',');
        int n = int.Parse(header[0], CultureInfo.InvariantCulture);
        int features = int.Parse(header[1], CultureInfo.InvariantCulture);
        var (data, target) = ParseRows(lines.AsSpan(1), n, features);
        return new RealDataset(ToTensor(data, n, features, dtype), Tensor.FromBuffer(target, [n]), IrisFeatures, header[2..]);
    }

    /// <summary>digits.csv.gz: no header; 64 pixel counts (0..16, row by row of the 8x8 image) and the digit per row.</summary>
    public static RealDataset Digits(DType dtype)
    {
        const int Side = 8;
        var lines = ReadLines("digits.csv.gz", gzip: true);
        int n = lines.Length;
        var (data, target) = ParseRows(lines, n, Side * Side);
        var x = ToTensor(data, n, Side * Side, dtype);
        var featureNames = new string[Side * Side];
        for (int r = 0; r < Side; r++)
        {
            for (int c = 0; c < Side; c++) featureNames[r * Side + c] = $"pixel_{r}_{c}";
        }
        var targetNames = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new RealDataset(x, Tensor.FromBuffer(target, [n]), featureNames, targetNames) { Images = x.View(n, Side, Side) };
    }

    private static (double[] Data, long[] Target) ParseRows(ReadOnlySpan<string> lines, int n, int features)
    {
        if (lines.Length != n)
        {
            throw new InvalidDataException($"expected {n} rows, found {lines.Length}");
        }
        var data = new double[n * features];
        var target = new long[n];
        for (int i = 0; i < n; i++)
        {
            var cells = lines[i].Split(',');
            for (int j = 0; j < features; j++) data[i * features + j] = double.Parse(cells[j], CultureInfo.InvariantCulture);
            target[i] = long.Parse(cells[features], CultureInfo.InvariantCulture);
        }
        return (data, target);
    }

    private static Tensor ToTensor(double[] data, int n, int features, DType dtype) =>
        Tensor.FromBuffer(data, [n, features]).CastRaw(dtype);

    private static string[] ReadLines(string file, bool gzip)
    {
        string name = "NNTools.Data.Resources." + file;
        using var stream = typeof(RealDatasets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the engine assembly has no embedded resource {name}");
        using var text = gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(text);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
