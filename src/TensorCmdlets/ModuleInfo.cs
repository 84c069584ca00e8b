namespace NNTools.Commands;

/// <summary>Facts about the module assembly shared by its cmdlets.</summary>
public static class ModuleInfo
{
    public const string Name = "NNTools";
}
