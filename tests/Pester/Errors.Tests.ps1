# Engine errors reach PowerShell as ErrorRecords with the engine's id and category, and a message
# that names the actual shapes and values.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Errors from cmdlets' {
    It 'ragged input: RaggedInput, InvalidArgument' {
        $e = { New-Tensor -Data @(@(0, 1), @(2, 3, 4)) } | Should -Throw -ErrorId 'RaggedInput,NNTools.Commands.NewTensorCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Match 'expected sequence of length 2 at dim 1 \(got 3\)'
    }

    It 'requires grad on an int tensor: RequiresGradDType, InvalidOperation' {
        $e = { New-Tensor -Data 1, 2 -RequiresGrad } | Should -Throw -ErrorId 'RequiresGradDType,NNTools.Commands.NewTensorCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $e.Exception.Message | Should -Match 'torch\.int64'
    }

    It 'an unknown dtype names the valid ones' {
        $e = { New-Tensor -Data 1 -DType float16 } | Should -Throw -PassThru
        $e.Exception.Message | Should -Match 'float32, float64, int64, bool'
    }
}

Describe 'Errors from tensor methods' {
    # Methods throw .NET exceptions that PowerShell wraps; the engine's exception inside keeps its id.
    It 'broadcast mismatch names both shapes' {
        $a = New-Tensor -Zeros -Shape 2, 3
        $b = New-Tensor -Zeros -Shape 4
        $e = { $a + $b } | Should -Throw -PassThru
        $inner = $e.Exception.InnerException
        $inner | Should -BeOfType ([NNTools.ShapeMismatchException])
        $inner.ErrorId | Should -Be 'BroadcastShapeMismatch'
        $inner.Kind | Should -Be 'InvalidArgument'
        $inner.Message | Should -Match '3.*4'
    }

    It 'matmul mismatch says which shapes cannot be multiplied' {
        $e = { (New-Tensor -Zeros -Shape 5, 3).MatMul((New-Tensor -Zeros -Shape 4, 2)) } | Should -Throw -PassThru
        $e.Exception.InnerException.ErrorId | Should -Be 'MatMulShape'
        $e.Exception.Message | Should -Match 'mat1 and mat2 shapes cannot be multiplied \(5x3 and 4x2\)'
    }

    It 'a bad index is impossible to miss under strict mode' {
        $t = New-Tensor -Zeros -Shape 2, 2
        { $t['5, 0'] } | Should -Throw
    }
}

Describe 'Engine errors as ErrorRecords' {
    It 'maps every error kind to its category' -ForEach @(
        @{ Kind = 'InvalidArgument'; Category = 'InvalidArgument' }
        @{ Kind = 'InvalidData'; Category = 'InvalidData' }
        @{ Kind = 'InvalidOperation'; Category = 'InvalidOperation' }
        @{ Kind = 'LimitsExceeded'; Category = 'LimitsExceeded' }
        @{ Kind = 'OperationStopped'; Category = 'OperationStopped' }
        @{ Kind = 'ObjectNotFound'; Category = 'ObjectNotFound' }
        @{ Kind = 'ReadError'; Category = 'ReadError' }
        @{ Kind = 'WriteError'; Category = 'WriteError' }
    ) {
        [NNTools.Commands.NNToolsCmdlet]::CategoryOf([NNTools.ErrorKind]$Kind) | Should -Be $Category
    }
}
