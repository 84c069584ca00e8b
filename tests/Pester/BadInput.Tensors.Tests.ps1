# Bad-input catalogue, tensor cmdlets: New-Tensor, ConvertTo-Tensor, ConvertFrom-Tensor,
# Export-Tensor and Import-Tensor. Each case fails with a stable id, a category and a message that
# names the values at fault (Support/BadInput.ps1).
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/BadInput.ps1"
}

Describe 'New-Tensor refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'ragged rows'; Script = { New-Tensor -Data @(@(1, 2), @(3)) }; Id = 'RaggedInput'; Category = 'InvalidArgument'; Names = 'expected sequence of length 2 at dim 1 (got 1)' }
        @{ Name = 'a scalar among rows'; Script = { @(1, 2), 3 | New-Tensor }; Id = 'RaggedInput'; Category = 'InvalidArgument'; Names = 'got a scalar: 3' }
        @{ Name = 'text that is not a number'; Script = { New-Tensor -Data 1, 'abc' }; Id = 'InvalidElement'; Category = 'InvalidArgument'; Names = "'abc'", 'String', 'dim 1' }
        @{ Name = 'text piped in'; Script = { 1, 'x' | New-Tensor }; Id = 'InvalidElement'; Category = 'InvalidArgument'; Names = "'x'", 'dim 1' }
        @{ Name = 'a $null element'; Script = { New-Tensor -Data @(1, $null) }; Id = 'InvalidElement'; Category = 'InvalidArgument'; Names = 'null at dim 1' }
        @{ Name = '$null data'; Script = { New-Tensor -Data $null }; Id = 'NullData'; Category = 'InvalidArgument'; Names = '-Data got $null' }
        @{ Name = 'a date'; Script = { New-Tensor -Data ([datetime]'2024-01-02') }; Id = 'InvalidElement'; Category = 'InvalidArgument'; Names = 'DateTime', 'dim 0' }
        @{ Name = 'nesting deeper than 64 levels'; Script = { $d = 1; 1..70 | ForEach-Object { $d = , $d }; New-Tensor -Data $d }; Id = 'RankTooLarge'; Category = 'LimitsExceeded'; Names = 'deeper than 64 levels' }
        @{ Name = 'an unknown dtype'; Script = { New-Tensor -Data 1 -DType complex }; Id = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Names = "'complex'", 'float32, float64, int64, int32, uint8, bool' }
        @{ Name = 'grad on int64 data'; Script = { New-Tensor -Data 1, 2 -RequiresGrad }; Id = 'RequiresGradDType'; Category = 'InvalidOperation'; Names = 'torch.int64' }
        @{ Name = 'grad on bool data'; Script = { New-Tensor -Data $true -RequiresGrad }; Id = 'RequiresGradDType'; Category = 'InvalidOperation'; Names = 'torch.bool' }
        @{ Name = 'a negative size'; Script = { New-Tensor -Zeros -Shape 2, -1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Shape'", '-1' }
        @{ Name = 'more elements than a tensor holds'; Script = { New-Tensor -Zeros -Shape 100000, 100000, 100000 }; Id = 'TooManyElements'; Category = 'LimitsExceeded'; Names = '[100000, 100000, 100000]', '2147483647' }
        @{ Name = 'a fill value that is not a number'; Script = { New-Tensor -Full -Shape 2 -Value 'x' }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = "'Value'", '"x"' }
        @{ Name = 'rand of int64'; Script = { New-Tensor -Rand -Shape 2 -DType int64 }; Id = 'FloatingDTypeRequired'; Category = 'InvalidArgument'; Names = 'rand', 'torch.int64' }
        @{ Name = 'randn of bool'; Script = { New-Tensor -Randn -Shape 2 -DType bool }; Id = 'FloatingDTypeRequired'; Category = 'InvalidArgument'; Names = 'randn', 'torch.bool' }
        @{ Name = 'randn like a bool tensor'; Script = { New-Tensor -Randn -Like (New-Tensor $true) }; Id = 'FloatingDTypeRequired'; Category = 'InvalidArgument'; Names = 'torch.bool' }
        @{ Name = 'randint with an empty range'; Script = { New-Tensor -Randint -Shape 2 -Low 5 -High 5 }; Id = 'InvalidRange'; Category = 'InvalidArgument'; Names = 'from=5', 'to=5' }
        @{ Name = 'arange with step 0'; Script = { New-Tensor -Arange -End 5 -Step 0 }; Id = 'InvalidStep'; Category = 'InvalidArgument'; Names = 'got 0' }
        @{ Name = 'arange running backwards'; Script = { New-Tensor -Arange -Start 5 -End 1 }; Id = 'InvalidRange'; Category = 'InvalidArgument'; Names = 'start=5', 'end=1', 'step=1' }
        @{ Name = 'arange to NaN'; Script = { New-Tensor -Arange -End ([double]::NaN) }; Id = 'InvalidRange'; Category = 'InvalidArgument'; Names = '0 -> NaN' }
        @{ Name = 'a NaN fill of int64'; Script = { New-Tensor -Full -Shape 2 -Value ([double]::NaN) -DType int64 }; Id = 'ValueOverflow'; Category = 'InvalidArgument'; Names = 'int64_t without overflow', 'NaN' }
        @{ Name = 'a fill beyond float32'; Script = { New-Tensor -Full -Shape 2 -Value 1e300 }; Id = 'ValueOverflow'; Category = 'InvalidArgument'; Names = 'type float without overflow', '1E+300' }
        @{ Name = 'more elements than an array holds'; Script = { New-Tensor -Zeros -Shape 2147483646 }; Id = 'AllocationFailed'; Category = 'LimitsExceeded'; Names = '[2147483646]', '8,589,934,584 bytes' }
        @{ Name = 'arange to infinity'; Script = { New-Tensor -Arange -End ([double]::PositiveInfinity) }; Id = 'InvalidRange'; Category = 'InvalidArgument'; Names = '0 -> Infinity' }
        @{ Name = 'arange of bool'; Script = { New-Tensor -Arange -End 3 -DType bool }; Id = 'UnsupportedDType'; Category = 'InvalidArgument'; Names = 'arange', 'bool' }
        @{ Name = 'linspace of bool'; Script = { New-Tensor -Linspace 0 1 3 -DType bool }; Id = 'UnsupportedDType'; Category = 'InvalidArgument'; Names = 'linspace', 'bool' }
        @{ Name = 'linspace with negative steps'; Script = { New-Tensor -Linspace 0 1 -1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Steps'", '-1' }
        @{ Name = 'eye of negative size'; Script = { New-Tensor -Eye -1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'N'", '-1' }
        @{ Name = '-Like $null'; Script = { New-Tensor -Zeros -Like $null }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Like'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.NewTensorCommand" $Category $Names
    }
}

Describe 'ConvertTo-Tensor refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'a property that is not a number'; Script = { [pscustomobject]@{ a = 'x' } | ConvertTo-Tensor }; Id = 'NotANumber'; Category = 'InvalidData'; Names = 'row 0', "'a'", "'x'" }
        @{ Name = 'text that reads like a bool'; Script = { [pscustomobject]@{ a = 'true' } | ConvertTo-Tensor }; Id = 'NotANumber'; Category = 'InvalidData'; Names = "'true'" }
        @{ Name = 'a $null property'; Script = { [pscustomobject]@{ a = $null } | ConvertTo-Tensor }; Id = 'NotANumber'; Category = 'InvalidData'; Names = "property 'a'", '$null' }
        @{ Name = 'a $null row'; Script = { $null | ConvertTo-Tensor }; Id = 'NullRow'; Category = 'InvalidData'; Names = 'row 0 is $null' }
        @{ Name = 'a $null in an -InputObject array'; Script = { ConvertTo-Tensor -InputObject @(1, $null) }; Id = 'NullRow'; Category = 'InvalidData'; Names = 'row 1 is $null' }
        @{ Name = 'a -Property the rows lack'; Script = { [pscustomobject]@{ a = 1 } | ConvertTo-Tensor -Property b }; Id = 'PropertyNotFound'; Category = 'InvalidData'; Names = "row 0 has no property 'b'" }
        @{ Name = 'a later row with fewer properties'; Script = { [pscustomobject]@{ a = 1; b = 2 }, [pscustomobject]@{ a = 1 } | ConvertTo-Tensor }; Id = 'PropertyNotFound'; Category = 'InvalidData'; Names = "row 1 has no property 'b'" }
        @{ Name = 'arrays of different lengths'; Script = { @(1, 2), @(3) | ConvertTo-Tensor }; Id = 'RaggedInput'; Category = 'InvalidArgument'; Names = 'length 2', 'got 1' }
        @{ Name = 'grad on integers'; Script = { 1, 2 | ConvertTo-Tensor -RequiresGrad }; Id = 'RequiresGradDType'; Category = 'InvalidOperation'; Names = 'torch.int64' }
        @{ Name = 'an unknown dtype'; Script = { 1 | ConvertTo-Tensor -DType foo }; Id = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Names = "'foo'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.ConvertToTensorCommand" $Category $Names
    }
}

Describe 'ConvertFrom-Tensor refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'more names than columns'; Script = { New-Tensor -Zeros -Shape 2, 3 | ConvertFrom-Tensor -Property a, b }; Id = 'PropertyCountMismatch'; Category = 'InvalidArgument'; Names = '2 column(s)', '[2, 3]' }
        @{ Name = 'two names for a vector'; Script = { New-Tensor -Zeros -Shape 2 | ConvertFrom-Tensor -Property a, b }; Id = 'PropertyCountMismatch'; Category = 'InvalidArgument'; Names = '[2]' }
        @{ Name = 'names for a 3-d tensor'; Script = { New-Tensor -Zeros -Shape 2, 2, 2 | ConvertFrom-Tensor -Property a, b }; Id = 'PropertyCountMismatch'; Category = 'InvalidArgument'; Names = '[2, 2, 2]' }
        @{ Name = 'a $null tensor'; Script = { ConvertFrom-Tensor -Tensor $null -AsArray }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Tensor'" }
        @{ Name = 'text piped in'; Script = { 'x' | ConvertFrom-Tensor -AsArray }; Id = 'InputObjectNotBound'; Category = 'InvalidArgument'; Names = 'input object cannot be bound' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.ConvertFromTensorCommand" $Category $Names
    }
}

Describe 'Export-Tensor refuses' {
    BeforeAll {
        $existing = Join-Path $TestDrive 'existing.safetensors'
        Export-Tensor $existing -Name a -Tensor (New-Tensor 1.)
    }

    It '<Name>' -ForEach @(
        @{ Name = 'a value that is not a tensor'; Script = { Export-Tensor (Join-Path $TestDrive 'a.safetensors') @{ a = 1 } }; Id = 'NotATensor'; Category = 'InvalidArgument'; Names = "'a'", 'Int32' }
        @{ Name = 'a $null value'; Script = { Export-Tensor (Join-Path $TestDrive 'b.safetensors') @{ w = $null } }; Id = 'NotATensor'; Category = 'InvalidArgument'; Names = "'w'", '$null' }
        @{ Name = 'a name given twice'; Script = { @{ a = (New-Tensor 1.) }, @{ a = (New-Tensor 2.) } | Export-Tensor (Join-Path $TestDrive 'c.safetensors') }; Id = 'DuplicateTensorName'; Category = 'InvalidArgument'; Names = "'a'" }
        @{ Name = 'an existing file without -Force'; Script = { Export-Tensor $existing -Name a -Tensor (New-Tensor 2.) }; Id = 'FileExists'; Category = 'InvalidOperation'; Names = 'existing.safetensors', '-Force' }
        @{ Name = 'a path on the variable: drive'; Script = { Export-Tensor 'variable:x' -Name a -Tensor (New-Tensor 1.) }; Id = 'PathNotFileSystem'; Category = 'InvalidArgument'; Names = "'variable:x'", 'Variable provider' }
        @{ Name = 'a path on the env: drive'; Script = { Export-Tensor 'env:NNTOOLS_NOPE' -Name a -Tensor (New-Tensor 1.) }; Id = 'PathNotFileSystem'; Category = 'InvalidArgument'; Names = "'env:NNTOOLS_NOPE'", 'Environment provider' }
        @{ Name = 'an empty name'; Script = { Export-Tensor (Join-Path $TestDrive 'd.safetensors') -Name '' -Tensor (New-Tensor 1.) }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Name'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.ExportTensorCommand" $Category $Names
    }
}

Describe 'Import-Tensor refuses' {
    BeforeAll {
        $file = Join-Path $TestDrive 'one.safetensors'
        Export-Tensor $file -Name a -Tensor (New-Tensor 1.)
    }

    It '<Name>' -ForEach @(
        @{ Name = 'a missing file'; Script = { Import-Tensor (Join-Path $TestDrive 'none.safetensors') }; Id = 'FileNotFound'; Category = 'ObjectNotFound'; Names = 'none.safetensors' }
        @{ Name = 'a name the file lacks'; Script = { Import-Tensor $file -Name b }; Id = 'TensorNotFound'; Category = 'ObjectNotFound'; Names = "'b'", "'a'" }
        @{ Name = 'a path on the variable: drive'; Script = { Import-Tensor 'variable:x' }; Id = 'PathNotFileSystem'; Category = 'InvalidArgument'; Names = "'variable:x'" }
        @{ Name = 'a wildcard that matches nothing'; Script = { Import-Tensor (Join-Path $TestDrive '*.nothing') }; Id = 'FileNotFound'; Category = 'ObjectNotFound'; Names = '*.nothing' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.ImportTensorCommand" $Category $Names
    }
}

Describe 'Set-TensorDefault refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'an integer dtype'; Script = { Set-TensorDefault int32 }; Id = 'DefaultDTypeNotFloating'; Category = 'InvalidArgument'; Names = 'only floating-point types', 'torch.int32' }
        @{ Name = 'bool'; Script = { Set-TensorDefault bool }; Id = 'DefaultDTypeNotFloating'; Category = 'InvalidArgument'; Names = 'torch.bool' }
        @{ Name = 'an unknown dtype'; Script = { Set-TensorDefault float16 }; Id = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Names = "'float16'", 'float32, float64' }
        @{ Name = 'no dtype'; Script = { Set-TensorDefault -DType $null }; Id = 'ParameterArgumentValidationErrorNullNotAllowed'; Category = 'InvalidData'; Names = "'DType'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.SetTensorDefaultCommand" $Category $Names
        (Get-TensorDefault).DType | Should -Be ([NNTools.DType]::Float32)
    }
}
