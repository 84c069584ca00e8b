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
        $loaded.Version | Should -Be (Import-PowerShellDataFile $manifest).ModuleVersion
    }

    It 'has one version, the manifest''s, in every NNTools assembly' {
        $version = [version](Import-PowerShellDataFile $manifest).ModuleVersion
        foreach ($file in Get-ChildItem $module.ModuleBase -Filter 'NNTools*.dll') {
            [System.Reflection.AssemblyName]::GetAssemblyName($file.FullName).Version | Should -Be ([version]::new($version.Major, $version.Minor, $version.Build, 0)) -Because $file.Name
        }
    }

    It 'loads its assembly from beside the manifest' {
        $assembly = [NNTools.Commands.ModuleInfo].Assembly
        [NNTools.Commands.ModuleInfo]::Name | Should -Be 'NNTools'
        Split-Path $assembly.Location | Should -Be $module.ModuleBase
    }

    It 'does not ship PowerShell''s own assemblies or natives, nor XML doc files' {
        Join-Path $module.ModuleBase 'System.Management.Automation.dll' | Should -Not -Exist
        Join-Path $module.ModuleBase 'runtimes' | Should -Not -Exist
        Get-ChildItem $module.ModuleBase -File -Filter '*.xml' | Should -BeNullOrEmpty
    }
}

# The plotting natives of the six runtimes pwsh users have, each in the <rid>/ folder PowerShell
# probes, each built for that system and processor (read from the file's own header).
Describe 'Plotting natives' {
    BeforeAll {
        # ELF: e_machine at 18 (0x3E x86-64, 0xB7 AArch64). PE: 'MZ', the PE header's offset at 0x3C,
        # then the machine after 'PE\0\0' (0x8664 x64, 0xAA64 ARM64). Mach-O universal binaries
        # (0xCAFEBABE) list x86-64 (0x01000007) and ARM64 (0x0100000C) slices.
        function Get-NativeTarget([string] $Path) {
            $b = [byte[]](Get-Content -LiteralPath $Path -AsByteStream -TotalCount 4096)
            $u16 = { param($at) [int]$b[$at] -bor ([int]$b[$at + 1] -shl 8) }
            $u32be = { param($at) ([long]$b[$at] -shl 24) -bor ([long]$b[$at + 1] -shl 16) -bor ([long]$b[$at + 2] -shl 8) -bor [long]$b[$at + 3] }
            if ($b[0] -eq 0x7F -and $b[1] -eq 0x45) { return 'linux-' + @{ 0x3E = 'x64'; 0xB7 = 'arm64' }[(& $u16 18)] }
            if ($b[0] -eq 0x4D -and $b[1] -eq 0x5A) {
                $pe = & $u16 0x3C
                return 'win-' + @{ 0x8664 = 'x64'; 0xAA64 = 'arm64' }[(& $u16 ($pe + 4))]
            }
            if ((& $u32be 0) -eq 0xCAFEBABEL) {
                $slices = for ($i = 0; $i -lt (& $u32be 4); $i++) { @{ 0x01000007 = 'osx-x64'; 0x0100000C = 'osx-arm64' }[[int](& $u32be (8 + 20 * $i))] }
                return $slices
            }
            'unknown'
        }
    }

    It 'ships <Library> for <Rid>, built for it' -ForEach @(
        foreach ($rid in 'linux-x64', 'linux-arm64', 'win-x64', 'win-arm64', 'osx-x64', 'osx-arm64') {
            $extension = @{ linux = 'so'; win = 'dll'; osx = 'dylib' }[$rid.Split('-')[0]]
            foreach ($library in 'libSkiaSharp', 'libHarfBuzzSharp') { @{ Rid = $rid; Library = "$library.$extension" } }
        }
    ) {
        $path = Join-Path $module.ModuleBase $Rid $Library
        $path | Should -Exist
        Get-NativeTarget $path | Should -Contain $Rid
    }
}

# Third-party assemblies load in the module's own context from dependencies/: another module that
# loaded an older MathNet.Numerics first (tools/Pester restores 4.15.0 for this) cannot break ours
# (5.0), which a shared default context refuses with 'manifest definition does not match'.
Describe 'Dependency isolation' {
    BeforeAll {
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $otherCopy = Join-Path $PSScriptRoot '..' '..' '.tools' 'packages' 'mathnet.numerics' '4.15.0' 'lib' 'netstandard2.0' 'MathNet.Numerics.dll'
    }

    It 'keeps third-party assemblies in dependencies/, out of PowerShell''s probing' {
        foreach ($name in 'MathNet.Numerics', 'ScottPlot', 'SkiaSharp', 'HarfBuzzSharp', 'System.Numerics.Tensors', 'Google.Protobuf') {
            Join-Path $module.ModuleBase 'dependencies' "$name.dll" | Should -Exist
            Join-Path $module.ModuleBase "$name.dll" | Should -Not -Exist
        }
    }

    It 'ships no ONNX Runtime: it is a test dependency, the module only writes ONNX files' {
        @(Get-ChildItem $module.ModuleBase -Recurse -File | Where-Object Name -Match 'onnxruntime') | Should -HaveCount 0
    }

    It 'works beside another module''s older MathNet.Numerics loaded first' {
        if (-not (Test-Path $otherCopy)) { Set-ItResult -Skipped -Because 'MathNet.Numerics 4.15.0 is not restored (build.ps1 restores it)' }
        $result = & $pwsh -NoProfile -NonInteractive -Command {
            param($OtherCopy)
            Add-Type -Path $OtherCopy
            Import-Module NNTools
            (New-Tensor -Data @(@(2.0, 1.0), @(1.0, 3.0))).Inv().ToString()
            [MathNet.Numerics.Control].Assembly.GetName().Version.ToString()
            $path = Join-Path ([System.IO.Path]::GetTempPath()) "nntools-isolation-$PID.png"
            (Export-Plot -Scatter -X 1, 2, 3 -Y 1, 4, 9 -Path $path -Force).Length -gt 0
            Remove-Item $path
        } -args (Convert-Path $otherCopy) 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($result -join "`n")
        $result[0] | Should -BeExactly "tensor([[ 0.6000, -0.2000],`n        [-0.2000,  0.4000]])"
        $result[1] | Should -Be '4.15.0.0' -Because 'the other module keeps its own copy'
        $result[2] | Should -BeTrue -Because 'plotting loads ScottPlot and SkiaSharp from dependencies/'
    }
}
