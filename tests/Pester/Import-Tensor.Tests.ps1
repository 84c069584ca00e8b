# Import-Tensor: reading safetensors files, ours and PyTorch's, and its error ids.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $bias = New-Tensor -Data 1, 2, 3

    # A safetensors file made by hand: the 8-byte little-endian header length, then the header.
    function New-SafeTensorsFile([string] $Path, [string] $Header) {
        $json = [System.Text.Encoding]::UTF8.GetBytes($Header)
        $bytes = [byte[]]::new(8 + $json.Length)
        [System.BitConverter]::GetBytes([uint64]$json.Length).CopyTo($bytes, 0)
        $json.CopyTo($bytes, 8)
        # Set-Content -AsByteStream takes seconds for the megabytes of the limit test.
        [System.IO.File]::WriteAllBytes($Path, $bytes)
        $Path
    }
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

    It 'reports a lone surrogate escape in the header as InvalidData naming the file' {
        $path = New-SafeTensorsFile (Join-Path $TestDrive 'surrogate.safetensors') '{"__metadata__":{"k":"\ud800"}}'
        $e = { Import-Tensor $path -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidHeaderJson,NNTools.Commands.ImportTensorCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
        $e.Exception.Message | Should -BeLike "*'$path'*surrogate*"
    }

    It 'refuses a header past the tensor limit as LimitsExceeded' {
        # 100,001 empty tensors "t0" to "t100000".
        $entry = '":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}'
        $header = '{"t' + ((0..100000) -join "$entry,""t") + $entry + '}'
        $path = New-SafeTensorsFile (Join-Path $TestDrive 'many.safetensors') $header
        $e = { Import-Tensor $path -ErrorAction Stop } | Should -Throw -ErrorId 'TooManyTensors,NNTools.Commands.ImportTensorCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
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
