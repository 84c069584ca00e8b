<#
.SYNOPSIS
    Builds, tests and packages NNTools.

.DESCRIPTION
    Runs one or more tasks:
      Build    dotnet build of the solution (Release with -Configuration Release).
      Test     every test: the xunit suites (which also run tests/Pester through the
               project's own Pester runner), and, where Pester 5 is installed, the same
               tests/Pester files through real Invoke-Pester.
      Package  lays the module out in out/NNTools/<version>: NNTools.psd1, NNTools.dll and
               its dependencies, views, types and help, ready for Import-Module or a
               gallery publish.
      Demo     runs examples/moons.ps1, the tutorial's moons classifier.
    Works in pwsh 7.6 and on the bare PowerShell engine of src/Host (it uses only core
    cmdlets and .NET calls).

.PARAMETER Task
    The tasks to run, in order. Default: Build, Test.

.PARAMETER Configuration
    Debug (default) or Release.

.EXAMPLE
    ./build.ps1
    Builds and runs every test.

.EXAMPLE
    dotnet run --project src/Host -- build.ps1 -Task Package -Configuration Release
    Packages the module on a machine without pwsh.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot

function Invoke-Native([string] $Description, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$Description failed with exit code $LASTEXITCODE" }
}

function Get-ModuleOutput {
    [System.IO.Path]::Combine($root, 'src', 'TensorCmdlets', 'bin', $Configuration, 'net10.0')
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' {
            Invoke-Native 'dotnet build' { dotnet build ([System.IO.Path]::Combine($root, 'NNTools.slnx')) -c $Configuration }
        }
        'Test' {
            Invoke-Native 'dotnet test' { dotnet test ([System.IO.Path]::Combine($root, 'NNTools.slnx')) -c $Configuration }
            $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -ge 5 }
            if ($pester) {
                $env:NNTOOLS_MODULE = [System.IO.Path]::Combine((Get-ModuleOutput), 'NNTools.psd1')
                $result = Invoke-Pester -Path ([System.IO.Path]::Combine($root, 'tests', 'Pester')) -PassThru
                if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester tests failed" }
            }
        }
        'Package' {
            Invoke-Native 'dotnet build' { dotnet build ([System.IO.Path]::Combine($root, 'src', 'TensorCmdlets')) -c $Configuration }
            $source = Get-ModuleOutput
            $version = (Test-ModuleManifest -Path ([System.IO.Path]::Combine($source, 'NNTools.psd1'))).Version.ToString()
            $target = [System.IO.Path]::Combine($root, 'out', 'NNTools', $version)
            if ([System.IO.Directory]::Exists($target)) { [System.IO.Directory]::Delete($target, $true) }
            foreach ($file in [System.IO.Directory]::GetFiles($source, '*', [System.IO.SearchOption]::AllDirectories)) {
                $relative = [System.IO.Path]::GetRelativePath($source, $file)
                if ($relative -like '*.pdb' -or $relative -like '*.deps.json') { continue }
                $destination = [System.IO.Path]::Combine($target, $relative)
                [void][System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($destination))
                [System.IO.File]::Copy($file, $destination, $true)
            }
            "Packaged NNTools $version in $target"
        }
        'Demo' {
            Invoke-Native 'demo' { dotnet run --project ([System.IO.Path]::Combine($root, 'src', 'Host')) -- ([System.IO.Path]::Combine($root, 'examples', 'moons.ps1')) }
        }
    }
}
