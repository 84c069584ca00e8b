# Bad-input catalogue, the tensor surface called from a script: methods, static functions,
# properties, indexers (under strict mode and without it) and operators. Members raise the
# engine's id as the whole FullyQualifiedErrorId; operators are PowerShell's DotNetMethodException
# with the engine's error one level down (see about_NNTools, ERRORS).
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/BadInput.ps1"

    $a = New-Tensor -Zeros -Shape 2, 3
    $b = New-Tensor -Zeros -Shape 4, 2
    $v = New-Tensor 1., 2, 3
    $i = New-Tensor 1, 2, 3
    $mask = New-Tensor $true, $false
    $w = New-Tensor 1., 2 -RequiresGrad
}

Describe 'Tensor methods refuse' {
    It '<Name>' -ForEach @(
        @{ Name = 'MatMul of shapes that do not chain'; Script = { $a.MatMul($b) }; Id = 'MatMulShape'; Category = 'InvalidArgument'; Names = '(2x3 and 4x2)' }
        @{ Name = 'MatMul of a 0-d tensor'; Script = { (New-Tensor 1.).MatMul($a) }; Id = 'MatMulRank'; Category = 'InvalidArgument'; Names = '0D and 2D' }
        @{ Name = 'MatMul with $null'; Script = { $a.MatMul($null) }; Id = 'NullArgument'; Category = 'InvalidArgument'; Names = "'other'", 'MatMul' }
        @{ Name = 'Mm of a vector'; Script = { $v.Mm($a) }; Id = 'MatMulRank'; Category = 'InvalidArgument'; Names = 'self must be a matrix', '[3]' }
        @{ Name = 'Bmm of matrices'; Script = { $a.Bmm($a) }; Id = 'MatMulRank'; Category = 'InvalidArgument'; Names = 'batch1', '[2, 3]' }
        @{ Name = 'Dot of different lengths'; Script = { $v.Dot((New-Tensor 1., 2)) }; Id = 'MatMulShape'; Category = 'InvalidArgument'; Names = 'tensor [3]', 'src [2]' }
        @{ Name = 'Dot of float and int64'; Script = { $v.Dot($i) }; Id = 'MatMulDType'; Category = 'InvalidArgument'; Names = 'Float', 'Long' }
        @{ Name = 'Mv of a vector too short'; Script = { $a.Mv((New-Tensor 1., 2)) }; Id = 'MatMulShape'; Category = 'InvalidArgument'; Names = '2x3' }
        @{ Name = 'Add of $null'; Script = { $a.Add($null) }; Id = 'NullArgument'; Category = 'InvalidArgument'; Names = "'other'", 'Add' }
        @{ Name = 'Add of shapes that do not broadcast'; Script = { $a.Add($b) }; Id = 'BroadcastShapeMismatch'; Category = 'InvalidArgument'; Names = '[2, 3]', '[4, 2]' }
        @{ Name = 'Gt of $null'; Script = { $a.Gt($null) }; Id = 'NullArgument'; Category = 'InvalidArgument'; Names = "'other'", 'Gt' }
        @{ Name = 'Eq of shapes that do not broadcast'; Script = { $a.Eq($b) }; Id = 'BroadcastShapeMismatch'; Category = 'InvalidArgument'; Names = '[2, 3]', '[4, 2]' }
        @{ Name = 'View to a size that does not fit'; Script = { $a.View(4) }; Id = 'ViewShape'; Category = 'InvalidArgument'; Names = "'[4]'", 'size 6' }
        @{ Name = 'View with two -1'; Script = { $a.View(-1, -1) }; Id = 'ViewShape'; Category = 'InvalidArgument'; Names = '[-1, -1]' }
        @{ Name = 'View of a transposed tensor'; Script = { $a.T.View(6) }; Id = 'ViewNotPossible'; Category = 'InvalidArgument'; Names = 'shape [3, 2]', 'strides [1, 3]', 'Reshape' }
        @{ Name = 'Reshape to a size that does not fit'; Script = { $a.Reshape(5) }; Id = 'ViewShape'; Category = 'InvalidArgument'; Names = "'[5]'", 'size 6' }
        @{ Name = 'Sum over a dim past the end'; Script = { $a.Sum(2) }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = '[-2, 1]', 'got 2' }
        @{ Name = 'Sum over a dim before the start'; Script = { $a.Sum(-3) }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = 'got -3' }
        @{ Name = 'Mean of int64'; Script = { $i.Mean() }; Id = 'MeanDType'; Category = 'InvalidArgument'; Names = 'Got: Long' }
        @{ Name = 'Std of int64'; Script = { $i.Std() }; Id = 'VarDType'; Category = 'InvalidArgument'; Names = 'torch.int64' }
        @{ Name = 'Softmax over a dim past the end'; Script = { $a.Softmax(5) }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = 'got 5' }
        @{ Name = 'Transpose of a dim past the end'; Script = { $a.Transpose(0, 2) }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = 'got 2' }
        @{ Name = 'Permute with too few dims'; Script = { $a.Permute(0) }; Id = 'PermuteDims'; Category = 'InvalidArgument'; Names = 'input.dim() = 2', 'len(dims) = 1' }
        @{ Name = 'Permute with a dim twice'; Script = { $a.Permute(0, 0) }; Id = 'PermuteRepeatedDim'; Category = 'InvalidArgument'; Names = '[0, 0]' }
        @{ Name = 'Unsqueeze past the end'; Script = { $a.Unsqueeze(4) }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = '[-3, 2]', 'got 4' }
        @{ Name = 'Flatten with start after end'; Script = { $a.Flatten(1, 0) }; Id = 'FlattenDims'; Category = 'InvalidArgument'; Names = 'start_dim (1)', 'end_dim (0)' }
        @{ Name = 'Expand of a non-singleton dim'; Script = { $a.Expand(3, 3) }; Id = 'ExpandSize'; Category = 'InvalidArgument'; Names = '(3)', '(2)', '[3, 3]', '[2, 3]' }
        @{ Name = 'Narrow past the end'; Script = { $a.Narrow(1, 2, 5) }; Id = 'NarrowOutOfRange'; Category = 'InvalidArgument'; Names = 'start (2)', 'length (5)', 'size (3)' }
        @{ Name = 'Select past the end'; Script = { $a.Select(0, 5) }; Id = 'IndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index 5', 'size 2' }
        @{ Name = 'Item of six elements'; Script = { $a.Item() }; Id = 'ItemNotScalar'; Category = 'InvalidArgument'; Names = '6 elements', '[2, 3]' }
        @{ Name = 'Repeat with fewer dims'; Script = { $a.Repeat(2) }; Id = 'RepeatDims'; Category = 'InvalidArgument'; Names = 'repeats [2]', 'shape [2, 3]' }
        @{ Name = 'Split of size 0'; Script = { $a.Split(0, 1) }; Id = 'SplitSize'; Category = 'InvalidArgument'; Names = 'dimension size of 3' }
        @{ Name = 'Chunk into 0 pieces'; Script = { $a.Chunk(0) }; Id = 'ChunkCount'; Category = 'InvalidArgument'; Names = 'got: 0' }
        @{ Name = 'Backward of a tensor without grad'; Script = { $a.Sum().Backward() }; Id = 'NoGradFn'; Category = 'InvalidOperation'; Names = 'element 0' }
        @{ Name = 'Backward of a vector'; Script = { ($w * 2).Backward() }; Id = 'ImplicitGradNonScalar'; Category = 'InvalidOperation'; Names = 'shape [2]' }
        @{ Name = 'Backward twice'; Script = { $l = ($w * $w).Sum(); $l.Backward(); $l.Backward() }; Id = 'BackwardTwice'; Category = 'InvalidOperation'; Names = 'a second time' }
        @{ Name = 'an in-place change of a leaf that requires grad'; Script = { $w.Add_(1) }; Id = 'InPlaceOnLeaf'; Category = 'InvalidOperation'; Names = 'leaf Variable' }
        @{ Name = 'an in-place change of a view of such a leaf'; Script = { $w['0'].Add_(1) }; Id = 'InPlaceOnLeaf'; Category = 'InvalidOperation'; Names = 'view of a leaf Variable' }
        @{ Name = 'an in-place add of its own transpose'; Script = { $m = New-Tensor -Zeros -Shape 2, 2; $m.Add_($m.T) }; Id = 'InPlaceOverlap'; Category = 'InvalidArgument'; Names = 'single memory location', 'strides [1, 2]' }
        @{ Name = 'Backward through a value overwritten in place'; Script = { $h = $w.Sigmoid(); $h.Mul_(2); $h.Sum().Backward() }; Id = 'SavedTensorModified'; Category = 'InvalidOperation'; Names = '[torch.FloatTensor [2]]', 'version 1; expected version 0' }
        @{ Name = 'Fill_ of NaN into int64'; Script = { $i.Fill_([double]::NaN) }; Id = 'ValueOverflow'; Category = 'InvalidArgument'; Names = 'int64_t', 'NaN' }
        @{ Name = 'an in-place add of a float to int64'; Script = { $i.Add_(0.5) }; Id = 'InPlaceDType'; Category = 'InvalidArgument'; Names = 'torch.float32', 'torch.int64' }
        @{ Name = 'an in-place add that would grow the tensor'; Script = { $v.Add_($a) }; Id = 'InPlaceShape'; Category = 'InvalidArgument'; Names = '[3]', '[2, 3]' }
        @{ Name = 'RetainGrad without grad'; Script = { $a.RetainGrad() }; Id = 'RetainGradNoGrad'; Category = 'InvalidOperation'; Names = 'requires_grad=False' }
        @{ Name = 'Neg of bool'; Script = { $mask.Neg() }; Id = 'BoolNegation'; Category = 'InvalidArgument'; Names = 'LogicalNot()' }
        @{ Name = 'Sub of bools'; Script = { $mask.Sub($mask) }; Id = 'BoolSubtraction'; Category = 'InvalidArgument'; Names = 'LogicalNot()' }
        @{ Name = 'Inv of a non-square matrix'; Script = { $a.Inv() }; Id = 'LinalgSquare'; Category = 'InvalidArgument'; Names = '2 by 3' }
        @{ Name = 'Det of a vector'; Script = { $v.Det() }; Id = 'LinalgRank'; Category = 'InvalidArgument'; Names = 'shape [3]' }
        @{ Name = 'Clamp without bounds'; Script = { $a.Clamp($null, $null) }; Id = 'ClampNoBounds'; Category = 'InvalidArgument'; Names = "'min'", "'max'" }
        @{ Name = 'an integer to a negative power'; Script = { $i.Pow(-1) }; Id = 'NegativeIntegerPower'; Category = 'InvalidArgument'; Names = 'exponent -1' }
        @{ Name = 'Argmax over a dim past the end'; Script = { $a.Argmax(3) }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = 'got 3' }
        @{ Name = 'Gather with an index of another rank'; Script = { $a.Gather(1, (New-Tensor 0, 5)) }; Id = 'IndexRank'; Category = 'InvalidArgument'; Names = 'index [2]', 'input [2, 3]' }
        @{ Name = 'Gather with a float index'; Script = { $a.Gather(1, (New-Tensor 0., 1)) }; Id = 'IndexDType'; Category = 'InvalidArgument'; Names = 'torch.float32' }
        @{ Name = 'IndexSelect past the end'; Script = { $a.IndexSelect(0, (New-Tensor 7)) }; Id = 'IndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index 7', 'size 2' }
        @{ Name = 'IndexSelect with a matrix index'; Script = { $a.IndexSelect(0, (New-Tensor -Zeros -Shape 1, 1 -DType int64)) }; Id = 'IndexSelectRank'; Category = 'InvalidArgument'; Names = '[1, 1]' }
        @{ Name = 'MaskedFill with a mask that does not broadcast'; Script = { $a.MaskedFill($mask, 1) }; Id = 'BroadcastShapeMismatch'; Category = 'InvalidArgument'; Names = '[2]', '[2, 3]' }
        @{ Name = 'MaxPool2d of a matrix'; Script = { $a.MaxPool2d(2) }; Id = 'PoolInputRank'; Category = 'InvalidArgument'; Names = '[2, 3]' }
    ) {
        Assert-BadInput $Script $Id $Category $Names
    }
}

