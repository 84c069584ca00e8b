using System.Text;
using NNTools.IO;
using NNTools.NN;
using NNTools.Tests.Support;
using static NNTools.Tests.IO.IOTestSupport;

namespace NNTools.Tests.IO.Fuzz;

/// <summary>A file for the readers, what it is, and for a model file the model its weights load into.</summary>
public sealed record FuzzInput(string Name, byte[] Bytes, Func<Module>? Model = null);

/// <summary>
/// The fuzz test's inputs before mutation: valid files of every dtype and layout (ours, PyTorch's,
/// a model with its architecture), and hand-made hostile files aimed at each check and limit.
/// </summary>
public static class FuzzCorpus
{
    public static IReadOnlyList<FuzzInput> ValidFiles() =>
    [
        Model("nntools mlp", File.ReadAllBytes(FixtureTensor.PathOf("io", "nntools_mlp.safetensors"))),
        Model("nntools conv", ModelFile.Serialize(new Sequential(new Conv2d(1, 2, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(2, 1)))),
        new("ours", SafeTensors.Serialize(new Dictionary<string, Tensor>
        {
            ["w"] = Tensor.Ones(2, 3), ["i"] = Tensor.Arange(4), ["d"] = Tensor.Full([], 2.5).Double(), ["m"] = Tensor.Ones(3).Gt(0),
        }, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "é \"quoted\"" })),
        new("torch dtypes", File.ReadAllBytes(FixtureTensor.PathOf("io", "dtypes.safetensors"))),
        new("torch layout", File.ReadAllBytes(FixtureTensor.PathOf("io", "layout.safetensors"))),
        new("torch mlp", File.ReadAllBytes(FixtureTensor.PathOf("io", "torch_mlp.safetensors"))),
    ];

    private static FuzzInput Model(string name, byte[] bytes) => new(name, bytes, () => ModelFile.Deserialize(bytes));

    public static IEnumerable<FuzzInput> HostileFiles()
    {
        foreach (var size in new[] { 0, 1, 7, 8 }) yield return new($"{size} zero bytes", new byte[size]);
        yield return new("length 2^64-1", MakeFile(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, []));
        foreach (var header in Headers()) yield return new(header.Length > 60 ? header[..60] + "..." : header, MakeFile(header, 16));
        yield return new("100,001 empty tensors", MakeFile("{" + string.Join(",", Enumerable.Range(0, SafeTensors.MaxTensorCount + 1).Select(i => $"\"t{i}\":{Empty}")) + "}"));
        yield return new("100,001 metadata entries", MakeFile("{\"__metadata__\":{" + string.Join(",", Enumerable.Range(0, SafeTensors.MaxMetadataCount + 1).Select(i => $"\"k{i}\":\"\"")) + "}}"));
        yield return new("4,000,001 values", MakeFile($"{{\"x\":{{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"junk\":[{string.Join(",", Enumerable.Repeat("0", SafeTensors.MaxHeaderValues))}]}}}}"));
        yield return new("100,000 nested arrays", MakeFile("{\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}"));
        yield return new("BOOL byte 2", MakeFile(Encoding.UTF8.GetBytes("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}"), [1, 2]));
        foreach (var architecture in Architectures())
        {
            yield return new($"architecture {architecture}", SafeTensors.Serialize(new Dictionary<string, Tensor> { ["0.weight"] = Tensor.Ones(1, 1) },
                new Dictionary<string, string> { [ModelFile.ArchitectureKey] = architecture }), () => new Sequential(new Linear(1, 1, bias: false)));
        }
    }

    private const string Empty = "{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}";

    private static IEnumerable<string> Headers() =>
    [
        "", "{}", " {}", "[]", "null", "{\"__metadata__\":null}", "{\"__metadata__\":{\"k\":[]}}", "{\"a\":{}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483648],\"data_offsets\":[0,8589934592]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[0,3000000000],\"data_offsets\":[0,0]}}",
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[9223372036854775807,2],\"data_offsets\":[0,16]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[" + string.Join(",", Enumerable.Repeat(1, 65)) + "],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[[4]],\"data_offsets\":[0,16]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,9223372036854775807]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[16,0]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[-16,0]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,1e400]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},\"a\":{}}",
        "{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
        "{\"a\":{\"dtype\":\"F32\\udfff\",\"shape\":[4],\"data_offsets\":[0,16]}}",
        "{\"__metadata__\":{\"\\ud800\\ud800\":\"\\udc00\\udc00\"}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16],\"\\ud800\":0}}",
    ];

    /// <summary>Architecture descriptions a model file might carry: malformed, unknown, absurd.</summary>
    private static IEnumerable<string> Architectures() =>
    [
        "", "{}", "[]", "null", "\"Sequential\"", "{\"type\":\"Nope\"}", "{\"type\":\"Linear\",\"in\":1}",
        "{\"type\":\"Linear\",\"in\":1,\"out\":1,\"bias\":false,\"dtype\":\"float32\"}",
        "{\"type\":\"Linear\",\"in\":-1,\"out\":1,\"bias\":false,\"dtype\":\"float32\"}",
        "{\"type\":\"Linear\",\"in\":1000000000,\"out\":1000000000,\"bias\":true,\"dtype\":\"float32\"}",
        "{\"type\":\"Sequential\",\"layers\":" + new string('[', 200) + new string(']', 200) + "}",
        "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":1,\"out\":1,\"bias\":false,\"dtype\":\"float32\"},{\"type\":\"Linear\",\"in\":1,\"out\":1,\"bias\":false,\"dtype\":\"float32\"}]}",
    ];
}
