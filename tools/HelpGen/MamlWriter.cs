using System.Xml;

namespace NNTools.HelpGen;

/// <summary>
/// Writes MAML command help (the XML Get-Help reads for binary modules), in the shape PlatyPS
/// produces: details, description, one syntax item per parameter set, parameters, inputs,
/// outputs, notes and examples.
/// </summary>
internal static class MamlWriter
{
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>Descriptions of the parameters PowerShell adds itself, used when a page has none.</summary>
    public static readonly IReadOnlyDictionary<string, string> StandardText = new Dictionary<string, string>
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
    };

    public static void Write(string path, IReadOnlyList<(CmdletInfo Cmdlet, HelpPage Page)> pages)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new System.Text.UTF8Encoding(false) };
        using var xml = XmlWriter.Create(path, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("helpItems", "http://msh");
        xml.WriteAttributeString("schema", "maml");
        foreach (var (cmdlet, page) in pages) WriteCommand(xml, cmdlet, page);
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter xml, CmdletInfo cmdlet, HelpPage page)
    {
        xml.WriteStartElement("command", "command", Command);
        xml.WriteAttributeString("xmlns", "maml", null, Maml);
        xml.WriteAttributeString("xmlns", "dev", null, Dev);

        xml.WriteStartElement("details", Command);
        xml.WriteElementString("name", Command, cmdlet.Name);
        xml.WriteElementString("verb", Command, cmdlet.Verb);
        xml.WriteElementString("noun", Command, cmdlet.Noun);
        Description(xml, page.Synopsis);
        xml.WriteEndElement();

        Description(xml, page.Description);

        xml.WriteStartElement("syntax", Command);
        foreach (string set in cmdlet.SetNames)
        {
            xml.WriteStartElement("syntaxItem", Command);
            xml.WriteElementString("name", Maml, cmdlet.Name);
            foreach (var (parameter, use) in InSyntaxOrder(cmdlet, set))
                Parameter(xml, parameter, use, page, inSyntax: true, set);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("parameters", Command);
        foreach (var parameter in cmdlet.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            Parameter(xml, parameter, Summary(parameter), page, inSyntax: false);
        xml.WriteEndElement();

        TypeEntries(xml, "inputTypes", "inputType", page.Inputs);
        TypeEntries(xml, "returnValues", "returnValue", page.Outputs.Count > 0
            ? page.Outputs
            : [.. cmdlet.OutputTypes.Select(t => new HelpTypeEntry(t, []))]);

        if (page.Notes.Count > 0)
        {
            xml.WriteStartElement("alertSet", Maml);
            xml.WriteStartElement("alert", Maml);
            Paragraphs(xml, page.Notes);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteStartElement("examples", Command);
        int n = 0;
        foreach (var example in page.Examples)
        {
            xml.WriteStartElement("example", Command);
            xml.WriteElementString("title", Maml, $"-------------------------- Example {++n}: {example.Title} --------------------------");
            xml.WriteElementString("code", Dev, example.Code);
            xml.WriteStartElement("remarks", Dev);
            Paragraphs(xml, example.Remarks);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("relatedLinks", Maml);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    // Positional parameters by position, then the other mandatory ones, then the rest: the order
    // PowerShell's own syntax lines use.
    private static IEnumerable<(ParameterInfo, ParameterUse)> InSyntaxOrder(CmdletInfo cmdlet, string set) =>
        cmdlet.Parameters
            .Select(p => (Parameter: p, Use: p.Sets.GetValueOrDefault(set) ?? p.Sets.GetValueOrDefault(CmdletReflector.AllSets)))
            .Where(p => p.Use is not null)
            .Select(p => (p.Parameter, Use: p.Use!))
            .OrderBy(p => p.Use.Position ?? int.MaxValue)
            .ThenBy(p => p.Use.Mandatory ? 0 : 1);

    // The parameters section shows each parameter once: required when every set requires it.
    private static ParameterUse Summary(ParameterInfo parameter)
    {
        var uses = parameter.Sets.Values.ToList();
        return new ParameterUse(uses.All(u => u.Mandatory), uses.Select(u => u.Position).FirstOrDefault(p => p is not null),
            uses.Any(u => u.FromPipeline), uses.Any(u => u.FromPipelineByName));
    }

    // In a syntax item named after one value of a choice (New-Layer's "Linear" item), the choice shows that value alone.
    private static void Parameter(XmlWriter xml, ParameterInfo parameter, ParameterUse use, HelpPage page, bool inSyntax, string? set = null)
    {
        string? choice = set?.Split(' ')[0];
        string[] values = inSyntax && parameter.Values.Contains(choice) ? [choice!] : parameter.Values;
        string type = CmdletReflector.TypeName(parameter.Type);
        xml.WriteStartElement("parameter", Command);
        xml.WriteAttributeString("required", use.Mandatory ? "true" : "false");
        xml.WriteAttributeString("variableLength", parameter.Type.IsArray ? "true" : "false");
        xml.WriteAttributeString("globbing", "false");
        xml.WriteAttributeString("pipelineInput", Pipeline(use));
        xml.WriteAttributeString("position", use.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named");
        xml.WriteAttributeString("aliases", parameter.Aliases.Length > 0 ? string.Join(", ", parameter.Aliases) : "none");
        xml.WriteElementString("name", Maml, parameter.Name);
        var text = page.Parameters.TryGetValue(parameter.Name, out var written) && written.Count > 0
            ? written
            : [StandardText[parameter.Name]];
        Description(xml, text);
        if (values.Length > 0)
        {
            xml.WriteStartElement("parameterValueGroup", Command);
            foreach (string value in values)
            {
                xml.WriteStartElement("parameterValue", Command);
                xml.WriteAttributeString("required", "false");
                xml.WriteAttributeString("variableLength", "false");
                xml.WriteString(value);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        // A switch takes no value: syntax lines show it bare.
        if (!(inSyntax && parameter.IsSwitch))
        {
            xml.WriteStartElement("parameterValue", Command);
            xml.WriteAttributeString("required", parameter.IsSwitch ? "false" : "true");
            xml.WriteAttributeString("variableLength", "false");
            xml.WriteString(type);
            xml.WriteEndElement();
        }
        xml.WriteStartElement("type", Dev);
        xml.WriteElementString("name", Maml, type);
        xml.WriteElementString("uri", Maml, "");
        xml.WriteEndElement();
        xml.WriteElementString("defaultValue", Dev, parameter.DefaultValue ?? "None");
        xml.WriteEndElement();
    }

    private static string Pipeline(ParameterUse use) => (use.FromPipeline, use.FromPipelineByName) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    private static void TypeEntries(XmlWriter xml, string list, string item, IReadOnlyList<HelpTypeEntry> entries)
    {
        xml.WriteStartElement(list, Command);
        foreach (var entry in entries)
        {
            xml.WriteStartElement(item, Command);
            xml.WriteStartElement("type", Dev);
            xml.WriteElementString("name", Maml, entry.TypeName);
            xml.WriteEndElement();
            Description(xml, entry.Description);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void Description(XmlWriter xml, IReadOnlyList<string> paragraphs)
    {
        xml.WriteStartElement("description", Maml);
        Paragraphs(xml, paragraphs);
        xml.WriteEndElement();
    }

    private static void Paragraphs(XmlWriter xml, IReadOnlyList<string> paragraphs)
    {
        foreach (string paragraph in paragraphs) xml.WriteElementString("para", Maml, paragraph);
    }
}
