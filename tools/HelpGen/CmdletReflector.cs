using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace NNTools.HelpGen;

/// <summary>One parameter as one parameter set declares it.</summary>
internal sealed record ParameterUse(bool Mandatory, int? Position, bool FromPipeline, bool FromPipelineByName);

/// <summary>A cmdlet parameter, with its declaration in each parameter set it belongs to.</summary>
internal sealed record ParameterInfo(string Name, Type Type, string[] Aliases, string[] Values, string? DefaultValue,
    IReadOnlyDictionary<string, ParameterUse> Sets)
{
    public bool IsSwitch => Type == typeof(SwitchParameter);
}

/// <summary>What the compiled cmdlet says about itself: name, parameter sets, parameters, output types.</summary>
internal sealed record CmdletInfo(string Verb, string Noun, string DefaultSet, IReadOnlyList<string> SetNames,
    IReadOnlyList<ParameterInfo> Parameters, IReadOnlyList<string> OutputTypes)
{
    public string Name => $"{Verb}-{Noun}";
}

/// <summary>Reads the [Cmdlet] classes of a module assembly by reflection.</summary>
internal static class CmdletReflector
{
    public const string AllSets = "__AllParameterSets";

    /// <param name="assemblyPath">The module assembly.</param>
    /// <param name="dependencies">Paths of the assemblies it references that are neither beside it nor PowerShell's.</param>
    public static IReadOnlyList<CmdletInfo> Read(string assemblyPath, IEnumerable<string> dependencies)
    {
        var known = dependencies.Select(Path.GetFullPath).ToLookup(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase);
        string folder = Path.GetDirectoryName(assemblyPath)!;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            string path = known[name.Name!].FirstOrDefault() ?? Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
        return [.. assembly.GetExportedTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<CmdletAttribute>()))
            .Where(c => c.Attribute is not null && !c.Type.IsAbstract)
            .Select(c => Describe(c.Type, c.Attribute!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    private static CmdletInfo Describe(Type type, CmdletAttribute attribute)
    {
        object instance = Activator.CreateInstance(type)!;
        var parameters = new List<ParameterInfo>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var uses = property.GetCustomAttributes<ParameterAttribute>().ToList();
            if (uses.Count == 0) continue;
            var sets = uses.ToDictionary(
                p => p.ParameterSetName ?? AllSets,
                p => new ParameterUse(p.Mandatory, p.Position >= 0 ? p.Position : null, p.ValueFromPipeline, p.ValueFromPipelineByPropertyName));
            string[] aliases = [.. property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames)];
            var underlying = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            string[] values = property.GetCustomAttribute<ValidateSetAttribute>()?.ValidValues.ToArray()
                ?? (underlying.IsEnum ? Enum.GetNames(underlying) : []);
            parameters.Add(new ParameterInfo(property.Name, property.PropertyType, aliases, values, DefaultOf(property, instance), sets));
        }
        var (dynamicParameters, choices) = DynamicParameters(type, instance, parameters);
        parameters.AddRange(dynamicParameters);
        if (choices.Count > 0) (parameters, choices) = CrossWithStaticSets(parameters, choices);
        var setNames = choices.Concat(parameters.SelectMany(p => p.Sets.Keys)).Where(s => s != AllSets).Distinct().ToList();
        // A default set that no parameter names is still a set of its own (the all-sets parameters).
        if (choices.Count == 0 && attribute.DefaultParameterSetName is { } named && !setNames.Contains(named)) setNames.Add(named);
        if (setNames.Count == 0) setNames.Add(AllSets);
        string defaultSet = choices.Count > 0 ? setNames[0] : attribute.DefaultParameterSetName ?? setNames[0];
        // The default set's syntax comes first, as Get-Command shows it.
        setNames = [.. setNames.OrderBy(s => s == defaultSet ? 0 : 1)];
        if (attribute.SupportsShouldProcess)
        {
            var common = new Dictionary<string, ParameterUse> { [AllSets] = new(false, null, false, false) };
            parameters.Add(new ParameterInfo("WhatIf", typeof(SwitchParameter), ["wi"], [], "False", common));
            parameters.Add(new ParameterInfo("Confirm", typeof(SwitchParameter), ["cf"], [], "False", common));
        }
        string[] outputs = [.. type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(o => o.Type).Select(t => t.Name).Distinct()];
        return new CmdletInfo(attribute.VerbName, attribute.NounName, defaultSet, setNames, parameters, outputs);
    }

