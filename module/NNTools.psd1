@{
    # The binary module: cmdlets live in NNTools.dll, built from src/TensorCmdlets.
    RootModule           = 'NNTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '3f6c2a7e-58d4-4b8e-9c1d-6a0e5f2b7c41'
    Author               = 'NNTools team'
    Description          = 'Tensors, automatic differentiation and neural-network training for PowerShell.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    CmdletsToExport      = @()
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
}
