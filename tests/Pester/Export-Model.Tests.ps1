BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $folder = [System.IO.Directory]::CreateTempSubdirectory('nntools-export-').FullName
}

AfterAll {
    [System.IO.Directory]::Delete($folder, $true)
}

Describe 'Export-Model' {
    BeforeEach {
        $model = New-Mlp 2, 3, 1
        $path = [System.IO.Path]::Combine($folder, [guid]::NewGuid().ToString() + '.safetensors')
    }

    It 'saves the model as safetensors with PyTorch''s keys' {
        Export-Model $path $model
        $bytes = [System.IO.File]::ReadAllBytes($path)
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
        [System.IO.File]::Exists($path) | Should -BeFalse
    }

    It 'refuses to replace a file without -Force, and keeps it' {
        [System.IO.File]::WriteAllText($path, 'keep me')
        { Export-Model $path $model -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,NNTools.Commands.ExportModelCommand'
        [System.IO.File]::ReadAllText($path) | Should -Be 'keep me'
    }

    It 'replaces a file with -Force' {
        [System.IO.File]::WriteAllText($path, 'replace me')
        Export-Model $path $model -Force
        (Import-Model $path).ToString() | Should -Be $model.ToString()
    }

    It 'asks for confirmation at medium impact' {
        $info = (Get-Command Export-Model).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $info.SupportsShouldProcess | Should -BeTrue
        $info.ConfirmImpact | Should -Be 'Medium'
    }
}
