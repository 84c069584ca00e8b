namespace NNTools.HelpGen;

/// <summary>
/// Turns docs/about_*.md into PowerShell's about-topic text: "# about_X" becomes the TOPIC
/// heading, "## Heading" an upper-case heading at the margin, "### Heading" a heading indented
/// two spaces, body text is indented four spaces and code blocks eight.
/// </summary>
internal static class AboutTopic
{
    public static string ToHelpText(string markdown)
    {
        var output = new List<string>();
        bool inCode = false;
        foreach (string raw in markdown.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
        {
            string line = raw.TrimEnd();
            if (line.StartsWith("```"))
            {
                inCode = !inCode;
                continue;
            }
            if (inCode) output.Add(line.Length == 0 ? "" : "        " + line);
            else if (line.StartsWith("# ")) output.AddRange(["TOPIC", "    " + line[2..].Trim()]);
            else if (line.StartsWith("## ")) output.Add(line[3..].Trim().ToUpperInvariant());
            else if (line.StartsWith("### ")) output.Add("  " + line[4..].Trim());
            else output.Add(line.Length == 0 ? "" : "    " + line.Replace("`", ""));
        }
        return string.Join(Environment.NewLine, output) + Environment.NewLine;
    }
}
