<#
.SYNOPSIS
    Builds, tests and packages NNTools.

.DESCRIPTION
    Runs one or more tasks, in the order given:
      Build    dotnet build of the solution.
      Package  lays the module out in out/NNTools/<version>: NNTools.psd1, NNTools.dll and its
               dependencies, views, types and help, ready for Import-Module or a gallery publish.
      Test     every test: the xunit suites of the engine and the plotting library, then real
               Pester (pinned, restored from NuGet into .tools/) over tests/Pester in a fresh pwsh
               that finds the packaged module by name. Ends with one 'N passed, N failed' line
               summed over both, and fails when any test failed.
      Demo     runs examples/moons.ps1, the tutorial's moons classifier, in a fresh pwsh with the
               packaged module, as a user runs a script.
    Test and Demo package the module first.

.PARAMETER Task
    The tasks to run, in order. Default: Build, Test.

.PARAMETER Configuration
    Debug (default) or Release.

.PARAMETER PesterVersion
    The Pester to test with: 5.7.1 (the pinned default), 5.9.1 or 6.2.0.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
    Builds and runs every test on a machine with only the .NET SDK.

.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
    Packages a release build of the module into out/NNTools/<version>.

.EXAMPLE
    ./build.ps1 -Task Test -PesterVersion 6.2.0
    Runs the same tests under Pester 6.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [ValidateSet('5.7.1', '5.9.1', '6.2.0')]
    [string] $PesterVersion = '5.7.1'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'NNTools.slnx'
$modules = Join-Path $root 'out'
$testResults = Join-Path $root 'out' 'TestResults'
# A fresh pwsh of the same installation as this one (the dotnet tool's folder holds a pwsh apphost).
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$packaged = $false

# Runs a native command, its output shown rather than returned.
function Invoke-Native([string] $Description, [scriptblock] $Command) {
    & $Command | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Description failed with exit code $LASTEXITCODE" }
}

# Child processes find the packaged module by name, before any installed copy.
function Use-PackagedModule {
    $paths = $env:PSModulePath -split [System.IO.Path]::PathSeparator
    if ($paths -notcontains $modules) {
        $env:PSModulePath = (@($modules) + $paths) -join [System.IO.Path]::PathSeparator
    }
}

function Invoke-Package {
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $root 'src' 'TensorCmdlets') -c $Configuration }
    $source = Join-Path $root 'src' 'TensorCmdlets' 'bin' $Configuration 'net10.0'
    $version = (Test-ModuleManifest -Path (Join-Path $source 'NNTools.psd1')).Version
    $target = Join-Path $modules 'NNTools' $version
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $target
    Copy-Item -Path (Join-Path $source '*') -Destination $target -Recurse
    # Debug symbols, the build's dependency manifest and the assemblies' XML doc files are not part
    # of a module (its help is the MAML in en-US/).
    Get-ChildItem $target -Recurse -File -Include '*.pdb', '*.deps.json' | Remove-Item
    Get-ChildItem $target -File -Filter '*.xml' | Remove-Item
    if ($Configuration -eq 'Release') { Add-ReadyToRun $target }
    # Third-party assemblies load in the module's own context (DependencyLoadContext) from a folder
    # PowerShell does not probe, so another module's copy at another version cannot clash with them.
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $target 'dependencies')
    Get-ChildItem $target -File -Filter '*.dll' | Where-Object Name -NotLike 'NNTools*' | Move-Item -Destination $dependencies
    $script:packaged = $true
    "Packaged NNTools $version in $target"
}

