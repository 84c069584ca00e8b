using System.Text.RegularExpressions;

namespace NNTools.HelpGen;

/// <summary>An example: its title, its code and what it does.</summary>
internal sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>A typed entry of INPUTS or OUTPUTS.</summary>
internal sealed record HelpTypeEntry(string TypeName, IReadOnlyList<string> Description);

/// <summary>
/// One docs/cmdlets/Verb-Noun.md page, in the layout docs/cmdlets/README.md gives: what a person
/// writes about a cmdlet. Paragraphs are kept as lists of paragraphs (blank-line separated).
/// </summary>
internal sealed partial class HelpPage
{
    public string Title { get; private set; } = "";
    public IReadOnlyList<string> Synopsis { get; private set; } = [];
    public IReadOnlyList<string> Description { get; private set; } = [];
    public List<HelpExample> Examples { get; } = [];
    public Dictionary<string, IReadOnlyList<string>> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<HelpTypeEntry> Inputs { get; } = [];
    public List<HelpTypeEntry> Outputs { get; } = [];
    public IReadOnlyList<string> Notes { get; private set; } = [];

    [GeneratedRegex(@"^### Example \d+:\s*(.*)$")]
    private static partial Regex ExampleHeading();

    public static HelpPage Parse(string markdown)
    {
        var page = new HelpPage();
        string section = "";
        string? sub = null;
        var body = new List<string>();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');

        void Flush()
        {
            page.Store(section, sub, body);
            body.Clear();
        }

        bool inCode = false;
        foreach (string line in lines)
        {
            if (line.StartsWith("```")) inCode = !inCode;
            if (inCode || line.StartsWith("```")) { body.Add(line); continue; }
            if (line.StartsWith("# ")) { Flush(); page.Title = line[2..].Trim(); section = ""; sub = null; }
            else if (line.StartsWith("## ")) { Flush(); section = line[3..].Trim().ToUpperInvariant(); sub = null; }
            else if (line.StartsWith("### ")) { Flush(); sub = line[4..].Trim(); }
            else body.Add(line);
        }
        Flush();
        return page;
    }

    private void Store(string section, string? sub, List<string> body)
    {
        switch (section)
        {
            case "SYNOPSIS": Synopsis = Paragraphs(body); break;
            case "DESCRIPTION": Description = Paragraphs(body); break;
            case "NOTES": Notes = Paragraphs(body); break;
            case "EXAMPLES" when sub is not null: Examples.Add(Example(sub, body)); break;
            case "PARAMETERS" when sub is not null: Parameters[sub.TrimStart('-')] = Paragraphs(body); break;
            case "INPUTS" when sub is not null: Inputs.Add(new HelpTypeEntry(sub, Paragraphs(body))); break;
            case "OUTPUTS" when sub is not null: Outputs.Add(new HelpTypeEntry(sub, Paragraphs(body))); break;
        }
    }

    private static HelpExample Example(string heading, List<string> body)
    {
        var match = ExampleHeading().Match("### " + heading);
        string title = match.Success ? match.Groups[1].Value : heading;
        var code = new List<string>();
        var rest = new List<string>();
        bool inCode = false, seenCode = false;
        foreach (string line in body)
        {
            if (line.StartsWith("```"))
            {
                inCode = !inCode;
                seenCode = true;
                continue;
            }
            if (inCode) code.Add(line);
            else if (seenCode) rest.Add(line);
        }
        return new HelpExample(title, string.Join("\n", code).Trim('\n'), Paragraphs(rest));
    }

    // Blank lines separate paragraphs; lines within one are joined, as Markdown renders them.
    // Lines indented by four spaces or starting with "- " or "|" keep their line breaks.
    private static IReadOnlyList<string> Paragraphs(IEnumerable<string> lines)
    {
        var result = new List<string>();
        var current = new List<string>();
        foreach (string line in lines.Append(""))
        {
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0) result.Add(string.Join(current.Any(Verbatim) ? "\n" : " ", current));
                current.Clear();
            }
            else current.Add(Verbatim(line) ? line : line.Trim());
        }
        return result;

        static bool Verbatim(string line) => line.StartsWith("    ") || line.TrimStart().StartsWith("- ") || line.StartsWith('|');
    }

    /// <summary>What is missing or stale compared with the compiled cmdlet.</summary>
    public IEnumerable<string> Check(CmdletInfo cmdlet)
    {
        if (Title != cmdlet.Name) yield return $"the title is '{Title}', expected '# {cmdlet.Name}'";
        if (Synopsis.Count == 0) yield return "no SYNOPSIS";
        if (Description.Count == 0) yield return "no DESCRIPTION";
        if (Examples.Count == 0) yield return "no example (### Example 1: ... with a code block)";
        foreach (var example in Examples.Where(e => e.Code.Length == 0)) yield return $"example '{example.Title}' has no code block";
        foreach (var parameter in cmdlet.Parameters.Where(p => !MamlWriter.StandardText.ContainsKey(p.Name)))
        {
            if (!Parameters.TryGetValue(parameter.Name, out var text) || text.Count == 0)
                yield return $"parameter -{parameter.Name} has no section (### -{parameter.Name})";
        }
        foreach (string name in Parameters.Keys.Where(n => cmdlet.Parameters.All(p => !p.Name.Equals(n, StringComparison.OrdinalIgnoreCase))))
            yield return $"section ### -{name} names no parameter of {cmdlet.Name}";
    }
}
