# Import-Tensor: reading safetensors files, ours and PyTorch's, and its error ids.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'nntools-pester-' + [guid]::NewGuid().ToString('N'))
    $null = [System.IO.Directory]::CreateDirectory($folder)
    $bias = New-Tensor -Data 1, 2, 3
}

AfterAll {
    [System.IO.Directory]::Delete($folder, $true)
}

Describe 'Import-Tensor' {
    It 'reports a missing file with FileNotFound' {
        { Import-Tensor ([System.IO.Path]::Combine($folder, 'none.safetensors')) -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotFound,NNTools.Commands.ImportTensorCommand'
    }

    It 'reports a missing name with TensorNotFound' {
        $path = [System.IO.Path]::Combine($folder, 'one.safetensors')
        Export-Tensor $path @{ b = $bias } -Force
        { Import-Tensor $path -Name nope -ErrorAction Stop } | Should -Throw -ErrorId 'TensorNotFound,NNTools.Commands.ImportTensorCommand'
    }

    It 'reports a damaged file with the engine id' {
        $path = [System.IO.Path]::Combine($folder, 'bad.safetensors')
        [System.IO.File]::WriteAllBytes($path, [byte[]](1, 2, 3))
        $e = { Import-Tensor $path -ErrorAction Stop } | Should -Throw -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'reads a file PyTorch wrote (the engine''s fixture) by name, piped as a path' {
        $path = [System.IO.Path]::Combine($PSScriptRoot, '..', 'Engine.Tests', 'Fixtures', 'io', 'dtypes.safetensors')
        $tensors = $path | Import-Tensor
        $tensors.Count | Should -BeGreaterThan 0
        foreach ($name in $tensors.Keys) { $tensors[$name] | Should -BeOfType ([NNTools.Tensor]) }
    }

    It 'returns keys that ignore case, as @{} does' {
        $path = [System.IO.Path]::Combine($folder, 'case.safetensors')
        Export-Tensor $path @{ Weight = $bias } -Force
        (Import-Tensor $path).weight | Should -Not -BeNullOrEmpty
    }
}
