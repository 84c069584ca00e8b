# Import-Tensor: reading safetensors files, ours and PyTorch's, and its error ids.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $bias = New-Tensor -Data 1, 2, 3
}

Describe 'Import-Tensor' {
    It 'reports a missing file with FileNotFound' {
        { Import-Tensor (Join-Path $TestDrive 'none.safetensors') -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotFound,NNTools.Commands.ImportTensorCommand'
    }

    It 'reports a missing name with TensorNotFound' {
        $path = Join-Path $TestDrive 'one.safetensors'
        Export-Tensor $path @{ b = $bias } -Force
        { Import-Tensor $path -Name nope -ErrorAction Stop } | Should -Throw -ErrorId 'TensorNotFound,NNTools.Commands.ImportTensorCommand'
    }

    It 'reports a damaged file with the engine id' {
        $path = Join-Path $TestDrive 'bad.safetensors'
        Set-Content -Path $path -Value ([byte[]](1, 2, 3)) -AsByteStream
        $e = { Import-Tensor $path -ErrorAction Stop } | Should -Throw -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'reads a file PyTorch wrote (the engine''s fixture) by name, piped as a path' {
        $path = Join-Path $PSScriptRoot '..' 'Engine.Tests' 'Fixtures' 'io' 'dtypes.safetensors'
        $tensors = $path | Import-Tensor
        $tensors.Count | Should -BeGreaterThan 0
        foreach ($name in $tensors.Keys) { $tensors[$name] | Should -BeOfType ([NNTools.Tensor]) }
    }

    It 'returns keys that ignore case, as @{} does' {
        $path = Join-Path $TestDrive 'case.safetensors'
        Export-Tensor $path @{ Weight = $bias } -Force
        (Import-Tensor $path).weight | Should -Not -BeNullOrEmpty
    }
}
