# The module manifest: valid, exporting exactly the cmdlets the assembly defines, by name.
BeforeAll {
    Set-StrictMode -Version Latest
    $folder = (Import-Module NNTools -PassThru).ModuleBase
    $manifestPath = Join-Path $folder 'NNTools.psd1'
    $manifest = Test-ModuleManifest -Path $manifestPath
    $text = Get-Content $manifestPath -Raw
    # The cmdlets NNTools.dll defines: every public [Cmdlet] class.
    $defined = [string[]]@([NNTools.Commands.ModuleInfo].Assembly.GetExportedTypes() | ForEach-Object {
            $attribute = [System.Attribute]::GetCustomAttribute($_, [System.Management.Automation.CmdletAttribute])
            if ($attribute -and -not $_.IsAbstract) { "$($attribute.VerbName)-$($attribute.NounName)" }
        })
    [array]::Sort($defined, [System.StringComparer]::Ordinal)
    # The names as written in the manifest, in their written order.
    $listed = [string[]]@([regex]::Match($text, '(?s)CmdletsToExport\s*=\s*@\((.*?)\)').Groups[1].Value |
            ForEach-Object { [regex]::Matches($_, "'([^']*)'") } | ForEach-Object { $_.Groups[1].Value })
}

Describe 'NNTools.psd1' {
    It 'is a valid manifest for PowerShell 7.6 Core' {
        $manifest.Name | Should -Be 'NNTools'
        $manifest.PowerShellVersion | Should -Be ([version]'7.6')
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.RootModule | Should -Be 'NNTools.dll'
    }

    It 'lists cmdlets by name, without wildcards, sorted' {
        $listed.Count | Should -BeGreaterThan 0
        foreach ($name in $listed) { $name | Should -Not -Match '[*?]' }
        $sorted = [string[]]$listed.Clone()
        [array]::Sort($sorted, [System.StringComparer]::Ordinal)
        ($listed -join ',') | Should -BeExactly ($sorted -join ',')
    }

    It 'exports exactly the cmdlets the assembly defines' {
        ($listed -join ',') | Should -BeExactly ($defined -join ',')
        $exported = [string[]]@((Get-Module NNTools).ExportedCmdlets.Keys)
        [array]::Sort($exported, [System.StringComparer]::Ordinal)
        ($exported -join ',') | Should -BeExactly ($defined -join ',')
    }

    It 'exports no functions, aliases or variables by wildcard' {
        $text | Should -Match "FunctionsToExport\s*=\s*@\(\)"
        $text | Should -Match "AliasesToExport\s*=\s*@\(\)"
        $text | Should -Match "VariablesToExport\s*=\s*@\(\)"
    }

    It 'has format and type files that exist beside it' {
        $files = @($manifest.ExportedFormatFiles) + @($manifest.ExportedTypeFiles)
        $files.Count | Should -BeGreaterOrEqual 2
        foreach ($file in $files) {
            Test-Path -LiteralPath $file -PathType Leaf | Should -BeTrue
            Split-Path -Path $file -Parent | Should -Be $folder
        }
        ($manifest.ExportedFormatFiles | Split-Path -Leaf) | Should -Contain 'NNTools.Format.ps1xml'
    }

    It 'has the gallery data' {
        $data = $manifest.PrivateData.PSData
        $data.Tags | Should -Contain 'PSEdition_Core'
        $data.ProjectUri | Should -Not -BeNullOrEmpty
        $data.LicenseUri | Should -Not -BeNullOrEmpty
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($name in $defined) { $name.Split('-')[0] | Should -BeIn $approved }
    }
}