Describe 'Tensor static functions refuse' {
    It '<Name>' -ForEach @(
        @{ Name = 'Cat of nothing'; Script = { [NNTools.Tensor]::Cat(@(), 0) }; Id = 'CatEmpty'; Category = 'InvalidArgument'; Names = 'non-empty list' }
        @{ Name = 'Cat of shapes that differ'; Script = { [NNTools.Tensor]::Cat(@((New-Tensor -Zeros -Shape 2, 3), (New-Tensor -Zeros -Shape 2, 4)), 0) }; Id = 'CatShapeMismatch'; Category = 'InvalidArgument'; Names = 'Expected size 3 but got size 4', 'tensor number 1' }
        @{ Name = 'Cat along a dim past the end'; Script = { [NNTools.Tensor]::Cat(@($a, $a), 5) }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = 'got 5' }
        @{ Name = 'Cat with a $null'; Script = { [NNTools.Tensor]::Cat(@($a, $null), 0) }; Id = 'NullArgument'; Category = 'InvalidArgument'; Names = "'tensors'", 'Cat' }
        @{ Name = 'Stack of shapes that differ'; Script = { [NNTools.Tensor]::Stack(@($a, $b), 0) }; Id = 'StackShapeMismatch'; Category = 'InvalidArgument'; Names = '[2, 3] at entry 0', '[4, 2] at entry 1' }
        @{ Name = 'Where with a float condition'; Script = { [NNTools.Tensor]::Where($v, $v, $v) }; Id = 'WhereConditionDType'; Category = 'InvalidArgument'; Names = 'torch.float32' }
        @{ Name = 'Where with a $null condition'; Script = { [NNTools.Tensor]::Where($null, $v, $v) }; Id = 'NullArgument'; Category = 'InvalidArgument'; Names = "'condition'", 'Where' }
        @{ Name = 'Zeros of a negative size'; Script = { [NNTools.Tensor]::Zeros(2, -1) }; Id = 'NegativeDimension'; Category = 'InvalidArgument'; Names = '-1', '[2, -1]' }
        @{ Name = 'Eye of a negative size'; Script = { [NNTools.Tensor]::Eye(-1) }; Id = 'NegativeDimension'; Category = 'InvalidArgument'; Names = '[-1, -1]' }
        @{ Name = 'Linspace with negative steps'; Script = { [NNTools.Tensor]::Linspace(0, 1, -1) }; Id = 'InvalidSteps'; Category = 'InvalidArgument'; Names = 'got -1' }
        @{ Name = 'Arange to NaN'; Script = { [NNTools.Tensor]::Arange(0, [double]::NaN) }; Id = 'InvalidRange'; Category = 'InvalidArgument'; Names = '0 -> NaN' }
        @{ Name = 'Randint with an empty range'; Script = { [NNTools.Tensor]::Randint(5, 1, @(2)) }; Id = 'InvalidRange'; Category = 'InvalidArgument'; Names = 'from=5', 'to=1' }
        @{ Name = 'a ragged constructor argument'; Script = { [NNTools.Tensor]::new(@(@(1, 2), @(3))) }; Id = 'RaggedInput'; Category = 'InvalidArgument'; Names = 'length 2', 'got 1' }
        @{ Name = 'Conv2d of a matrix'; Script = { [NNTools.Tensor]::Conv2d($a, $b) }; Id = 'ConvInputRank'; Category = 'InvalidArgument'; Names = '[2, 3]' }
        @{ Name = 'an unknown print profile'; Script = { [NNTools.PrintOptions]::Set($null, $null, $null, $null, 'huge') }; Id = 'UnknownPrintProfile'; Category = 'InvalidArgument'; Names = "'huge'", 'default, short, full' }
    ) {
        Assert-BadInput $Script $Id $Category $Names
    }
}

