@{
    # The binary module: cmdlets live in NNTools.dll, built from src/TensorCmdlets.
    RootModule           = 'NNTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '3f6c2a7e-58d4-4b8e-9c1d-6a0e5f2b7c41'
    Author               = 'NNTools team'
    CompanyName          = 'NNTools'
    Copyright            = '(c) NNTools team. MIT licence.'
    Description          = 'Tensors, automatic differentiation and neural-network training for PowerShell, with PyTorch''s semantics and names.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    # Loaded before the type file is read: it names engine types (TargetTypeForDeserialization).
    RequiredAssemblies   = @('NNTools.Engine.dll')
    FormatsToProcess     = @('NNTools.Format.ps1xml', 'NNTools.Training.Format.ps1xml')
    TypesToProcess       = @('NNTools.Types.ps1xml')
    CmdletsToExport      = @(
        'Clear-Gradient'
        'ConvertFrom-Tensor'
        'ConvertTo-Tensor'
        'Export-Model'
        'Export-Plot'
        'Export-Tensor'
        'Get-Dataset'
        'Get-TensorDefault'
        'Import-Model'
        'Import-Tensor'
        'Invoke-Backward'
        'Invoke-Model'
        'Invoke-NoGrad'
        'Measure-Loss'
        'New-DataLoader'
        'New-Dataset'
        'New-LRScheduler'
        'New-Layer'
        'New-Mlp'
        'New-Optimizer'
        'New-Sequential'
        'New-Tensor'
        'Register-TensorHook'
        'Set-RandomSeed'
        'Set-TensorDefault'
        'Split-Dataset'
        'Start-Training'
        'Step-Optimizer'
        'Test-Gradient'
        'Test-Model'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('MachineLearning', 'NeuralNetwork', 'Tensor', 'Autograd', 'PyTorch', 'DeepLearning', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/nntools/nntools'
            LicenseUri   = 'https://github.com/nntools/nntools/blob/main/LICENSE'
            ReleaseNotes = 'First release: tensors with autograd, layers, losses, optimizers, data loaders and a training loop, as in the PyTorch introductory tutorials.'
        }
    }
}