# A release module's own assemblies carry ReadyToRun code for this machine's platform, so a session's
# first steps run precompiled code instead of waiting for the JIT (docs/perf-log.md: a PowerShell
# training loop of 2000 steps, P4, 18% faster). The IL stays in them: on another platform the runtime
# ignores the precompiled code and compiles the IL as before.
function Add-ReadyToRun([string] $Target) {
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $precompiled = Join-Path $modules 'readytorun'
    if (Test-Path $precompiled) { Remove-Item $precompiled -Recurse -Force }
    Invoke-Native 'dotnet publish (ReadyToRun)' {
        dotnet publish (Join-Path $root 'src' 'TensorCmdlets') -c $Configuration -r $rid --self-contained false -p:PublishReadyToRun=true -o $precompiled
    }
    Get-ChildItem $precompiled -File -Filter 'NNTools*.dll' | Copy-Item -Destination $Target
    Remove-Item $precompiled -Recurse -Force
}

# The xunit suites, with their counts read from the TRX files they write.
function Invoke-XunitTests {
    $folder = Join-Path $testResults 'xunit'
    if (Test-Path $folder) { Remove-Item $folder -Recurse -Force }
    dotnet test $solution -c $Configuration --logger trx --results-directory $folder | Out-Host
    $code = $LASTEXITCODE
    $counts = @(Get-ChildItem $folder -Filter '*.trx' -ErrorAction Ignore | ForEach-Object { ([xml](Get-Content -LiteralPath $_.FullName -Raw)).TestRun.ResultSummary.Counters })
    $failed = ($counts | Measure-Object -Property failed -Sum).Sum
    # A failed build or a crashed test host fails the run without failing a test.
    if ($code -ne 0 -and $failed -eq 0) { throw "dotnet test failed with exit code $code before running every test" }
    [pscustomobject]@{
        Passed  = ($counts | Measure-Object -Property passed -Sum).Sum
        Failed  = $failed
        Skipped = ($counts | Measure-Object -Property notExecuted -Sum).Sum
    }
}

# Real Invoke-Pester over tests/Pester in a fresh pwsh: this session never loads the module, so a
# later build can replace its files.
function Invoke-PesterTests {
    Invoke-Native 'Pester restore' { dotnet restore (Join-Path $root 'tools' 'Pester' 'Pester.csproj') -p:PesterVersion=$PesterVersion }
    $pester = Join-Path $root '.tools' 'packages' 'pester' $PesterVersion 'tools' 'Pester.psd1'
    $folder = Join-Path $testResults 'pester'
    $null = New-Item -ItemType Directory -Path $folder -Force
    $summary = Join-Path $folder 'summary.json'
    Remove-Item (Join-Path $folder '*') -Force
    Use-PackagedModule
    & $pwsh -NoProfile -NonInteractive -OutputFormat Text -Command {
        param($Pester, $Tests, $Folder, $Summary)
        Import-Module $Pester
        $config = New-PesterConfiguration
        $config.Run.Path = $Tests
        $config.Run.PassThru = $true
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputPath = Join-Path $Folder 'pester.xml'
        $result = Invoke-Pester -Configuration $config
        @{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount } |
            ConvertTo-Json | Set-Content $Summary
    } -args $pester, (Join-Path $root 'tests' 'Pester'), $folder, $summary | Out-Host
    if (-not (Test-Path $summary)) { throw "Invoke-Pester ended (exit code $LASTEXITCODE) without a result" }
    Get-Content $summary -Raw | ConvertFrom-Json
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' {
            Invoke-Native 'dotnet build' { dotnet build $solution -c $Configuration }
        }
        'Package' {
            Invoke-Package
        }
        'Test' {
            if (-not $packaged) { Invoke-Package }
            $xunit = Invoke-XunitTests
            $pester = Invoke-PesterTests
            "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester $($PesterVersion): $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
            $failed = $xunit.Failed + $pester.Failed
            "$($xunit.Passed + $pester.Passed) passed, $failed failed"
            if ($failed -gt 0) { throw "$failed tests failed" }
        }
        'Demo' {
            if (-not $packaged) { Invoke-Package }
            Use-PackagedModule
            Invoke-Native 'demo' { & $pwsh -NoProfile -File (Join-Path $root 'examples' 'moons.ps1') }
        }
    }
}
