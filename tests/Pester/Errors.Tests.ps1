# Engine errors reach PowerShell as ErrorRecords with the engine's id and category, and a message
# that names the actual shapes and values: from cmdlets, and from tensor members called in a script
# (the module raises those as exceptions PowerShell passes through with their own ErrorRecord).
# The last Describe pins down what PowerShell's binder does not let a module change.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools

    # The ErrorRecord a script block's first error leaves in a catch block.
    function Get-ErrorRecord([scriptblock] $Script) {
        try { & $Script } catch { return $_ }
        throw 'expected an error'
    }
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
        $e.Exception.Message | Should -Match 'float32, float64, int64, int32, uint8, bool'
    }

    It 'is caught as the engine type, which holds the id' {
        $caught = try { New-Tensor -Data @(@(0, 1), @(2)) } catch [NNTools.TensorException] { $_.Exception.ErrorId }
        $caught | Should -Be 'RaggedInput'
    }

    It 'a method failing downstream keeps its own id, not the upstream cmdlet''s' {
        $e = { New-Tensor 1., 2 | & { process { $_.View(7) } } } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'ViewShape'
    }
}

Describe 'Errors from tensor members' {
    BeforeAll {
        $a = New-Tensor -Zeros -Shape 5, 3
        $b = New-Tensor -Zeros -Shape 4, 2
    }

    It 'a method: the engine id as FullyQualifiedErrorId, its category, the engine message' {
        $e = Get-ErrorRecord { $a.MatMul($b) }
        $e.FullyQualifiedErrorId | Should -BeExactly 'MatMulShape'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.CategoryInfo.Reason | Should -Be 'ShapeMismatchException'
        $e.Exception.Message | Should -BeExactly 'mat1 and mat2 shapes cannot be multiplied (5x3 and 4x2)'
        $e.InvocationInfo.Line | Should -Match 'MatMul'
    }

    It 'Should -Throw -ErrorId matches a method''s id' {
        { $a.MatMul($b) } | Should -Throw -ErrorId 'MatMulShape' -ExpectedMessage 'mat1 and mat2 shapes cannot be multiplied (5x3 and 4x2)'
    }

    It 'catch [NNTools.TensorException] and its subclasses catch it; $_.Exception is the engine''s, with the id' {
        $caught = try { $a.MatMul($b) } catch [NNTools.TensorException] { $_.Exception.ErrorId }
        $caught | Should -Be 'MatMulShape'
        $caught = try { $a.MatMul($b) } catch [NNTools.ShapeMismatchException] { $_.Exception.GetType().Name }
        $caught | Should -Be 'ShapeMismatchException'
    }

    It 'a static method, a constructor and a property getter raise the same way: <Id>' -ForEach @(
        @{ Id = 'CatShapeMismatch'; Category = 'InvalidArgument'; Script = { [NNTools.Tensor]::Cat(@((New-Tensor -Zeros -Shape 2, 3), (New-Tensor -Zeros -Shape 2, 4)), 0) }; Message = 'Expected size 3 but got size 4' }
        @{ Id = 'InvalidFeatures'; Category = 'InvalidArgument'; Script = { [NNTools.NN.Linear]::new(-1, 2) }; Message = 'in_features=-1, out_features=2' }
        @{ Id = 'TransposeRank'; Category = 'InvalidArgument'; Script = { (New-Tensor -Zeros -Shape 2, 3, 4).T }; Message = 'self is 3D' }
    ) {
        $e = Get-ErrorRecord $Script
        $e.FullyQualifiedErrorId | Should -BeExactly $Id
        $e.CategoryInfo.Category | Should -Be $Category
        $e.Exception.Message | Should -BeLike "*$Message*"
    }

    It 'a property setter raises the same way: <Id>' -ForEach @(
        @{ Id = 'RequiresGradDType'; Category = 'InvalidOperation'; Script = { (New-Tensor 1, 2).RequiresGrad = $true }; Message = 'this tensor is torch.int64' }
        @{ Id = 'GradShapeMismatch'; Category = 'InvalidArgument'; Script = { (New-Tensor -Zeros -Shape 2).Grad = New-Tensor -Zeros -Shape 3 }; Message = 'assigned grad has shape [[]3] but the tensor has shape [[]2]' }
    ) {
        $e = Get-ErrorRecord $Script
        $e.FullyQualifiedErrorId | Should -BeExactly $Id
        $e.CategoryInfo.Category | Should -Be $Category
        $e.Exception.Message | Should -BeLike "*$Message*"
        $e.Exception | Should -BeOfType ([NNTools.TensorException])
    }

    It 'an indexer raises under strict mode, reading and assigning' {
        $e = Get-ErrorRecord { $a['5, 0'] }
        $e.FullyQualifiedErrorId | Should -BeExactly 'IndexOutOfRange'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeExactly 'index 5 is out of bounds for dimension 0 with size 5'
        { $a['0, 3'] = 1 } | Should -Throw -ErrorId 'IndexOutOfRange' -ExpectedMessage 'index 3 is out of bounds for dimension 1 with size 3'
    }

    It 'inside ForEach-Object the id stays the engine''s, the cmdlet named after it' {
        $e = Get-ErrorRecord { New-Tensor -Zeros -Shape 2 | ForEach-Object { $_.View(3) } }
        $e.FullyQualifiedErrorId | Should -BeExactly 'ViewShape,Microsoft.PowerShell.Commands.ForEachObjectCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'Get-Error shows the id, the category and the engine exception' {
        $e = Get-ErrorRecord { $a.MatMul($b) }
        $text = $e | Get-Error | Out-String -Width 200
        $text | Should -Match 'FullyQualifiedErrorId\s*:\s*MatMulShape'
        $text | Should -Match 'Type\s*:\s*NNTools\.ShapeMismatchException'
        $text | Should -Match 'InvalidArgument'
    }
}

