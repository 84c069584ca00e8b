using NNTools.HelpGen;

// NNTools.HelpGen <module.dll> <docs/cmdlets> <about.md> <output folder> [dependency.dll...]
// Writes <module.dll>-Help.xml (MAML), about_<Module>.help.txt and about_<Module>_Tensor.help.txt
// (every member of NNTools.Tensor, from the engine and its XML docs) into the output folder. Exits 1,
// naming every problem, when a cmdlet has no help file, a parameter no section, or no example.
// The dependencies are the module's own references (the engine), loaded when reflection needs them.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: NNTools.HelpGen <module.dll> <cmdlet-docs-folder> <about.md> <output-folder> [dependency.dll...]");
    return 2;
}
string assemblyPath = Path.GetFullPath(args[0]);
string docs = args[1];
string about = args[2];
string output = args[3];

var cmdlets = CmdletReflector.Read(assemblyPath, args[4..]);
var problems = new List<string>();
var pages = new List<(CmdletInfo Cmdlet, HelpPage Page)>();
foreach (var cmdlet in cmdlets)
{
    string file = Path.Combine(docs, cmdlet.Name + ".md");
    if (!File.Exists(file))
    {
        problems.Add($"{cmdlet.Name}: no help file {file}");
        continue;
    }
    var page = HelpPage.Parse(File.ReadAllText(file));
    problems.AddRange(page.Check(cmdlet).Select(p => $"{file}: {p}"));
    pages.Add((cmdlet, page));
}
if (!File.Exists(about)) problems.Add($"no about topic {about}");
if (problems.Count > 0)
{
    // The canonical "origin : error CODE: text" form makes MSBuild's Exec report each one as a build error.
    foreach (string problem in problems) Console.Error.WriteLine($"HelpGen : error HELP001: {problem}");
    return 1;
}

Directory.CreateDirectory(output);
MamlWriter.Write(Path.Combine(output, Path.GetFileName(assemblyPath) + "-Help.xml"), pages);
string topic = Path.GetFileNameWithoutExtension(about);
File.WriteAllText(Path.Combine(output, topic + ".help.txt"), AboutTopic.ToHelpText(File.ReadAllText(about)));
// The tensor reference, when the engine is among the module's references (it always is for NNTools).
if (AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType("NNTools.Tensor")).FirstOrDefault(t => t is not null) is { } tensor)
{
    File.WriteAllText(Path.Combine(output, topic + "_Tensor.help.txt"), TensorReference.ToHelpText(tensor));
}
Console.WriteLine($"HelpGen: {pages.Count} cmdlets, {topic} and its tensor reference written to {output}");
return 0;
