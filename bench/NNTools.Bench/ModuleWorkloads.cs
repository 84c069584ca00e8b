namespace NNTools.Bench;

/// <summary>
/// The place for workloads run through the PowerShell module (e.g. W3 as one Start-Training call in a
/// runspace), to show what the cmdlet layer costs over the engine. The module has no Start-Training
/// yet, so nothing is measured here and nothing is reported as if it were.
/// </summary>
internal static class ModuleWorkloads
{
    public static void Print()
    {
        Console.WriteLine();
        Console.WriteLine("Through the PowerShell module (Start-Training): not measured, the module has no Start-Training cmdlet yet.");
    }
}
