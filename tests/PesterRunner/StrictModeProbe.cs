using System.Management.Automation;

namespace NNTools.PesterLite;

/// <summary>
/// Reads the strict mode in force in the current scope. PowerShell has no getter for it, but
/// each version turns one more mistake into an error, so trying them in order tells.
/// </summary>
internal static class StrictModeProbe
{
    private const string Probe = """
        $version = 0
        try { $null = $PesterLiteUndefinedVariable } catch { $version = 1 }
        if ($version -eq 1) { try { $null = (1).PesterLiteMissingProperty } catch { $version = 2 } }
        if ($version -eq 2) { try { $null = @(1)[1] } catch { $version = 3 } }
        $version
        """;

    public static Version? Read(EngineIntrinsics engine)
    {
        var result = engine.InvokeCommand.InvokeScript(true, engine.InvokeCommand.NewScriptBlock(Probe), null);
        int version = (int)result[0].BaseObject;
        return version == 0 ? null : new Version(version, 0);
    }
}
