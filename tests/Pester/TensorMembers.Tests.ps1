# Tensor and data set members as a PyTorch user reaches for them from PowerShell, and the two places
# where PowerShell's binder decides instead of the module (proved here, with what to use instead).
BeforeAll {
    Import-Module NNTools
}

Describe 'Tensor conversions' {
    It 'casts a one-element tensor with [double], [float], [long] and [int], as float(t) and int(t)' {
        [double](New-Tensor 2.5) | Should -Be 2.5
        [float](New-Tensor -Data @(@(1.5))) | Should -Be 1.5
        [long](New-Tensor 7) | Should -Be 7
        [int](New-Tensor 3.7) | Should -Be 3 -Because 'int() truncates toward zero'
        [int](New-Tensor -3.7) | Should -Be -3
    }

    It 'refuses to cast a tensor of several elements, naming its shape' {
        { [double](New-Tensor 1.0, 2.0) } | Should -Throw '*2 elements*shape `[2`]*'
    }

    It 'keeps tensor arithmetic with a number on the left' {
        (2 * (New-Tensor 1.0, 2.0)).ToString() | Should -BeExactly 'tensor([2., 4.])'
        (1 - (New-Tensor 1.0, 2.0)).ToString() | Should -BeExactly 'tensor([ 0., -1.])'
    }
}

Describe 'Data set members' {
    It 'counts its items with .Count, as len(dataset)' {
        (Get-Dataset iris).Count | Should -Be 150
        (New-Dataset (New-Tensor -Zeros -Shape 7, 2)).Count | Should -Be 7
    }

    It 'gives an item with an index, as dataset[i]' {
        $item = (Get-Dataset iris)[0]
        $item | Should -HaveCount 2
        $item[0].Shape | Should -Be @(4)
        $item[1].Item() | Should -Be 0
    }
}

Describe 'Model members' {
    It 'lists parameters, children and modules as lists PowerShell can index and count' {
        $model = New-Mlp 2, 3, 1
        $model.Parameters().Count | Should -Be 4
        $model.Parameters()[0].Shape | Should -Be @(3, 2)
        $model.Children()[1].ToString() | Should -BeExactly 'ReLU()'
        $model.NamedParameters()[1].Item1 | Should -BeExactly '0.bias'
        $model.Modules() | Should -HaveCount 4
    }
}

Describe 'What PowerShell decides' {
    # PowerShell's member names ignore case and one name holds one member: the property T hides
    # PyTorch's method t(). $t.T gives the same values (grad_fn PermuteBackward0, not TBackward0).
    It 'offers .T where PyTorch has both .T and .t()' {
        $t = New-Tensor -Ones -Shape 2, 3
        { $t.t() } | Should -Throw -ErrorId 'MethodNotFound'
        $t.T.Shape | Should -Be @(3, 2)
        $t.Transpose(0, 1).Shape | Should -Be @(3, 2)
    }

    # PowerShell swallows an indexer's exception unless strict mode is on and gives $null; Select()
    # and strict mode raise as PyTorch does.
    It 'returns $null for an index out of range without strict mode; Select and strict mode raise' {
        $t = New-Tensor 1.0, 2.0, 3.0
        & { Set-StrictMode -Off; $t[5] } | Should -BeNullOrEmpty
        { Set-StrictMode -Version 3; $t[5] } | Should -Throw '*index 5 is out of bounds*'
        { $t.Select(0, 5) } | Should -Throw '*index 5 is out of bounds*'
    }
}
