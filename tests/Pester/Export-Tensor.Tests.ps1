# Export-Tensor: safetensors files, -WhatIf, -Force, and error ids.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'nntools-pester-' + [guid]::NewGuid().ToString('N'))
    $null = [System.IO.Directory]::CreateDirectory($folder)
    $weight = New-Tensor -Data @(@(1.5, -2), @(3, 4.25))
    $bias = New-Tensor -Data 1, 2, 3
}

AfterAll {
    [System.IO.Directory]::Delete($folder, $true)
}

Describe 'Export-Tensor' {
    BeforeEach {
        $path = [System.IO.Path]::Combine($folder, [guid]::NewGuid().ToString('N') + '.safetensors')
    }

    It 'writes a hashtable of tensors that Import-Tensor reads back' {
        Export-Tensor -Path $path -InputObject @{ weight = $weight; bias = $bias }
        $back = Import-Tensor -Path $path
        $back | Should -BeOfType ([hashtable])
        $back.Keys.Count | Should -Be 2
        $back.weight.Eq($weight).All().Item() | Should -BeTrue
        $back.bias.DType | Should -Be 'Int64'
        $back.bias.ToString() | Should -BeExactly 'tensor([1, 2, 3])'
    }

    It 'writes one piped tensor under -Name' {
        $weight | Export-Tensor $path -Name w
        (Import-Tensor $path -Name w).Eq($weight).All().Item() | Should -BeTrue
    }

    It 'returns the file with -PassThru' {
        $file = Export-Tensor $path @{ b = $bias } -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be $path
    }

    It 'writes nothing with -WhatIf' {
        Export-Tensor $path @{ b = $bias } -WhatIf
        [System.IO.File]::Exists($path) | Should -BeFalse
    }

    It 'needs -Force to replace a file, and leaves it as it was without' {
        Export-Tensor $path @{ b = $bias }
        { Export-Tensor $path @{ w = $weight } } | Should -Throw -ErrorId 'FileExists,NNTools.Commands.ExportTensorCommand'
        (Import-Tensor $path).Keys -join ',' | Should -Be 'b'
        Export-Tensor $path @{ w = $weight } -Force
        (Import-Tensor $path).Keys -join ',' | Should -Be 'w'
    }

    It 'refuses values that are not tensors' {
        { Export-Tensor $path @{ x = 1 } } | Should -Throw -ErrorId 'NotATensor,NNTools.Commands.ExportTensorCommand'
    }

    It 'refuses two tensors with one name' {
        { @{ a = $bias }, @{ a = $weight } | Export-Tensor $path } | Should -Throw -ErrorId 'DuplicateTensorName,NNTools.Commands.ExportTensorCommand'
    }

    It 'resolves a relative path against the PowerShell location' {
        # Set-Location is not on the bare engine; the session state's path API is.
        $before = $ExecutionContext.SessionState.Path.CurrentLocation
        $null = $ExecutionContext.SessionState.Path.SetLocation($folder)
        try {
            Export-Tensor -Path 'relative.safetensors' -InputObject @{ b = $bias } -Force
            [System.IO.File]::Exists([System.IO.Path]::Combine($folder, 'relative.safetensors')) | Should -BeTrue
        } finally {
            $null = $ExecutionContext.SessionState.Path.SetLocation($before.Path)
        }
    }
}
