BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/ChildPwsh.ps1"
}

Describe 'Export-Model' {
    BeforeEach {
        $model = New-Mlp 2, 3, 1
        $path = Join-Path $TestDrive "$(New-Guid).safetensors"
    }

    It 'saves the model as safetensors with PyTorch''s keys' {
        Export-Model $path $model
        # The file starts with the header's length (8 bytes, little-endian), then the JSON header.
        $bytes = Get-Content -Path $path -AsByteStream -Raw
        $header = [System.Text.Encoding]::UTF8.GetString($bytes, 8, [System.BitConverter]::ToInt32($bytes, 0))
        $header | Should -BeLike '*"0.weight"*'
        $header | Should -BeLike '*"2.bias"*'
    }

    It 'takes the model from the pipeline and returns the file with -PassThru' {
        $file = $model | Export-Model $path -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.Length | Should -BeGreaterThan 0
    }

    It 'writes nothing with -WhatIf' {
        Export-Model $path $model -WhatIf
        $path | Should -Not -Exist
    }

    It 'refuses to replace a file without -Force, and keeps it' {
        Set-Content -Path $path -Value 'keep me' -NoNewline
        { Export-Model $path $model -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,NNTools.Commands.ExportModelCommand'
        Get-Content -Path $path -Raw | Should -Be 'keep me'
    }

    It 'replaces a file with -Force' {
        Set-Content -Path $path -Value 'replace me' -NoNewline
        Export-Model $path $model -Force
        (Import-Model $path).ToString() | Should -Be $model.ToString()
    }

    It 'asks for confirmation at medium impact' {
        $info = (Get-Command Export-Model).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $info.SupportsShouldProcess | Should -BeTrue
        $info.ConfirmImpact | Should -Be 'Medium'
    }

    It 'removes at the next save the temporary file a save killed with kill -9 left, the target whole' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'killed')
        $target = Join-Path $folder 'big.safetensors'
        $tempFileCount = { @(Get-ChildItem -Path $folder -Force -Filter '.big.safetensors.*.tmp').Count }
        # A child that saves a 17 MB model over and over, killed (SIGKILL on Unix) as soon as one of
        # its saves has replaced the target and another's temporary file is seen; tried again in the
        # rare case the rename wins the race.
        $saveForever = "`$model = New-Mlp 2, 2048, 2048, 1; while (`$true) { Export-Model '$target' `$model -Force }"
        for ($attempt = 1; $attempt -le 5 -and (& $tempFileCount) -eq 0; $attempt++) {
            $child = Start-ChildPwsh $saveForever (Join-Path $TestDrive "save-$attempt.out")
            try {
                $deadline = (Get-Date).AddSeconds(60)
                while (-not ((Test-Path $target) -and (& $tempFileCount)) -and -not $child.HasExited -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 5 }
            }
            finally {
                $child | Stop-Process -Force
                $child.WaitForExit()
            }
        }
        (& $tempFileCount) | Should -BeGreaterThan 0 -Because 'a save killed before its rename leaves its temporary file'
        # The target a finished save left is whole: it loads (the reader checks every byte's place).
        { Import-Model $target } | Should -Not -Throw

        Start-Sleep -Milliseconds 1100   # a temporary file is taken for stale a second after its last write
        Export-Model $target $model -Force
        Get-ChildItem -Path $folder -Force -Name | Should -Be 'big.safetensors'
        (Import-Model $target).ToString() | Should -Be $model.ToString()
    }
}