Describe 'What PowerShell does not let a module change' {
    It 'an operator''s error is PowerShell''s DotNetMethodException; the engine id is one level down' {
        $x = New-Tensor -Zeros -Shape 2, 3
        $y = New-Tensor -Zeros -Shape 4
        $e = Get-ErrorRecord { $x + $y }
        # PowerShell wraps whatever an operator method throws, whatever its type.
        $e.FullyQualifiedErrorId | Should -BeExactly 'DotNetMethodException'
        $e.CategoryInfo.Category | Should -Be 'NotSpecified'
        $e.Exception.InnerException.ErrorId | Should -Be 'BroadcastShapeMismatch'
        $e.Exception.InnerException.ErrorRecord.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Match 'The size of tensor a \(3\) must match the size of tensor b \(4\)'
    }

    It 'the method form of an operator raises the full ErrorRecord' {
        $x = New-Tensor -Zeros -Shape 2, 3
        { $x.Add((New-Tensor -Zeros -Shape 4)) } | Should -Throw -ErrorId 'BroadcastShapeMismatch'
    }

    It 'outside strict mode PowerShell turns an indexer''s error into $null; Index() still raises' {
        $t = New-Tensor -Zeros -Shape 2, 2
        & {
            Set-StrictMode -Off
            $t['5, 0'] | Should -BeNullOrEmpty
            { $t.Index('5, 0') } | Should -Throw -ErrorId 'IndexOutOfRange'
            # Assignments are not swallowed.
            { $t['5, 0'] = 1 } | Should -Throw -ErrorId 'IndexOutOfRange'
        }
    }

    It 'an argument PowerShell cannot convert fails before the engine is called, with PowerShell''s id' {
        $x = New-Tensor -Zeros -Shape 2
        $e = Get-ErrorRecord { $x.To('float16') }
        $e.FullyQualifiedErrorId | Should -BeExactly 'MethodArgumentConversionInvalidCastArgument'
        $e.CategoryInfo.Category | Should -Be 'NotSpecified'
        $e.Exception.Message | Should -Match '(?s)"float16".*Float32, Float64, Int64, Bool'
        $e = Get-ErrorRecord { $x.Narrow(0, 0) }
        $e.FullyQualifiedErrorId | Should -BeExactly 'MethodCountCouldNotFindBest'
        $e.Exception.Message | Should -Match '"Narrow".*"2"'
    }

    It 'New-Object reports a constructor''s error under its own id; [type]::new() keeps the engine''s' {
        { New-Object NNTools.NN.Linear -ArgumentList -1, 2 } | Should -Throw -ErrorId 'ConstructorInvokedThrowException,Microsoft.PowerShell.Commands.NewObjectCommand'
        { [NNTools.NN.Linear]::new(-1, 2) } | Should -Throw -ErrorId 'InvalidFeatures'
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
