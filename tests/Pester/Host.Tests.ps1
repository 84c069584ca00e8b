# The module as a host loads it: the manifest the test runner (or build.ps1 under real Pester)
# names in $env:NNTOOLS_MODULE, from a fresh build output.
BeforeAll {
    Set-StrictMode -Version Latest
    $manifest = $env:NNTOOLS_MODULE
    Import-Module $manifest
}

Describe 'NNTools module' {
    It 'is named by NNTOOLS_MODULE' {
        $manifest | Should -BeLike '*NNTools.psd1'
    }

    It 'has a valid manifest' {
        $info = Test-ModuleManifest -Path $manifest
        $info.Name | Should -Be 'NNTools'
        $info.RootModule | Should -Be 'NNTools.dll'
        $info.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'is imported as a binary module' {
        $module = Get-Module -Name NNTools
        $module | Should -HaveCount 1
        $module.ModuleType | Should -Be 'Binary'
        $module.Version | Should -Be ([version]'0.1.0')
    }

    It 'loads its assembly from beside the manifest' {
        $assembly = [NNTools.Commands.ModuleInfo].Assembly
        [NNTools.Commands.ModuleInfo]::Name | Should -Be 'NNTools'
        [System.IO.Path]::GetDirectoryName($assembly.Location) | Should -Be ([System.IO.Path]::GetDirectoryName($manifest))
    }
}
