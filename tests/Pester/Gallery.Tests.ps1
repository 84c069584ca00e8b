# What a user does with the PowerShell Gallery, against a local file repository: the packaged module
# is published with Publish-PSResource, installed with Install-PSResource for the current user of a
# temporary home, and imported by name in a fresh pwsh that knows nothing of the build. Windows keeps
# the current user's modules under Documents, not $HOME, so the round trip runs on Linux and macOS.
BeforeDiscovery {
    $notUnix = $IsWindows
}

BeforeAll {
    Set-StrictMode -Version Latest
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $imported = Import-Module NNTools -PassThru
    $module = $imported.ModuleBase
    $version = $imported.Version.ToString()
}

Describe 'Publishing and installing NNTools' -Skip:$notUnix {
    BeforeAll {
        $userHome = Join-Path $TestDrive 'home'
        $repository = Join-Path $TestDrive 'repository'
        $null = New-Item -ItemType Directory -Path $userHome, $repository
        $saved = $env:HOME, $env:XDG_DATA_HOME, $env:XDG_CONFIG_HOME, $env:PSModulePath
        try {
            # The children's current user lives in the temporary home: the repository registration
            # and the installed module stay there.
            $env:HOME = $userHome
            $env:XDG_DATA_HOME = Join-Path $userHome '.local' 'share'
            $env:XDG_CONFIG_HOME = Join-Path $userHome '.config'
            # NuGet, under Publish-PSResource, writes a NuGet.Config relative to the current folder.
            Push-Location $TestDrive
            $installed = & $pwsh -NoProfile -NonInteractive -Command {
                param($Repository, $Module)
                $ErrorActionPreference = 'Stop'
                Register-PSResourceRepository -Name NNToolsTest -Uri $Repository -Trusted
                Publish-PSResource -Path $Module -Repository NNToolsTest
                Install-PSResource -Name NNTools -Repository NNToolsTest -Scope CurrentUser
                (Get-InstalledPSResource -Name NNTools).InstalledLocation
            } -args $repository, $module 2>&1
            $installCode = $LASTEXITCODE
            # A fresh pwsh with the default module path only: it must find the installed copy.
            $env:PSModulePath = $null
            $used = & $pwsh -NoProfile -NonInteractive -Command {
                $ErrorActionPreference = 'Stop'
                Import-Module NNTools
                (Get-Module NNTools).ModuleBase
                (New-Tensor 1.0, 2.0, 3.0 -RequiresGrad).Pow(2).Sum().Item()
                (Get-Help New-Tensor).Synopsis
            } 2>&1
            $useCode = $LASTEXITCODE
        }
        finally {
            Pop-Location
            $env:HOME, $env:XDG_DATA_HOME, $env:XDG_CONFIG_HOME, $env:PSModulePath = $saved
        }
    }

    It 'publishes the packaged module as a NuGet package' {
        $installCode | Should -Be 0 -Because ($installed -join "`n")
        Join-Path $repository "NNTools.$version.nupkg" | Should -Exist
    }

    It 'installs it for the current user' {
        $installed | Select-Object -Last 1 | Should -Be (Join-Path $userHome '.local' 'share' 'powershell' 'Modules')
        Join-Path $userHome '.local' 'share' 'powershell' 'Modules' 'NNTools' $version 'NNTools.dll' | Should -Exist
    }

    It 'imports it by name in a fresh pwsh, cmdlets and help working' {
        $useCode | Should -Be 0 -Because ($used -join "`n")
        $used[0] | Should -Be (Join-Path $userHome '.local' 'share' 'powershell' 'Modules' 'NNTools' $version)
        $used[1] | Should -Be 14
        $used[2] | Should -Not -BeNullOrEmpty
    }
}
