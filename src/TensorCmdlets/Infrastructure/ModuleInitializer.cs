using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>Runs when PowerShell imports the module: adapts the engine to PowerShell's wrapped objects.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    public void OnImport()
    {
        // Arrays built in PowerShell hold PSObject wrappers (e.g. @(1, 2) from a pipeline);
        // the engine reads the values inside them.
        HostIntegration.ObjectUnwrapper = o => o is PSObject p ? p.BaseObject : o;
    }
}
