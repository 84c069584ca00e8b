# The module as pwsh loads it: found by name on PSModulePath (build.ps1 puts the packaged
# out/NNTools/<version> first), imported as a binary module from that folder.
BeforeAll {
    Set-StrictMode -Version Latest
    $module = Import-Module NNTools -PassThru
    $manifest = Join-Path $module.ModuleBase 'NNTools.psd1'
}

Describe 'NNTools module' {
    It 'is found by name in a folder named after its version' {
        Split-Path $module.ModuleBase -Leaf | Should -Be $module.Version.ToString()
        Split-Path (Split-Path $module.ModuleBase) -Leaf | Should -Be 'NNTools'
    }

    It 'has a valid manifest' {
        $info = Test-ModuleManifest -Path $manifest
        $info.Name | Should -Be 'NNTools'
        $info.RootModule | Should -Be 'NNTools.dll'
        $info.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'is imported as a binary module' {
        $loaded = Get-Module -Name NNTools
        $loaded | Should -HaveCount 1
        $loaded.ModuleType | Should -Be 'Binary'
        $loaded.Version | Should -Be ([version]'0.1.0')
    }

    It 'loads its assembly from beside the manifest' {
        $assembly = [NNTools.Commands.ModuleInfo].Assembly
        [NNTools.Commands.ModuleInfo]::Name | Should -Be 'NNTools'
        Split-Path $assembly.Location | Should -Be $module.ModuleBase
    }

    It 'does not ship PowerShell''s own assemblies' {
        Join-Path $module.ModuleBase 'System.Management.Automation.dll' | Should -Not -Exist
    }
}
