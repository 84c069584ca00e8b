using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NNTools.HelpGen;

/// <summary>
/// about_NNTools_Tensor: every public member of NNTools.Tensor, its overloads as PowerShell calls
/// them and the first sentence of its doc comment, which names the PyTorch function it mirrors.
/// Generated from the compiled engine and its XML documentation, so it cannot drift from the code.
/// </summary>
internal static class TensorReference
{
    private static readonly Dictionary<string, string> Operators = new()
    {
        ["op_Addition"] = "+", ["op_Subtraction"] = "-", ["op_Multiply"] = "*", ["op_Division"] = "/",
        ["op_Modulus"] = "%", ["op_UnaryNegation"] = "-x", ["op_BitwiseAnd"] = "-band", ["op_BitwiseOr"] = "-bor",
        ["op_ExclusiveOr"] = "-bxor", ["op_OnesComplement"] = "-bnot", ["op_Explicit"] = "[cast]",
    };

    public static string ToHelpText(Type tensor)
    {
        var docs = Summaries(tensor.Assembly.Location);
        var text = new StringBuilder();
        text.AppendLine("TOPIC").AppendLine("    about_NNTools_Tensor").AppendLine();
        text.AppendLine("SHORT DESCRIPTION").AppendLine("    Every member of NNTools.Tensor, with the PyTorch function it mirrors.").AppendLine();
        text.AppendLine("LONG DESCRIPTION");
        text.AppendLine("    Members keep PyTorch's names in PascalCase: x.sum(dim=0) is $x.Sum(0), torch.cat is");
        text.AppendLine("    [NNTools.Tensor]::Cat(...). Names ending in _ change the tensor in place, as in PyTorch.");
        text.AppendLine("    This list is generated from the engine at build time.").AppendLine();

        var flags = BindingFlags.Public | BindingFlags.DeclaredOnly;
        Section(text, "PROPERTIES", tensor.GetProperties(flags | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name).Select(p => (p.Name, $"{p.Name} : {TypeName(p.PropertyType)}", docs.GetValueOrDefault($"P:{tensor.FullName}.{p.Name}"))));
        Section(text, "INDEXERS", tensor.GetProperties(flags | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length > 0)
            .Select(p => ("this", $"$x[{string.Join(", ", p.GetIndexParameters().Select(Parameter))}]", (string?)docs.FirstOrDefault(d => d.Key.StartsWith($"P:{tensor.FullName}.Item(", StringComparison.Ordinal)).Value)));
        Section(text, "METHODS", Methods(tensor, docs, flags | BindingFlags.Instance, m => "$x." + m.Name));
        Section(text, "STATIC METHODS", Methods(tensor, docs, flags | BindingFlags.Static, m => $"[NNTools.Tensor]::{m.Name}", m => !m.Name.StartsWith("op_", StringComparison.Ordinal)));
        Section(text, "OPERATORS", tensor.GetMethods(flags | BindingFlags.Static).Where(m => Operators.ContainsKey(m.Name))
            .GroupBy(m => Operators[m.Name]).Select(g => (g.Key, $"{g.Key}  ({string.Join("; ", g.Select(m => string.Join(", ", m.GetParameters().Select(p => TypeName(p.ParameterType))) + " -> " + TypeName(m.ReturnType)))})", (string?)null)));
        text.AppendLine("SEE ALSO").AppendLine("    about_NNTools");
        return text.ToString();
    }

    private static IEnumerable<(string Name, string Line, string? Summary)> Methods(Type tensor, Dictionary<string, string> docs, BindingFlags flags,
        Func<MethodInfo, string> call, Func<MethodInfo, bool>? include = null) =>
        tensor.GetMethods(flags).Where(m => !m.IsSpecialName && (include?.Invoke(m) ?? true) && m.DeclaringType == tensor)
            .GroupBy(m => m.Name).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key,
                string.Join(Environment.NewLine + "    ", g.Select(m => $"{call(m)}({string.Join(", ", m.GetParameters().Select(Parameter))})").Distinct()),
                (string?)docs.FirstOrDefault(d => d.Key.StartsWith($"M:{tensor.FullName}.{g.Key}(", StringComparison.Ordinal) || d.Key == $"M:{tensor.FullName}.{g.Key}").Value));

    private static void Section(StringBuilder text, string heading, IEnumerable<(string Name, string Line, string? Summary)> entries)
    {
        text.AppendLine(heading);
        foreach (var (_, line, summary) in entries)
        {
            text.AppendLine("    " + line);
            if (!string.IsNullOrEmpty(summary)) text.AppendLine("        " + summary);
        }
        text.AppendLine();
    }

    private static string Parameter(System.Reflection.ParameterInfo p) =>
        $"{TypeName(p.ParameterType)} {p.Name}" + (p.HasDefaultValue ? $" = {(p.DefaultValue is null ? "$null" : p.DefaultValue is bool b ? (b ? "$true" : "$false") : p.DefaultValue)}" : "");

    private static string TypeName(Type t) =>
        t.IsArray ? TypeName(t.GetElementType()!) + "[]"
        : Nullable.GetUnderlyingType(t) is { } inner ? TypeName(inner) + "?"
        : t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`')]}[{string.Join(", ", t.GetGenericArguments().Select(TypeName))}]"
        : t.Name switch { "Single" => "float", "Double" => "double", "Int32" => "int", "Int64" => "long", "Boolean" => "bool", "String" => "string", "Object" => "object", "Void" => "void", var n => n };

    /// <summary>First sentence of each member's summary in the assembly's XML documentation, keyed by member id.</summary>
    private static Dictionary<string, string> Summaries(string assemblyPath)
    {
        // A project reference may point at the reference assembly (obj/.../ref/); the XML sits one folder up there.
        string folder = Path.GetDirectoryName(assemblyPath)!;
        string name = Path.GetFileNameWithoutExtension(assemblyPath) + ".xml";
        string? path = new[] { Path.Combine(folder, name), Path.Combine(Path.GetDirectoryName(folder) ?? folder, name) }.FirstOrDefault(File.Exists);
        if (path is null) return [];
        return XDocument.Load(path).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .GroupBy(m => (string)m.Attribute("name")!)
            .ToDictionary(g => g.Key, g => FirstSentence(g.First().Element("summary")!));
    }

    private static string FirstSentence(XElement summary)
    {
        var text = new StringBuilder();
        foreach (var node in summary.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement e when e.Attribute("cref") is { } cref => cref.Value[(cref.Value.LastIndexOfAny(['.', ':']) + 1)..].Split('(')[0],
                XElement e when e.Attribute("name") is { } n => n.Value,
                XElement e => e.Value,
                _ => "",
            });
        }
        string flat = Regex.Replace(text.ToString(), @"\s+", " ").Trim();
        var end = Regex.Match(flat, @"^.*?\.(\s|$)");
        return end.Success ? end.Value.Trim() : flat;
    }
}