Describe 'Tensor properties refuse' {
    It '<Name>' -ForEach @(
        @{ Name = 'T of a 3-d tensor'; Script = { (New-Tensor -Zeros -Shape 2, 2, 2).T }; Id = 'TransposeRank'; Category = 'InvalidArgument'; Names = '3D' }
        @{ Name = 'MT of a vector'; Script = { $v.MT }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = '[-1, 0]', 'got -2' }
        @{ Name = 'RequiresGrad on int64'; Script = { $i.RequiresGrad = $true }; Id = 'RequiresGradDType'; Category = 'InvalidOperation'; Names = 'torch.int64' }
        @{ Name = 'RequiresGrad on a computed tensor'; Script = { ($w * 2).RequiresGrad = $false }; Id = 'RequiresGradNonLeaf'; Category = 'InvalidOperation'; Names = 'leaf variables' }
        @{ Name = 'a Grad of another shape'; Script = { $w.Grad = $v }; Id = 'GradShapeMismatch'; Category = 'InvalidArgument'; Names = 'shape [3]', 'shape [2]' }
        @{ Name = 'a negative print precision'; Script = { [NNTools.PrintOptions]::Precision = -1 }; Id = 'InvalidPrintOption'; Category = 'InvalidArgument'; Names = 'Precision', 'got -1' }
    ) {
        Assert-BadInput $Script $Id $Category $Names
    }
}

