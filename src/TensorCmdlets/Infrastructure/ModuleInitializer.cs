using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace NNTools.Commands;

/// <summary>Runs when PowerShell imports the module: adapts the engine to PowerShell's wrapped objects.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    public void OnImport()
    {
        DependencyLoadContext.Install(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!);
        // Arrays built in PowerShell hold PSObject wrappers (e.g. @(1, 2) from a pipeline);
        // the engine reads the values inside them.
        HostIntegration.ObjectUnwrapper = o => Number(o is PSObject p ? p.BaseObject : o);
        // One default generator per runspace, as torch has one per process: runspaces of one process
        // (ForEach-Object -Parallel, thread jobs) are separate sessions, and a shared generator made
        // their seeded runs interleave draws and never repeat. Threads outside any runspace (the
        // engine's workers) keep the process's generator.
        HostIntegration.DefaultGenerator = () => Runspace.DefaultRunspace is { } runspace ? RunspaceGenerators.GetValue(runspace, _ => new Generator()) : null;
        // The default dtype (Set-TensorDefault) is per runspace for the same reason.
        HostIntegration.DefaultSettings = () => Runspace.DefaultRunspace is { } runspace ? RunspaceDefaults.GetValue(runspace, _ => Tensor.NewDefaults()) : null;
        // Should -BeTensor, for test files that import the module under Invoke-Pester.
        TensorAssertion.RegisterWithPester();
        // Engine errors thrown to scripts carry their id and category.
        HostIntegration.ErrorTranslator = EngineErrorException.Translate;
    }

    private static readonly ConditionalWeakTable<Runspace, Generator> RunspaceGenerators = new();

    private static readonly ConditionalWeakTable<Runspace, TensorDefaults> RunspaceDefaults = new();

    // In argument mode PowerShell passes a negative number after a comma as text:
    // `New-Tensor -Data 1, -2` gives 1 and "-2". Numeric text is read as the number it spells
    // (an integer stays an integer, so dtype inference is unchanged); other text stays text.
    private static object Number(object value)
    {
        if (value is not string text) return value;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long integer)) return integer;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real)) return real;
        return value;
    }
}
