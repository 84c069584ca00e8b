using System.Management.Automation;
using NNTools.Data;
using NNTools.IO;
using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Commands;

/// <summary>
/// Brings tensors, models and data sets back alive after CliXml (Start-Job, Invoke-Command,
/// Export-Clixml): NNTools.Types.ps1xml serializes each as the base64 of a safetensors file (the
/// SafeTensors property) and names <see cref="RehydratingConverter"/>, which PowerShell's
/// deserializer calls for the Deserialized.* objects it reads, so they arrive as the real types.
/// </summary>
public static class Rehydration
{
    public const string Property = "SafeTensors";
    private const string KindKey = "nntools.kind";
    private const string RequiresGradKey = "nntools.requires_grad";
    private const string ClassesKey = "nntools.classes";
    private const string FeaturesKey = "nntools.feature_names";
    private const string StateValuesKey = "nntools.state_values";
    private const string ParamGroupsKey = "nntools.param_groups";

    /// <summary>The SafeTensors property of a tensor: its values, its gradient and whether it requires grad.</summary>
    public static string Tensor(PSObject instance)
    {
        var t = (Tensor)instance.BaseObject;
        var tensors = new Dictionary<string, Tensor> { ["tensor"] = t.Detach() };
        if (t.Grad is { } grad) tensors["grad"] = grad;
        return Encode(tensors, new() { [KindKey] = "tensor", [RequiresGradKey] = t.RequiresGrad ? "true" : "false" });
    }

    /// <summary>
    /// The SafeTensors property of a model, as Export-Model writes it; null for a model that file
    /// cannot rebuild (a PowerShell class needs its own code), which then stays a Deserialized object.
    /// </summary>
    public static string? Model(PSObject instance)
    {
        var model = (Module)instance.BaseObject;
        return Architecture.Describe(model) is null ? null : Convert.ToBase64String(ModelFile.Serialize(model));
    }

    /// <summary>The SafeTensors property of a TensorDataset or a LabeledDataset; null for other data sets.</summary>
    public static string? Dataset(PSObject instance) => instance.BaseObject switch
    {
        TensorDataset d => Encode(d.Tensors.Select((t, i) => (t, i)).ToDictionary(p => $"tensor{p.i}", p => p.t), new() { [KindKey] = "tensors" }),
        LabeledDataset d => Encode(new() { ["x"] = d.X, ["y"] = d.Y }, new()
        {
            [KindKey] = "labeled",
            [ClassesKey] = System.Text.Json.JsonSerializer.Serialize(d.Classes),
            [FeaturesKey] = System.Text.Json.JsonSerializer.Serialize(d.FeatureNames),
        }),
        _ => null,
    };

    /// <summary>
    /// The SafeTensors property of an optimizer's state dict: its state tensors as "state.{index}.{key}",
    /// its other state values and its param groups as tagged JSON in the metadata. An optimizer itself
    /// does not cross: its parameters would arrive as copies tied to no model, so a job returns
    /// $optimizer.StateDict() and the caller loads it into an optimizer over the returned model.
    /// </summary>
    public static string StateDict(PSObject instance)
    {
        var dict = (OptimizerStateDict)instance.BaseObject;
        var tensors = new Dictionary<string, Tensor>();
        var values = new System.Text.Json.Nodes.JsonObject();
        foreach (var (index, entries) in dict.State)
        {
            var plain = new System.Text.Json.Nodes.JsonObject();
            foreach (var (key, value) in entries)
            {
                if (value is Tensor t) tensors[$"state.{index}.{key}"] = t;
                else plain[key] = TaggedValue.ToJson(value);
            }
            values[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = plain;
        }
        var groups = new System.Text.Json.Nodes.JsonArray([.. dict.ParamGroups.Select(g =>
            (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject(g.Select(kv => KeyValuePair.Create(kv.Key, (System.Text.Json.Nodes.JsonNode?)TaggedValue.ToJson(kv.Value)))))]);
        return Encode(tensors, new() { [KindKey] = "optimizer_state", [StateValuesKey] = values.ToJsonString(), [ParamGroupsKey] = groups.ToJsonString() });
    }

    private static OptimizerStateDict RebuildStateDict(SafeTensorsData data)
    {
        var state = new Dictionary<int, Dictionary<string, object?>>();
        Dictionary<string, object?> Entry(int index) => state.TryGetValue(index, out var e) ? e : state[index] = [];
        var values = System.Text.Json.Nodes.JsonNode.Parse(data.Metadata[StateValuesKey])!.AsObject();
        foreach (var (index, entries) in values)
        {
            var entry = Entry(int.Parse(index, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in entries!.AsObject()) entry[key] = TaggedValue.FromJson(value!);
        }
        foreach (var (name, tensor) in data.Tensors)
        {
            var parts = name.Split('.', 3);
            Entry(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))[parts[2]] = tensor;
        }
        var groups = System.Text.Json.Nodes.JsonNode.Parse(data.Metadata[ParamGroupsKey])!.AsArray()
            .Select(g => g!.AsObject().ToDictionary(kv => kv.Key, kv => TaggedValue.FromJson(kv.Value!)!)).ToList();
        return new OptimizerStateDict(state, groups);
    }

    /// <summary>The live object a deserialized one stands for.</summary>
    internal static object Rebuild(string base64)
    {
        byte[] bytes = Convert.FromBase64String(base64);
        var data = SafeTensors.Deserialize(bytes);
        switch (data.Metadata.GetValueOrDefault(KindKey))
        {
            case "tensor":
                var t = data.Tensors["tensor"];
                if (data.Metadata.GetValueOrDefault(RequiresGradKey) == "true") t.RequiresGrad_();
                if (data.Tensors.TryGetValue("grad", out var grad)) t.Grad = grad;
                return t;
            case "tensors":
                return new TensorDataset([.. Enumerable.Range(0, data.Tensors.Count).Select(i => data.Tensors[$"tensor{i}"])]);
            case "labeled":
                return new LabeledDataset(data.Tensors["x"], data.Tensors["y"],
                    System.Text.Json.JsonSerializer.Deserialize<string[]>(data.Metadata[ClassesKey]),
                    System.Text.Json.JsonSerializer.Deserialize<string[]>(data.Metadata[FeaturesKey]));
            case "optimizer_state":
                return RebuildStateDict(data);
            default:
                return ModelFile.Deserialize(bytes);
        }
    }

    private static string Encode(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) =>
        Convert.ToBase64String(SafeTensors.Serialize(tensors, metadata));
}

/// <summary>
/// The type converter NNTools.Types.ps1xml names for tensors, models and data sets: converts a
/// deserialized object that carries the SafeTensors property back into the live type.
/// </summary>
public sealed class RehydratingConverter : PSTypeConverter
{
    public override bool CanConvertFrom(object sourceValue, Type destinationType) =>
        sourceValue is PSObject p && p.Properties[Rehydration.Property]?.Value is string;

    public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        Rehydration.Rebuild((string)((PSObject)sourceValue).Properties[Rehydration.Property].Value);

    public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

    public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        throw new NotSupportedException();
}