    // A cmdlet whose parameters depend on a choice (New-Layer's -Type) is asked for them once per
    // valid value of that choice; each value becomes a syntax item of its own, named after it.
    private static (List<ParameterInfo> Parameters, List<string> Choices) DynamicParameters(Type type, object instance, IReadOnlyList<ParameterInfo> statics)
    {
        var choices = new List<string>();
        if (instance is not IDynamicParameters dynamic) return ([], choices);
        var found = new Dictionary<string, (Type Type, string[] Aliases, string[] Values, Dictionary<string, ParameterUse> Sets)>();
        foreach (var choice in statics.Where(p => p.Values.Length > 0 && p.Type == typeof(string)).Take(1))
        {
            foreach (string value in choice.Values)
            {
                type.GetProperty(choice.Name)!.SetValue(instance, value);
                if (dynamic.GetDynamicParameters() is not RuntimeDefinedParameterDictionary parameters) continue;
                choices.Add(value);
                foreach (var parameter in parameters.Values)
                {
                    var use = parameter.Attributes.OfType<ParameterAttribute>().First();
                    if (!found.TryGetValue(parameter.Name, out var entry))
                    {
                        string[] aliases = [.. parameter.Attributes.OfType<AliasAttribute>().SelectMany(a => a.AliasNames)];
                        string[] values = parameter.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault()?.ValidValues.ToArray() ?? [];
                        entry = (parameter.ParameterType, aliases, values, new Dictionary<string, ParameterUse>());
                        found[parameter.Name] = entry;
                    }
                    entry.Sets[value] = new ParameterUse(use.Mandatory, use.Position >= 0 ? use.Position : null, use.ValueFromPipeline, use.ValueFromPipelineByPropertyName);
                }
            }
        }
        return ([.. found.Select(f => new ParameterInfo(f.Key, f.Value.Type, f.Value.Aliases, f.Value.Values, null, f.Value.Sets))], choices);
    }

    // With parameter sets of its own too (New-Optimizer's Model and Parameters), each choice shows
    // once per set: the syntax item "SGD Model" holds the set's parameters and SGD's.
    private static (List<ParameterInfo>, List<string>) CrossWithStaticSets(List<ParameterInfo> parameters, List<string> choices)
    {
        var sets = parameters.SelectMany(p => p.Sets.Keys).Where(s => s != AllSets && !choices.Contains(s)).Distinct().ToList();
        if (sets.Count == 0) return (parameters, choices);
        var crossed = parameters.Select(p =>
        {
            var uses = new Dictionary<string, ParameterUse>();
            foreach (var (set, use) in p.Sets)
            {
                if (set == AllSets) uses[set] = use;
                else if (choices.Contains(set)) foreach (string s in sets) uses[$"{set} {s}"] = use;
                else foreach (string c in choices) uses[$"{c} {set}"] = use;
            }
            return p with { Sets = uses };
        }).ToList();
        return (crossed, [.. choices.SelectMany(c => sets.Select(s => $"{c} {s}"))]);
    }

    // The value a fresh cmdlet holds: what the parameter is when not given. Empty and null mean none.
    private static string? DefaultOf(PropertyInfo property, object instance)
    {
        object? value = property.GetValue(instance);
        return value switch
        {
            null => null,
            SwitchParameter s => s.IsPresent ? "True" : "False",
            string { Length: 0 } => null,
            Array { Length: 0 } => null,
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            bool or int or long => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            _ when property.PropertyType.IsValueType => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary>A parameter type as syntax lines show it: the type's name, [] for arrays, no Nullable.</summary>
    public static string TypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsArray ? TypeName(underlying.GetElementType()!) + "[]" : underlying.Name;
    }
}
