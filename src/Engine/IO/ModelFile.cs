using NNTools.Data;
using NNTools.NN;

namespace NNTools.IO;

/// <summary>What <see cref="ModelFile.LoadInto(string, Module, bool, CancellationToken)"/> left out when not strict, as PyTorch's load_state_dict result.</summary>
public sealed record LoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);

/// <summary>
/// Models as safetensors files that PyTorch reads with safetensors.torch.load_file and
/// model.load_state_dict: the tensors are the state dict under PyTorch's key names and shapes
/// ("0.weight" [out, in], "0.bias" [out], ...), the metadata holds "format": "pt" as files saved
/// from PyTorch do, and, for models built from the built-in layers, "nntools.architecture" with
/// the <see cref="Architecture"/> description that lets <see cref="Load"/> rebuild the model
/// without its code.
/// </summary>
public static class ModelFile
{
    /// <summary>The metadata key of the architecture description.</summary>
    public const string ArchitectureKey = "nntools.architecture";

    /// <summary>
    /// Saves the model's state dict (and its architecture when it can be described) atomically; an
    /// existing file is replaced only with <paramref name="overwrite"/>. Extra string metadata may be
    /// given; the two keys this class writes cannot be overridden by it.
    /// </summary>
    public static void Save(string path, Module model, bool overwrite = false, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafeTensors.Save(path, model.StateDict(), Metadata(model, metadata), overwrite);
    }

    /// <summary>The bytes <see cref="Save(string, Module, bool, IReadOnlyDictionary{string, string}?)"/> writes, in memory.</summary>
    public static byte[] Serialize(Module model, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return SafeTensors.Serialize(model.StateDict(), Metadata(model, metadata));
    }

    private static Dictionary<string, string> Metadata(Module model, IReadOnlyDictionary<string, string>? extra)
    {
        var all = extra is null ? [] : new Dictionary<string, string>(extra, StringComparer.Ordinal);
        all["format"] = "pt";
        all.Remove(ArchitectureKey);
        all.Remove(Preprocessing.MetadataKey);
        if (model.Preprocessing is { } preprocessing) all[Preprocessing.MetadataKey] = preprocessing.ToJson();
        if (Architecture.Describe(model) is { } description) all[ArchitectureKey] = description;
        return all;
    }

    /// <summary>Rebuilds a model saved from built-in layers and loads its weights; <paramref name="cancellation"/> is checked while reading.</summary>
    public static Module Load(string path, CancellationToken cancellation = default) => Rebuild(SafeTensors.Load(path, cancellation), $"the file '{path}'");

    /// <summary>As <see cref="Load(string, CancellationToken)"/>, from bytes in memory.</summary>
    public static Module Deserialize(byte[] bytes) => Rebuild(SafeTensors.Deserialize(bytes), "the data");

    private static Module Rebuild(SafeTensorsData file, string source)
    {
        if (!file.Metadata.TryGetValue(ArchitectureKey, out var description))
        {
            throw new TensorDataException("NoArchitecture",
                $"{source} holds weights but no architecture ({ArchitectureKey} metadata), so the model cannot be rebuilt from it; " +
                "build the model in code and load the weights into it with ModelFile.LoadInto (Import-Model -Into)");
        }
        // The file's own tensors bound how big a model it can describe; larger is refused unbuilt.
        long available = file.Tensors.Values.Sum(t => (long)t.Numel());
        var model = Architecture.Build(description, available);
        Apply(file.Tensors, model, strict: true, source);
        model.Preprocessing = StoredPreprocessing(file);
        return model;
    }

    /// <summary>
    /// Loads a file's weights into a model built in code (a PowerShell class, say). With
    /// <paramref name="strict"/>, every key must match both ways; shapes must always match.
    /// <paramref name="cancellation"/> is checked while reading.
    /// </summary>
    public static LoadResult LoadInto(string path, Module model, bool strict = true, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Apply(SafeTensors.Load(path, cancellation), model, strict, $"the file '{path}'");
    }

    /// <summary>As <see cref="LoadInto(string, Module, bool, CancellationToken)"/>, from bytes in memory.</summary>
    public static LoadResult LoadInto(byte[] bytes, Module model, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Apply(SafeTensors.Deserialize(bytes), model, strict, "the data");
    }

    /// <summary>Weights into a model built in code; the file's preprocessing comes with them when it has one.</summary>
    private static LoadResult Apply(SafeTensorsData file, Module model, bool strict, string source)
    {
        var result = Apply(file.Tensors, model, strict, source);
        if (StoredPreprocessing(file) is { } preprocessing) model.Preprocessing = preprocessing;
        return result;
    }

    private static Preprocessing? StoredPreprocessing(SafeTensorsData file) =>
        file.Metadata.TryGetValue(Preprocessing.MetadataKey, out var json) ? Preprocessing.FromJson(json) : null;

    private static LoadResult Apply(Dictionary<string, Tensor> tensors, Module model, bool strict, string source)
    {
        var own = model.StateDict();
        var missing = own.Keys.Where(k => !tensors.ContainsKey(k)).ToList();
        var unexpected = tensors.Keys.Where(k => !own.ContainsKey(k)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
        {
            throw new TensorDataException("StateDictKeys",
                $"{source} does not fit {model.GetType().Name}: missing keys (in the model, not in the file): [{string.Join(", ", missing)}]; " +
                $"unexpected keys (in the file, not in the model): [{string.Join(", ", unexpected)}]; use strict: false to load the keys that match");
        }
        foreach (var (name, target) in own)
        {
            if (tensors.TryGetValue(name, out var stored) && !target.Shape.SequenceEqual(stored.Shape))
            {
                throw new TensorDataException("StateDictShape",
                    $"size mismatch for {name}: {source} has shape {Shapes.Format(stored.Sizes)}, the model has {Shapes.Format(target.Sizes)}");
            }
        }
        model.LoadStateDict(tensors, strict: false);
        return new LoadResult(missing, unexpected);
    }
}
