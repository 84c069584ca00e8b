# Export-Tensor: safetensors files, -WhatIf, -Force, and error ids.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $weight = New-Tensor -Data @(@(1.5, -2), @(3, 4.25))
    $bias = New-Tensor -Data 1, 2, 3
}

Describe 'Export-Tensor' {
    BeforeEach {
        $path = Join-Path $TestDrive "$(New-Guid).safetensors"
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
        $path | Should -Not -Exist
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
        Push-Location -Path $TestDrive
        try {
            Export-Tensor -Path 'relative.safetensors' -InputObject @{ b = $bias } -Force
            Test-Path -Path (Join-Path $TestDrive 'relative.safetensors') -PathType Leaf | Should -BeTrue
        } finally {
            Pop-Location
        }
    }
}
