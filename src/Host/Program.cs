using NNTools.Hosting;

// nntools-host [-Module <psd1> | -NoModule] <script.ps1> [args...]
// Runs a script with the NNTools module imported; the exit code is the script's.
string? module = Environment.GetEnvironmentVariable("NNTOOLS_MODULE") is { Length: > 0 } fromEnv
    ? fromEnv
    : Path.Combine(AppContext.BaseDirectory, "NNTools.psd1");
int first = 0;
for (; first < args.Length && args[first].StartsWith('-'); first++)
{
    if (args[first].Equals("-NoModule", StringComparison.OrdinalIgnoreCase)) module = null;
    else if (args[first].Equals("-Module", StringComparison.OrdinalIgnoreCase) && first + 1 < args.Length) module = args[++first];
    else break;
}
if (first >= args.Length)
{
    Console.Error.WriteLine("usage: nntools-host [-Module <psd1> | -NoModule] <script.ps1> [args...]");
    return 2;
}

int width = Console.IsOutputRedirected ? 120 : Math.Max(Console.WindowWidth, 40);
var host = new ScriptHost(Console.Out, Console.Error, width, Console.IsErrorRedirected ? null : Console.Error);
using var runner = new ScriptRunner(host, module is null ? null : Path.GetFullPath(module));

// The first Ctrl+C stops the script cleanly (cmdlets see StopProcessing); a second one ends the process.
bool stopping = false;
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !stopping;
    stopping = true;
    runner.Stop();
};
return runner.Run(args[first], args[(first + 1)..]);