Describe 'Tensor indexers under strict mode refuse' {
    It '<Name>' -ForEach @(
        @{ Name = 'a row past the end'; Script = { $a['5, 0'] }; Id = 'IndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index 5', 'dimension 0', 'size 2' }
        @{ Name = 'a column past the end'; Script = { $a['0, 3'] }; Id = 'IndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index 3', 'dimension 1', 'size 3' }
        @{ Name = 'an integer past the end'; Script = { $a[7] }; Id = 'IndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index 7' }
        @{ Name = 'a negative integer past the start'; Script = { $a[-3] }; Id = 'IndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index -3' }
        @{ Name = 'a syntax error'; Script = { $a['1,,'] }; Id = 'IndexSyntax'; Category = 'InvalidArgument'; Names = "'1,,'", 'position 2' }
        @{ Name = 'a name'; Script = { $a['a'] }; Id = 'IndexSyntax'; Category = 'InvalidArgument'; Names = "'a'", 'position 0' }
        @{ Name = 'too many indices'; Script = { $a['0, 0, 0'] }; Id = 'TooManyIndices'; Category = 'InvalidArgument'; Names = 'dimension 2' }
        @{ Name = 'two ellipses'; Script = { $a['..., ...'] }; Id = 'IndexMultipleEllipsis'; Category = 'InvalidArgument'; Names = "'...'" }
        @{ Name = 'a step of 0'; Script = { $a['::0'] }; Id = 'SliceStep'; Category = 'InvalidArgument'; Names = "'::0'" }
        @{ Name = 'a negative step'; Script = { $a['::-1'] }; Id = 'SliceStep'; Category = 'InvalidArgument'; Names = 'got -1', 'Flip()' }
        @{ Name = 'a float tensor as index'; Script = { $a[$v] }; Id = 'IndexDType'; Category = 'InvalidArgument'; Names = 'torch.float32' }
        @{ Name = 'an index of a 0-d tensor'; Script = { (New-Tensor 1.)['0'] }; Id = 'TooManyIndices'; Category = 'InvalidArgument'; Names = 'Item()' }
        @{ Name = 'an assignment past the end'; Script = { $a['5'] = 1 }; Id = 'IndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index 5' }
        @{ Name = 'an assignment of the wrong shape'; Script = { $a['0'] = (New-Tensor 1., 2) }; Id = 'IndexPutShape'; Category = 'InvalidArgument'; Names = '[2]', '[3]' }
        @{ Name = 'an assignment into a leaf that requires grad'; Script = { $w['0'] = 3 }; Id = 'InPlaceOnLeaf'; Category = 'InvalidOperation'; Names = 'leaf Variable' }
    ) {
        Assert-BadInput $Script $Id $Category $Names
    }
}

