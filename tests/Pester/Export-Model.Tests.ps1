BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
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
}