Describe 'Tensor indexers without strict mode' {
    # PowerShell's binder turns an indexer read's exception into $null outside strict mode
    # (Errors.Tests.ps1 proves it); Index() and assignments still raise the full record.
    It '<Name>' -ForEach @(
        @{ Name = 'a read past the end gives $null'; Script = { $a['5, 0'] } }
        @{ Name = 'a syntax error gives $null'; Script = { $a['1,,'] } }
        @{ Name = 'an integer past the end gives $null'; Script = { $a[7] } }
    ) {
        & {
            Set-StrictMode -Off
            & $Script | Should -BeNullOrEmpty
        }
    }

    It '<Name>' -ForEach @(
        @{ Name = 'Index() past the end raises'; Script = { $a.Index('5, 0') }; Id = 'IndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index 5' }
        @{ Name = 'Index() with a syntax error raises'; Script = { $a.Index('1,,') }; Id = 'IndexSyntax'; Category = 'InvalidArgument'; Names = "'1,,'" }
        @{ Name = 'an assignment past the end raises'; Script = { $a['5'] = 1 }; Id = 'IndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index 5' }
    ) {
        & {
            Set-StrictMode -Off
            Assert-BadInput $Script $Id $Category $Names
        }
    }
}

Describe 'Tensor operators refuse, as PowerShell reports operators' {
    It '<Name>' -ForEach @(
        @{ Name = 'a + b of shapes that do not broadcast'; Script = { $a + $b }; Id = 'BroadcastShapeMismatch'; Names = '[2, 3]', '[4, 2]' }
        @{ Name = 'a - b of bools'; Script = { $mask - $mask }; Id = 'BoolSubtraction'; Names = 'LogicalNot()' }
        @{ Name = '-b of bools'; Script = { -$mask }; Id = 'BoolSubtraction'; Names = 'LogicalNot()' }
        @{ Name = 'a * b of shapes that do not broadcast'; Script = { $a * $b }; Id = 'BroadcastShapeMismatch'; Names = '[2, 3]', '[4, 2]' }
        @{ Name = 'a / b of shapes that do not broadcast'; Script = { $a / $b }; Id = 'BroadcastShapeMismatch'; Names = '[2, 3]', '[4, 2]' }
        @{ Name = 'a % b of shapes that do not broadcast'; Script = { $a % $b }; Id = 'BroadcastShapeMismatch'; Names = '[2, 3]', '[4, 2]' }
        @{ Name = 'an integer remainder by zero'; Script = { $i % 0 }; Id = 'IntegerDivisionByZero'; Names = 'by zero' }
        @{ Name = 'a + $null'; Script = { $a + $null }; Id = 'NullArgument'; Names = "'other'" }
        @{ Name = 'c += b of shapes that do not broadcast'; Script = { $c = $a; $c += $b }; Id = 'BroadcastShapeMismatch'; Names = '[4, 2]' }
    ) {
        $record = Get-BadInputError $Script
        $record.FullyQualifiedErrorId | Should -BeExactly 'DotNetMethodException'
        $record.CategoryInfo.Category | Should -Be 'NotSpecified'
        $record.Exception.InnerException.ErrorId | Should -BeExactly $Id
        $record.Exception.InnerException.ErrorRecord.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
        foreach ($name in $Names) { $record.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($name))*" }
    }
}
